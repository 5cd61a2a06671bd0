-- Claim by confirmed e-mail (rpc/claim_my_clients.sql): a confirmed login is linked to the unlinked client
-- records holding its address. The claim runs on confirmation and on sign-ins without a client row, so its
-- lookup (every business's unlinked rows with one address) is indexed rather than a scan of all clients.
create index clients_unlinked_email_idx on public.clients (email) where user_id is null;
comment on index public.clients_unlinked_email_idx is 'Claim by confirmed e-mail: unlinked client records by address.';
