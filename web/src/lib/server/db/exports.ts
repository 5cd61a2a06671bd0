// Rows for the CSV exports, read page by page (keyset on id) through the request's client so RLS
// applies and a large business never loads whole into memory. Each export is a header and an async
// stream of rows in the same column order.
import type { CsvValue } from '#lib/csv.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface Export {
  header: string[];
  rows: AsyncIterable<CsvValue[]>;
}

const PAGE = 500;

/** Walks a table in id order, one page per round trip. */
async function* pages<T extends { id: string }>(
  fetchPage: (
    after: string | null,
  ) => PromiseLike<{ data: T[] | null; error: { message: string; code?: string } | null }>,
  what: string,
): AsyncGenerator<T> {
  let after: string | null = null;
  for (;;) {
    const { data, error } = await fetchPage(after);
    if (error) throw new DataError(`could not export ${what}: ${error.message}`, error.code);
    if (!data?.length) return;
    yield* data;
    if (data.length < PAGE) return;
    after = data[data.length - 1].id;
  }
}

export function exportClients(supabase: Supabase, businessId: string): Export {
  async function* rows() {
    const all = pages((after) => {
      let q = supabase
        .from('clients')
        .select('id, full_name, email, phone, address, consent_marketing, consent_sms, consent_photos, created_at')
        .eq('business_id', businessId);
      if (after) q = q.gt('id', after);
      return q.order('id').limit(PAGE);
    }, 'clients');
    for await (const c of all)
      yield [
        c.id,
        c.full_name,
        c.email,
        c.phone,
        c.address,
        c.consent_marketing,
        c.consent_sms,
        c.consent_photos,
        c.created_at,
      ];
  }
  return {
    header: [
      'id',
      'full_name',
      'email',
      'phone',
      'address',
      'consent_marketing',
      'consent_sms',
      'consent_photos',
      'created_at',
    ],
    rows: rows(),
  };
}

export function exportPets(supabase: Supabase, businessId: string): Export {
  async function* rows() {
    const all = pages((after) => {
      let q = supabase
        .from('pets')
        .select(
          'id, name, species, breed, sex, birth_date, weight_kg, microchip, is_active, client_id, client:clients!inner(full_name)',
        )
        .eq('business_id', businessId);
      if (after) q = q.gt('id', after);
      return q.order('id').limit(PAGE);
    }, 'pets');
    for await (const p of all)
      yield [
        p.id,
        p.name,
        p.species,
        p.breed,
        p.sex,
        p.birth_date,
        p.weight_kg,
        p.microchip,
        p.is_active,
        p.client_id,
        p.client.full_name,
      ];
  }
  return {
    header: [
      'id',
      'name',
      'species',
      'breed',
      'sex',
      'birth_date',
      'weight_kg',
      'microchip',
      'is_active',
      'client_id',
      'client_name',
    ],
    rows: rows(),
  };
}

export function exportBookings(supabase: Supabase, businessId: string): Export {
  async function* rows() {
    const all = pages((after) => {
      let q = supabase
        .from('bookings')
        .select(
          'id, status, starts_at, ends_at, notes, created_at, service:services!inner(name, price_cents), pet:pets!inner(name, client:clients!inner(full_name))',
        )
        .eq('business_id', businessId);
      if (after) q = q.gt('id', after);
      return q.order('id').limit(PAGE);
    }, 'bookings');
    for await (const b of all)
      yield [
        b.id,
        b.service.name,
        b.pet.name,
        b.pet.client.full_name,
        b.starts_at,
        b.ends_at,
        b.status,
        b.service.price_cents / 100,
        b.notes,
        b.created_at,
      ];
  }
  return {
    header: ['id', 'service', 'pet', 'client', 'starts_at', 'ends_at', 'status', 'price', 'notes', 'created_at'],
    rows: rows(),
  };
}
