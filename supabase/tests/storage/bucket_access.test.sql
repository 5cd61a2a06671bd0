-- Storage: the three private buckets, and who may read, upload, replace and delete objects under
-- <business_id>/<pet_id>/ — mirroring table access; other tenants and strangers are refused.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql

select tests.build_world();
insert into storage.objects (bucket_id, name, owner)
select b, tests.key('businesses') || '/' || tests.key('pets') || '/file.jpg', tests.id('staff')
from unnest(array['pet-photos', 'documents', 'incident-photos']) b;
-- the document is the world vaccination's certificate (a parent reads only certificates and shared records' files)
update public.vaccinations set document_path = tests.key('businesses') || '/' || tests.key('pets') || '/file.jpg'
where id = tests.id('vaccinations');

create temp table expected (bucket text, op text, allowed text[]) on commit drop;
insert into expected values
  ('pet-photos', 'select', '{owner,manager,staff,parent}'), ('pet-photos', 'insert', '{owner,manager,staff,parent}'),
  ('pet-photos', 'update', '{owner,manager,staff,parent}'), ('pet-photos', 'delete', '{owner,manager,staff}'),
  ('documents', 'select', '{owner,manager,staff,parent}'), ('documents', 'insert', '{owner,manager,staff,parent}'),
  ('documents', 'update', '{owner,manager,staff}'), ('documents', 'delete', '{owner,manager}'),
  ('incident-photos', 'select', '{owner,manager,staff,parent}'), ('incident-photos', 'insert', '{owner,manager,staff}'),
  ('incident-photos', 'update', '{owner,manager,staff}'), ('incident-photos', 'delete', '{owner,manager}');
create temp table actors (actor text) on commit drop;
insert into actors values ('owner'), ('manager'), ('staff'), ('driver'), ('parent'), ('other_owner'), ('stranger'), ('anon');

create function pg_temp.object_sql(p_bucket text, p_op text) returns text language sql as $$
  select case p_op
    when 'select' then format('select 1 from storage.objects where bucket_id = %L and name = %L', p_bucket, tests.key('businesses') || '/' || tests.key('pets') || '/file.jpg')
    when 'insert' then format('insert into storage.objects (bucket_id, name) values (%L, %L)', p_bucket, tests.key('businesses') || '/' || tests.key('pets') || '/new.jpg')
    when 'update' then format('update storage.objects set metadata = %L where bucket_id = %L and name = %L', '{"size": 1}', p_bucket, tests.key('businesses') || '/' || tests.key('pets') || '/file.jpg')
    else format('delete from storage.objects where bucket_id = %L and name = %L', p_bucket, tests.key('businesses') || '/' || tests.key('pets') || '/file.jpg')
  end
$$;
create function pg_temp.object_outcome(p_actor text, p_sql text) returns text language plpgsql as $$
declare
  v text;
begin
  perform tests.act_as(p_actor);
  v := tests.try(p_sql);
  perform tests.clear_authentication();
  return tests.outcome(v);
end $$;

select plan((select count(*)::int from expected, actors) + 4);

select is(
  (select array_agg(id || ':' || public order by id) from storage.buckets where id in ('pet-photos', 'documents', 'incident-photos')),
  array['documents:false', 'incident-photos:false', 'pet-photos:false'], 'the three buckets exist and are private'
);

select is(
  pg_temp.object_outcome(a.actor, pg_temp.object_sql(e.bucket, e.op)),
  case when a.actor = any (e.allowed) then 'allowed' else 'refused' end,
  format('%s: %s %s is %s', e.bucket, a.actor, e.op, case when a.actor = any (e.allowed) then 'allowed' else 'refused' end)
)
from expected e cross join actors a order by e.bucket, e.op, a.actor;

-- a parent's pet id under another business's folder does not make the folder theirs
select is(
  pg_temp.object_outcome('parent', format('insert into storage.objects (bucket_id, name) values (%L, %L)', 'pet-photos',
    tests.key('business_b') || '/' || tests.key('pets') || '/sneaky.jpg')),
  'refused', 'a parent cannot upload into another business''s folder'
);
select is(
  pg_temp.object_outcome('staff', format('insert into storage.objects (bucket_id, name) values (%L, %L)', 'documents',
    tests.key('business_b') || '/x/cert.pdf')),
  'refused', 'staff cannot upload into another business''s folder'
);
select is(
  pg_temp.object_outcome('staff', format('insert into storage.objects (bucket_id, name) values (%L, %L)', 'pet-photos', 'no-business.jpg')),
  'refused', 'an object outside any business folder is refused'
);

select * from finish();
rollback;
