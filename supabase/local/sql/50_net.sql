-- A stand-in for the pg_net extension (not packaged for Debian): the same schema, tables and public
-- functions in plain SQL, so migrations, pg_cron jobs and database webhooks call net.http_post exactly
-- as on Supabase. The requests themselves are sent by the stack's worker (supabase/local/src/net/
-- worker.ts), which LISTENs on pg_net_wake and drains the queue the way pg_net's background worker does.
-- Our own text, written from pg_net's documented API.

create schema if not exists net;
comment on schema net is 'pg_net stand-in: asynchronous HTTP from SQL, performed by the local stack''s worker.';

create type net.http_method as enum ('GET', 'POST', 'DELETE');
comment on type net.http_method is 'The HTTP methods pg_net can send.';

create type net.request_status as enum ('PENDING', 'SUCCESS', 'ERROR');
comment on type net.request_status is 'State of a request, as net.http_collect_response reports it.';

create type net.http_response as (status_code integer, headers jsonb, body text);
comment on type net.http_response is 'A response as net.http_collect_response returns it.';

create type net.http_response_result as (status net.request_status, message text, response net.http_response);
comment on type net.http_response_result is 'Result of net.http_collect_response.';

-- Unlogged, as pg_net's: the queue and responses are transient and not worth WAL.
create unlogged table net.http_request_queue (
  id bigserial primary key,
  method net.http_method not null,
  url text not null,
  headers jsonb not null,
  body bytea,
  timeout_milliseconds integer not null
);
comment on table net.http_request_queue is 'Requests waiting for the worker; it deletes them as it takes them.';

create unlogged table net._http_response (
  id bigint,
  status_code integer,
  content_type text,
  headers jsonb,
  content text,
  timed_out boolean,
  error_msg text,
  created timestamptz not null default now()
);
create index _http_response_created_idx on net._http_response (created);
-- pg_net has no index on id; ours keeps _await_response and tests' lookups cheap.
create index _http_response_id_idx on net._http_response (id);
comment on table net._http_response is 'One row per finished request (id = the request id); deleted after pg_net.ttl (6 hours).';

create function net.wake() returns void
language sql volatile
as $$ select pg_notify('pg_net_wake', '') $$;
comment on function net.wake() is 'Wakes the worker (it also polls every second in case a notification was missed).';

-- Appends params to the url as an encoded query string, pg_net's way of building GET urls.
create function net._encode_url_with_params(url text, params jsonb) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  query text;
begin
  if params is null or jsonb_typeof(params) <> 'object' then
    raise exception 'params must be a json object' using errcode = '22023';
  end if;
  select string_agg(net._urlencode(key) || '=' || net._urlencode(value), '&')
    into query
    from jsonb_each_text(params);
  if query is null then
    return url;
  end if;
  return url || case when position('?' in url) > 0 then '&' else '?' end || query;
end
$$;
comment on function net._encode_url_with_params(text, jsonb) is 'url plus params as an encoded query string.';

create function net._urlencode(value text) returns text
language plpgsql immutable strict
set search_path = ''
as $$
declare
  bytes bytea := convert_to(value, 'UTF8');
  out text := '';
  b int;
begin
  for i in 0 .. length(bytes) - 1 loop
    b := get_byte(bytes, i);
    -- RFC 3986 unreserved characters stay as they are; every other byte is percent-encoded.
    if (b between 48 and 57) or (b between 65 and 90) or (b between 97 and 122) or b in (45, 46, 95, 126) then
      out := out || chr(b);
    else
      out := out || '%' || upper(lpad(to_hex(b), 2, '0'));
    end if;
  end loop;
  return out;
end
$$;
comment on function net._urlencode(text) is 'Percent-encodes a query-string component.';

create function net._check_headers(headers jsonb) returns jsonb
language plpgsql immutable
set search_path = ''
as $$
begin
  if headers is null or jsonb_typeof(headers) <> 'object' then
    raise exception 'headers must be a json object' using errcode = '22023';
  end if;
  return headers;
end
$$;
comment on function net._check_headers(jsonb) is 'Rejects headers that are not a json object.';

create function net._enqueue(method net.http_method, url text, headers jsonb, body bytea, timeout_milliseconds integer)
returns bigint
language plpgsql volatile
set search_path = ''
as $$
declare
  request_id bigint;
begin
  if url is null or url !~* '^https?://' then
    raise exception 'url must be an http or https url: %', url using errcode = '22023';
  end if;
  if timeout_milliseconds is null or timeout_milliseconds <= 0 then
    raise exception 'timeout_milliseconds must be positive' using errcode = '22023';
  end if;
  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values (method, url, headers, body, timeout_milliseconds)
  returning id into request_id;
  perform net.wake();
  return request_id;
end
$$;
comment on function net._enqueue(net.http_method, text, jsonb, bytea, integer) is 'Queues a request and wakes the worker; returns its id.';

create function net.http_get(
  url text,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb,
  timeout_milliseconds integer default 5000
) returns bigint
language sql volatile
-- security definer as Supabase grants pg_net to the API roles: callers need no rights on net's tables.
security definer
set search_path = ''
as $$
  select net._enqueue('GET', net._encode_url_with_params(url, params), net._check_headers(headers), null, timeout_milliseconds)
$$;
comment on function net.http_get(text, jsonb, jsonb, integer) is 'Queues an asynchronous GET; the response lands in net._http_response under the returned id.';

create function net.http_post(
  url text,
  body jsonb default '{}'::jsonb,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{"Content-Type": "application/json"}'::jsonb,
  timeout_milliseconds integer default 5000
) returns bigint
language plpgsql volatile
security definer
set search_path = ''
as $$
declare
  content_type text;
begin
  headers := net._check_headers(headers);
  select value into content_type from jsonb_each_text(headers) where lower(key) = 'content-type' limit 1;
  -- Like pg_net: a JSON body is sent as JSON; another declared content type is refused.
  if content_type is null then
    headers := headers || '{"Content-Type": "application/json"}'::jsonb;
  elsif content_type not ilike 'application/json%' then
    raise exception 'Content-Type header must be "application/json"' using errcode = '22023';
  end if;
  return net._enqueue('POST', net._encode_url_with_params(url, params), headers,
    case when body is null then null else convert_to(body::text, 'UTF8') end, timeout_milliseconds);
end
$$;
comment on function net.http_post(text, jsonb, jsonb, jsonb, integer) is 'Queues an asynchronous POST of a JSON body; the response lands in net._http_response under the returned id.';

create function net.http_delete(
  url text,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb,
  timeout_milliseconds integer default 5000,
  body jsonb default null
) returns bigint
language sql volatile
security definer
set search_path = ''
as $$
  select net._enqueue('DELETE', net._encode_url_with_params(url, params), net._check_headers(headers),
    case when body is null then null else convert_to(body::text, 'UTF8') end, timeout_milliseconds)
$$;
comment on function net.http_delete(text, jsonb, jsonb, integer, jsonb) is 'Queues an asynchronous DELETE; the response lands in net._http_response under the returned id.';

create function net._await_response(request_id bigint) returns boolean
language plpgsql volatile parallel safe
-- security definer: callers granted this need not read net._http_response themselves.
security definer
set search_path = ''
as $$
begin
  -- Only useful outside the transaction that queued the request: the worker cannot see it before commit.
  loop
    exit when exists (select 1 from net._http_response r where r.id = request_id);
    perform pg_sleep(0.05);
  end loop;
  return true;
end
$$;
comment on function net._await_response(bigint) is 'Blocks until the response to request_id has been recorded.';

create function net.http_collect_response(request_id bigint, async boolean default true)
returns net.http_response_result
language plpgsql volatile
security definer
set search_path = ''
as $$
declare
  r net._http_response;
begin
  if not async then
    perform net._await_response(request_id);
  end if;
  select * into r from net._http_response where id = request_id;
  if not found then
    return row('PENDING', 'request is pending processing', null)::net.http_response_result;
  end if;
  if r.error_msg is not null then
    return row('ERROR', r.error_msg, null)::net.http_response_result;
  end if;
  return row('SUCCESS', 'ok', row(r.status_code, r.headers, r.content)::net.http_response)::net.http_response_result;
end
$$;
comment on function net.http_collect_response(bigint, boolean) is 'Deprecated in pg_net, kept for old callers: the response to a request, or its pending/error state.';

-- pg_net's access model on Supabase: the API roles may queue requests; the tables stay private.
revoke all on schema net from public;
grant usage on schema net to postgres, anon, authenticated, service_role, supabase_functions_admin;
revoke execute on all functions in schema net from public;
grant execute on function net.http_get(text, jsonb, jsonb, integer) to postgres, anon, authenticated, service_role, supabase_functions_admin;
grant execute on function net.http_post(text, jsonb, jsonb, jsonb, integer) to postgres, anon, authenticated, service_role, supabase_functions_admin;
grant execute on function net.http_delete(text, jsonb, jsonb, integer, jsonb) to postgres, anon, authenticated, service_role, supabase_functions_admin;
grant execute on function net.http_collect_response(bigint, boolean) to postgres, service_role, supabase_functions_admin;
grant execute on function net._await_response(bigint) to postgres, service_role, supabase_functions_admin;
grant all on all tables in schema net to supabase_functions_admin;
grant all on all sequences in schema net to supabase_functions_admin;

-- Database webhooks (the dashboard's "Database Webhooks"): a row trigger calling
-- supabase_functions.http_request(url, method, headers, params, timeout_ms) sends the changed row
-- through net.http_post / net.http_get, and each call is recorded in supabase_functions.hooks.
create schema if not exists supabase_functions authorization supabase_functions_admin;
comment on schema supabase_functions is 'Database webhooks: the trigger function and its call log.';
grant usage on schema supabase_functions to postgres, anon, authenticated, service_role;

create table supabase_functions.hooks (
  id bigserial primary key,
  hook_table_id integer not null,
  hook_name text not null,
  created_at timestamptz not null default now(),
  request_id bigint
);
create index supabase_functions_hooks_request_id_idx on supabase_functions.hooks (request_id);
create index supabase_functions_hooks_h_table_id_h_name_idx on supabase_functions.hooks (hook_table_id, hook_name);
comment on table supabase_functions.hooks is 'One row per webhook call: which trigger fired and the net request id it queued.';
alter table supabase_functions.hooks owner to supabase_functions_admin;

create function supabase_functions.http_request() returns trigger
language plpgsql volatile
-- security definer: it writes the call log, which the role that changed the row cannot.
security definer
set search_path = ''
as $$
declare
  url text := tg_argv[0];
  method text := upper(coalesce(tg_argv[1], 'POST'));
  headers jsonb := coalesce(nullif(tg_argv[2], ''), '{}')::jsonb;
  params jsonb := coalesce(nullif(tg_argv[3], ''), '{}')::jsonb;
  timeout_ms integer := coalesce(nullif(tg_argv[4], '')::integer, 1000);
  payload jsonb;
  request_id bigint;
begin
  if url is null or url = '' then
    raise exception 'url argument is missing' using errcode = '22023';
  end if;
  payload := jsonb_build_object(
    'old_record', case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end,
    'record', case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end,
    'type', tg_op,
    'table', tg_table_name,
    'schema', tg_table_schema
  );
  if method = 'POST' then
    request_id := net.http_post(url, payload, params, headers, timeout_ms);
  elsif method = 'GET' then
    request_id := net.http_get(url, params, headers, timeout_ms);
  else
    raise exception 'method argument % is invalid', method using errcode = '22023';
  end if;
  insert into supabase_functions.hooks (hook_table_id, hook_name, request_id)
  values (tg_relid, tg_name, request_id);
  return coalesce(new, old);
end
$$;
comment on function supabase_functions.http_request() is 'Row trigger for database webhooks; arguments: url, method (POST|GET), headers json, params json, timeout ms.';
alter function supabase_functions.http_request() owner to supabase_functions_admin;
revoke execute on function supabase_functions.http_request() from public;
grant execute on function supabase_functions.http_request() to postgres, anon, authenticated, service_role;
