// A pet's tags: NFC serial numbers and printed QR tokens. Registering goes through the register_tag rpc,
// which retires the pet's previous tag of the same kind and refuses a tag another pet wears.
import type { Database } from '#lib/database.types.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export type TagKind = Database['public']['Enums']['tag_kind'];

export interface PetTag {
  id: string;
  uid: string;
  kind: TagKind;
  active: boolean;
  createdAt: string;
}

export type TagRefusal = { kind: 'taken' | 'invalid' | 'not_found'; message: string };

export async function listTags(supabase: Supabase, businessId: string, petId: string): Promise<PetTag[]> {
  const { data, error } = await supabase
    .from('pet_tags')
    .select('id, uid, kind, active, created_at')
    .eq('business_id', businessId)
    .eq('pet_id', petId)
    .order('active', { ascending: false })
    .order('created_at', { ascending: false });
  if (error) throw new DataError(`could not list tags: ${error.message}`, error.code);
  return data.map((t) => ({ id: t.id, uid: t.uid, kind: t.kind, active: t.active, createdAt: t.created_at }));
}

export async function registerTag(
  supabase: Supabase,
  petId: string,
  uid: string,
  kind: TagKind,
): Promise<{ ok: true; tag: PetTag } | { ok: false; refusal: TagRefusal }> {
  const { data, error } = await supabase.rpc('register_tag', { p_pet_id: petId, p_uid: uid, p_kind: kind });
  if (error) {
    switch (error.code) {
      case '23505':
        return {
          ok: false,
          refusal: { kind: 'taken', message: `Tag ${uid} is already worn by another pet. Deactivate it there first.` },
        };
      case '23514':
        return {
          ok: false,
          refusal: { kind: 'invalid', message: `“${uid}” is not a valid ${kind.toUpperCase()} tag.` },
        };
      case 'PT404':
        return { ok: false, refusal: { kind: 'not_found', message: 'This pet was not found.' } };
      default:
        throw new DataError(`could not register tag ${uid}: ${error.message}`, error.code);
    }
  }
  return {
    ok: true,
    tag: { id: data.id, uid: data.uid, kind: data.kind, active: data.active, createdAt: data.created_at },
  };
}

/** Takes a tag out of use (kept for the scan history); false when it is not this pet's tag. */
export async function deactivateTag(supabase: Supabase, petId: string, tagId: string): Promise<boolean> {
  const { data, error } = await supabase
    .from('pet_tags')
    .update({ active: false })
    .eq('pet_id', petId)
    .eq('id', tagId)
    .select('id');
  if (error) throw new DataError(`could not deactivate tag ${tagId}: ${error.message}`, error.code);
  return data.length === 1;
}
