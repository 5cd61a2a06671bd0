-- Foundations for the domain: a private schema for helpers that must never be exposed through the
-- API, and the enumerated vocabularies the tables share.

-- Extensions the domain uses, in schema extensions as Supabase keeps them. A hosted project has only some
-- enabled from the start, so say so here (no-ops where they already exist).
create extension if not exists pgcrypto with schema extensions;
create extension if not exists citext with schema extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists postgis with schema extensions;
-- uuid equality inside a gist index: the bookings' no-double-booking exclusion constraint
create extension if not exists btree_gist with schema extensions;

create schema if not exists private;
comment on schema private is 'Helpers used by policies and rpc functions; not exposed through the API.';
grant usage on schema private to authenticated, service_role;

-- The platform's defaults let anon and authenticated execute every new function in public; revoke that,
-- so each function grants its callers right under its definition (where PUBLIC's built-in grant is revoked too).
alter default privileges in schema public revoke execute on functions from anon, authenticated;
-- Tables grant exactly what each API role may do, table by table: anon nothing (sign-up needs no table
-- access), authenticated only the operations its policies are written for.
alter default privileges in schema public revoke all on tables from anon, authenticated;

create type public.member_role as enum ('owner', 'manager', 'staff', 'driver');
comment on type public.member_role is 'What a member of a business may do: owner > manager > staff; drivers only drive.';

create type public.tag_kind as enum ('nfc', 'qr');
comment on type public.tag_kind is 'How a pet tag is read: an NFC serial number or a printed QR code.';

create type public.scan_action as enum ('check_in', 'check_out');
comment on type public.scan_action is 'What a tag scan did.';

create type public.service_kind as enum ('daycare', 'boarding', 'grooming', 'training', 'transport');
comment on type public.service_kind is 'The kinds of service a business sells.';

create type public.booking_status as enum ('requested', 'confirmed', 'waitlisted', 'checked_in', 'checked_out', 'cancelled', 'no_show');
comment on type public.booking_status is 'Life cycle of a booking; allowed moves are enforced by private.booking_status_guard().';

create type public.vaccination_source as enum ('staff', 'parent', 'partner');
comment on type public.vaccination_source is 'Who recorded a vaccination; parent records wait for staff review.';

create type public.medical_record_kind as enum ('checkup', 'treatment', 'surgery', 'allergy', 'medication');
comment on type public.medical_record_kind is 'Kinds of medical record.';

create type public.incident_severity as enum ('low', 'medium', 'high', 'critical');
comment on type public.incident_severity is 'How serious an incident was.';

create type public.transport_kind as enum ('pickup', 'dropoff');
comment on type public.transport_kind is 'Direction of a pet-taxi trip.';

create type public.transport_status as enum ('requested', 'scheduled', 'in_progress', 'done', 'cancelled');
comment on type public.transport_status is 'Life cycle of a transport request.';

create type public.route_status as enum ('planned', 'in_progress', 'done');
comment on type public.route_status is 'Life cycle of a driver''s route.';

create type public.stop_status as enum ('pending', 'arrived', 'done', 'skipped');
comment on type public.stop_status is 'Progress of one stop on a route.';

create type public.partner_kind as enum ('vet', 'food_brand', 'groomer', 'pet_store');
comment on type public.partner_kind is 'Kinds of partner organisation.';

create type public.notification_channel as enum ('email', 'sms', 'push', 'in_app', 'webhook');
comment on type public.notification_channel is 'How a notification is delivered.';

create type public.notification_status as enum ('pending', 'sending', 'sent', 'failed', 'dead', 'skipped');
comment on type public.notification_status is 'Outbox state of a notification: sending = claimed by a dispatcher under a lease; skipped = the recipient opted out (never sent).';

-- Keeps updated_at honest without trusting clients.
create function private.touch_updated_at() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;
comment on function private.touch_updated_at() is 'Trigger: stamps updated_at on every update.';
revoke execute on function private.touch_updated_at() from public;

-- Life cycles of transport requests, routes and stops: the allowed status moves are listed on each
-- trigger as 'from>to' arguments, checked by one guard. Bookings have their own (they also involve roles).

create function private.status_transition_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_from text := to_jsonb(old) ->> 'status';
  v_to text := to_jsonb(new) ->> 'status';
begin
  if v_from = v_to or (v_from || '>' || v_to) = any (tg_argv) then
    return new;
  end if;
  raise exception '% cannot go from % to %', tg_table_name, v_from, v_to using errcode = '23514',
    hint = 'status_move_not_allowed',
    detail = jsonb_build_object('table', tg_table_name, 'from', v_from, 'to', v_to)::text;
end
$$;
comment on function private.status_transition_guard() is 'Trigger: allows only the status moves listed as its from>to arguments.';
revoke execute on function private.status_transition_guard() from public;
