-- "Delete my account": the caller (a pet parent) confirms with their e-mail address. Every client record of
-- the login, in every business, loses its personal data (name, e-mail, phone, address, location, consents)
-- and its link to the login; the audit history of those records loses the same fields; the login goes
-- (with its calendar feed, message preferences and data exports). What businesses must keep stays, with
-- nobody's name on it: pets, bookings, vaccinations, medical records, report cards. Each business's audit
-- log gets one entry saying so. A staff member or driver must leave their businesses first.
create function public.delete_my_account(p_email text) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
  v_email text;
  v_clients uuid[];
  v_businesses uuid[];
  v_personal text[] := array['full_name', 'email', 'phone', 'address', 'geo', 'user_id'];
begin
  if v_user is null then
    raise exception 'sign in first' using errcode = '42501', hint = 'sign_in_required';
  end if;
  select u.email into v_email from auth.users u where u.id = v_user;
  if v_email is null or lower(btrim(coalesce(p_email, ''))) <> lower(v_email) then
    raise exception 'type your e-mail address to confirm' using errcode = '22023', hint = 'account_email_mismatch';
  end if;
  if exists (select 1 from public.memberships m where m.user_id = v_user) then
    raise exception 'leave your businesses first' using errcode = '42501', hint = 'account_has_staff_seats',
      detail = jsonb_build_object('businesses', (select count(*) from public.memberships m where m.user_id = v_user))::text;
  end if;

  select coalesce(array_agg(c.id), '{}'), coalesce(array_agg(distinct c.business_id), '{}')
  into v_clients, v_businesses
  from public.clients c where c.user_id = v_user;

  update public.clients
  set full_name = 'Former client', email = null, phone = null, address = null, geo = null, user_id = null,
      consent_marketing = false, consent_sms = false, consent_photos = false, consent_updated_at = now()
  where id = any (v_clients);
  -- the audit history keeps what happened to the records, not who the person was
  update public.audit_log a
  set old = case when a.old is null then null else a.old - v_personal end,
      new = case when a.new is null then null else a.new - v_personal end
  where a.table_name = 'clients' and a.row_id = any (select unnest(v_clients)::text);
  insert into public.audit_log (business_id, actor, table_name, row_id, action, reason)
  select c.business_id, null, 'clients', c.id::text, 'UPDATE',
         'The pet parent deleted their portal account: personal data removed, bookings and health records kept anonymised.'
  from public.clients c where c.id = any (v_clients);

  delete from auth.users where id = v_user;
  return jsonb_build_object('clients', cardinality(v_clients), 'businesses', cardinality(v_businesses));
end
$$;
comment on function public.delete_my_account(text) is
  'Deletes the caller''s login after they type their e-mail: client records anonymised, bookings and health records kept, audited.';
revoke execute on function public.delete_my_account(text) from public, anon;
grant execute on function public.delete_my_account(text) to authenticated;
