// Rows for the CSV exports, read page by page (keyset on id) through the request's client so RLS
// applies and a large business never loads whole into memory. Each export is a header and an async
// stream of rows in the same column order.
import { csvDateTime, csvMoney, type CsvValue } from '#lib/csv.ts';
import type { Supabase } from '../supabase.ts';
import { settingsCurrency } from './businesses.ts';
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

/** Walks a query in a fixed order by offset, one page per round trip (for exports sorted by time). */
async function* ordered<T>(
  fetchPage: (
    from: number,
    to: number,
  ) => PromiseLike<{ data: T[] | null; error: { message: string; code?: string } | null }>,
  what: string,
): AsyncGenerator<T> {
  for (let from = 0; ; from += PAGE) {
    const { data, error } = await fetchPage(from, from + PAGE - 1);
    if (error) throw new DataError(`could not export ${what}: ${error.message}`, error.code);
    if (!data?.length) return;
    yield* data;
    if (data.length < PAGE) return;
  }
}

/** The business's clock and currency, which the bookings export writes its times and prices in. */
async function businessLocale(supabase: Supabase, businessId: string): Promise<{ zone: string; currency: string }> {
  const { data, error } = await supabase.from('businesses').select('timezone, settings').eq('id', businessId).single();
  if (error) throw new DataError(`could not read the business: ${error.message}`, error.code);
  return { zone: data.timezone, currency: settingsCurrency(data.settings) ?? 'price' };
}

/**
 * Bookings in the order they happen, with times on the business's clock and prices in its currency,
 * both named in the header ("Starts (Europe/London)", "Price (GBP)").
 */
export async function exportBookings(supabase: Supabase, businessId: string): Promise<Export> {
  const { zone, currency } = await businessLocale(supabase, businessId);
  async function* rows() {
    const all = ordered(
      (from, to) =>
        supabase
          .from('bookings')
          .select(
            'id, status, starts_at, ends_at, notes, created_at, service:services!inner(name, price_cents), pet:pets!inner(name, client:clients!inner(full_name))',
          )
          .eq('business_id', businessId)
          .order('starts_at')
          .order('id')
          .range(from, to),
      'bookings',
    );
    for await (const b of all)
      yield [
        b.id,
        b.service.name,
        b.pet.name,
        b.pet.client.full_name,
        csvDateTime(b.starts_at, zone),
        csvDateTime(b.ends_at, zone),
        b.status,
        csvMoney(b.service.price_cents),
        b.notes,
        csvDateTime(b.created_at, zone),
      ];
  }
  return {
    header: [
      'id',
      'service',
      'pet',
      'client',
      `Starts (${zone})`,
      `Ends (${zone})`,
      'status',
      `Price (${currency})`,
      'notes',
      `Created (${zone})`,
    ],
    rows: rows(),
  };
}
