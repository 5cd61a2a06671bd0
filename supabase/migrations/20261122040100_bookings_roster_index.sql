-- Why: the roster asks for a business's bookings overlapping a day (starts_at < day end and ends_at > day start); with only (business_id, starts_at) it reads the business's whole history.
create index bookings_business_ends_idx on public.bookings (business_id, ends_at);
comment on index public.bookings_business_ends_idx is 'A business''s bookings still running after a moment: the roster''s and the day views'' lower bound.';
