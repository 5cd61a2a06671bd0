-- Files: pet photos, documents (vaccine certificates, medical files) and incident photos. Every object
-- path is <business_id>/<pet_id>/<file>, so policies key on the first two folders; all buckets are private
-- and downloads go through signed URLs.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('pet-photos', 'pet-photos', false, 10485760, '{image/jpeg,image/png,image/webp,image/heic}'),
  ('documents', 'documents', false, 20971520, '{application/pdf,image/jpeg,image/png,image/webp,image/heic}'),
  ('incident-photos', 'incident-photos', false, 10485760, '{image/jpeg,image/png,image/webp,image/heic}')
on conflict (id) do nothing;

create function private.object_business(p_name text) returns uuid
language plpgsql
immutable
set search_path = ''
as $$
begin
  return private.uuid_or_null((storage.foldername(p_name))[1]);
end
$$;
comment on function private.object_business(text) is 'The business an object belongs to: its first folder.';
revoke execute on function private.object_business(text) from public;
grant execute on function private.object_business(text) to authenticated;

create function private.object_pet_folder(p_name text) returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  return (storage.foldername(p_name))[1] || '/' || (storage.foldername(p_name))[2];
end
$$;
comment on function private.object_pet_folder(text) is 'The <business_id>/<pet_id> folder of an object.';
revoke execute on function private.object_pet_folder(text) from public;
grant execute on function private.object_pet_folder(text) to authenticated;

create policy "signed-in users read the app's bucket settings" on storage.buckets
  for select to authenticated using (id in ('pet-photos', 'documents', 'incident-photos', 'report-photos'));

-- A document a parent may open: a certificate of a vaccination they can read, or a file of a medical record the
-- business shared with them. Invoker: the tables' own policies decide which rows the parent sees (portal, issue 11).
create function private.parent_may_read_document(p_name text) returns boolean
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  return exists (select 1 from public.vaccinations v where v.document_path = p_name)
      or exists (select 1 from public.medical_records m where p_name = any (m.documents));
end
$$;
comment on function private.parent_may_read_document(text) is
  'Whether the caller (a parent) may read this documents object: their pet''s certificate or a shared medical record''s file.';
revoke execute on function private.parent_may_read_document(text) from public;
grant execute on function private.parent_may_read_document(text) to authenticated;

-- Staff of the business read every file; parents read their own pets' photos, and of the documents only
-- certificates and the files of records shared with them.
create policy "staff read business files; parents their pets'" on storage.objects
  for select to authenticated
  using (bucket_id in ('pet-photos', 'documents', 'incident-photos')
    and (private.object_business(name) in (select private.staff_business_ids())
         or (private.object_pet_folder(name) in (select private.my_pet_folders())
             and (bucket_id <> 'documents' or private.parent_may_read_document(name)))));
-- Parents may add photos and certificates of their pets (certificates land in the review queue).
create policy "staff upload business files; parents their pets' files" on storage.objects
  for insert to authenticated
  with check (bucket_id in ('pet-photos', 'documents', 'incident-photos')
    and (private.object_business(name) in (select private.staff_business_ids())
         or (bucket_id in ('pet-photos', 'documents') and private.object_pet_folder(name) in (select private.my_pet_folders()))));
create policy "staff replace business files; parents their pets' photos" on storage.objects
  for update to authenticated
  using (bucket_id in ('pet-photos', 'documents', 'incident-photos')
    and (private.object_business(name) in (select private.staff_business_ids())
         or (bucket_id = 'pet-photos' and private.object_pet_folder(name) in (select private.my_pet_folders()))))
  with check (bucket_id in ('pet-photos', 'documents', 'incident-photos')
    and (private.object_business(name) in (select private.staff_business_ids())
         or (bucket_id = 'pet-photos' and private.object_pet_folder(name) in (select private.my_pet_folders()))));
create policy "managers delete business files; staff pet photos" on storage.objects
  for delete to authenticated
  using (private.object_business(name) in (select private.manager_business_ids())
         and bucket_id in ('pet-photos', 'documents', 'incident-photos')
      or private.object_business(name) in (select private.staff_business_ids()) and bucket_id = 'pet-photos');
