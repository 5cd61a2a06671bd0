// Partners of a business (vets, food brands, groomers, pet stores), their webhook secrets and the deliveries
// they sent, read and written through the request's client: RLS lets staff read, owners and managers write;
// secrets are made and revoked by definer rpcs that check the role, and a secret is readable only once, in
// the answer of create_partner_secret. The review queue's rpcs land or dismiss a parked delivery.
import {
  contactOf,
  readContact,
  type PartnerContact,
  type PartnerInput,
  type PartnerKind,
} from '#lib/partners/forms.ts';
import { refusalSentence } from '#lib/refusals.ts';
import type { Json } from '#lib/database.types.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';
import { changedOwnRow } from './own-row.ts';

export interface Partner {
  id: string;
  kind: PartnerKind;
  name: string;
  contact: PartnerContact;
  apiBaseUrl: string | null;
  lastSyncedAt: string | null;
  activeSecrets: number;
  syncStatus: SyncStatus | null;
}

/** What the vet-sync function last wrote about this partner (partners.sync_status). */
export interface SyncStatus {
  state: 'running' | 'ok' | 'failed';
  done: number;
  total: number;
  landed: number;
  parked: number;
  unchanged: number;
  skipped: number;
  not_found: number;
  errors: string[];
  at: string;
}

function readSyncStatus(value: Json | null): SyncStatus | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, Json | undefined>;
  if (v.state !== 'running' && v.state !== 'ok' && v.state !== 'failed') return null;
  const n = (key: string) => (typeof v[key] === 'number' ? (v[key] as number) : 0);
  return {
    state: v.state,
    done: n('done'),
    total: n('total'),
    landed: n('landed'),
    parked: n('parked'),
    unchanged: n('unchanged'),
    skipped: n('skipped'),
    not_found: n('not_found'),
    errors: Array.isArray(v.errors) ? v.errors.filter((e): e is string => typeof e === 'string') : [],
    at: typeof v.at === 'string' ? v.at : '',
  };
}

export interface PartnerSecret {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface PartnerDelivery {
  id: string;
  partnerId: string;
  partnerName: string;
  messageId: string | null;
  type: string;
  outcome: string;
  reason: string | null;
  receivedAt: string;
  payload: Json;
}

export interface PetChoice {
  id: string;
  name: string;
  species: string;
  microchip: string | null;
  clientName: string;
}

type Refused = { ok: false; message: string };

/** A refusal the rpcs name (hint) as a sentence; other failures are data errors. */
function refusalOf(
  error: { code: string; hint?: string | null; details?: string | null; message: string },
  what: string,
): Refused {
  const sentence = refusalSentence({ code: error.code, hint: error.hint ?? null, details: error.details ?? null });
  if (sentence) return { ok: false, message: sentence };
  throw new DataError(`${what}: ${error.message}`, error.code);
}

const PARTNER_COLUMNS =
  'id, kind, name, contact, api_base_url, last_synced_at, sync_status, partner_credentials(id, revoked_at)';

function toPartner(row: {
  id: string;
  kind: PartnerKind;
  name: string;
  contact: Json;
  api_base_url: string | null;
  last_synced_at: string | null;
  sync_status: Json | null;
  partner_credentials: { id: string; revoked_at: string | null }[];
}): Partner {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    contact: readContact(row.contact),
    apiBaseUrl: row.api_base_url,
    lastSyncedAt: row.last_synced_at,
    activeSecrets: row.partner_credentials.filter((c) => c.revoked_at === null).length,
    syncStatus: readSyncStatus(row.sync_status),
  };
}

export async function listPartners(supabase: Supabase, businessId: string): Promise<Partner[]> {
  const { data, error } = await supabase
    .from('partners')
    .select(PARTNER_COLUMNS)
    .eq('business_id', businessId)
    .order('name');
  if (error) throw new DataError(`could not list partners: ${error.message}`, error.code);
  return data.map(toPartner);
}

export async function findPartner(supabase: Supabase, businessId: string, id: string): Promise<Partner | null> {
  const { data, error } = await supabase
    .from('partners')
    .select(PARTNER_COLUMNS)
    .eq('business_id', businessId)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new DataError(`could not read partner ${id}: ${error.message}`, error.code);
  return data ? toPartner(data) : null;
}

function partnerRow(input: PartnerInput) {
  return { kind: input.kind, name: input.name, contact: contactOf(input) as Json, api_base_url: input.api_base_url };
}

export async function addPartner(
  supabase: Supabase,
  businessId: string,
  input: PartnerInput,
): Promise<{ ok: true; id: string } | Refused> {
  const { data, error } = await supabase
    .from('partners')
    .insert({ business_id: businessId, ...partnerRow(input) })
    .select('id')
    .single();
  if (error) {
    if (error.code === '42501') return { ok: false, message: 'Only an owner or a manager can add partners.' };
    throw new DataError(`could not add partner: ${error.message}`, error.code);
  }
  return { ok: true, id: data.id };
}

/** Saves a partner; false when RLS hides it or the role may not edit (no row changes either way). */
export async function updatePartner(
  supabase: Supabase,
  businessId: string,
  id: string,
  input: PartnerInput,
): Promise<boolean> {
  return changedOwnRow(supabase, 'partners', businessId, id, partnerRow(input), `could not save partner ${id}`);
}

export async function listSecrets(supabase: Supabase, partnerId: string): Promise<PartnerSecret[]> {
  const { data, error } = await supabase
    .from('partner_credentials')
    .select('id, created_at, revoked_at')
    .eq('partner_id', partnerId)
    .order('created_at', { ascending: false })
    .limit(20);
  if (error) throw new DataError(`could not list partner secrets: ${error.message}`, error.code);
  return data.map((c) => ({ id: c.id, createdAt: c.created_at, revokedAt: c.revoked_at }));
}

/** A new webhook secret, readable here once and never again. */
export async function createSecret(
  supabase: Supabase,
  partnerId: string,
): Promise<{ ok: true; id: string; secret: string } | Refused> {
  const { data, error } = await supabase.rpc('create_partner_secret', { p_partner_id: partnerId });
  if (error) return refusalOf(error, 'could not create a partner secret');
  const answer = data as { id: string; secret: string };
  return { ok: true, id: answer.id, secret: answer.secret };
}

export async function revokeSecret(supabase: Supabase, secretId: string): Promise<{ ok: true } | Refused> {
  const { error } = await supabase.rpc('revoke_partner_secret', { p_id: secretId });
  if (error) return refusalOf(error, 'could not revoke a partner secret');
  return { ok: true };
}

const DELIVERY_COLUMNS =
  'id, partner_id, message_id, type, outcome, reason, received_at, payload, partner:partners!inner(name)';

type DeliveryRow = {
  id: string;
  partner_id: string;
  message_id: string | null;
  type: string;
  outcome: string;
  reason: string | null;
  received_at: string;
  payload: Json;
  partner: { name: string };
};

function toDelivery(row: DeliveryRow): PartnerDelivery {
  return {
    id: row.id,
    partnerId: row.partner_id,
    partnerName: row.partner.name,
    messageId: row.message_id,
    type: row.type,
    outcome: row.outcome,
    reason: row.reason,
    receivedAt: row.received_at,
    payload: row.payload,
  };
}

/** A partner's most recent deliveries, newest first. */
export async function recentDeliveries(
  supabase: Supabase,
  businessId: string,
  partnerId: string,
  limit = 25,
): Promise<PartnerDelivery[]> {
  const { data, error } = await supabase
    .from('partner_events')
    .select(DELIVERY_COLUMNS)
    .eq('business_id', businessId)
    .eq('partner_id', partnerId)
    .order('received_at', { ascending: false })
    .limit(limit);
  if (error) throw new DataError(`could not list partner deliveries: ${error.message}`, error.code);
  return (data as DeliveryRow[]).map(toDelivery);
}

/** The review queue: parked deliveries of the business, oldest first. */
export async function parkedDeliveries(supabase: Supabase, businessId: string): Promise<PartnerDelivery[]> {
  const { data, error } = await supabase
    .from('partner_events')
    .select(DELIVERY_COLUMNS)
    .eq('business_id', businessId)
    .eq('outcome', 'parked')
    .order('received_at')
    .limit(100);
  if (error) throw new DataError(`could not list parked deliveries: ${error.message}`, error.code);
  return (data as DeliveryRow[]).map(toDelivery);
}

/** The active pets staff may pick when resolving a parked delivery. */
export async function petChoices(supabase: Supabase, businessId: string): Promise<PetChoice[]> {
  const { data, error } = await supabase
    .from('pets')
    .select('id, name, species, microchip, client:clients!inner(full_name)')
    .eq('business_id', businessId)
    .eq('is_active', true)
    .order('name')
    .limit(1000);
  if (error) throw new DataError(`could not list pets: ${error.message}`, error.code);
  return data.map((p) => ({
    id: p.id,
    name: p.name,
    species: p.species,
    microchip: p.microchip,
    clientName: p.client.full_name,
  }));
}

export type Resolution = { ok: true; outcome: 'landed' | 'parked'; reason: string | null } | Refused;

export async function resolveDelivery(supabase: Supabase, eventId: string, petId: string): Promise<Resolution> {
  const { data, error } = await supabase.rpc('resolve_partner_event', { p_event_id: eventId, p_pet_id: petId });
  if (error) return refusalOf(error, 'could not resolve a partner delivery');
  const answer = data as { outcome: 'landed' | 'parked'; reason: string | null };
  return { ok: true, outcome: answer.outcome, reason: answer.reason };
}

export async function dismissDelivery(
  supabase: Supabase,
  eventId: string,
  reason: string,
): Promise<{ ok: true } | Refused> {
  const { error } = await supabase.rpc('dismiss_partner_event', { p_event_id: eventId, p_reason: reason });
  if (error) return refusalOf(error, 'could not dismiss a partner delivery');
  return { ok: true };
}

/** Partners of one kind, for a pet's preferred vet or food brand. */
export async function partnersOfKind(
  supabase: Supabase,
  businessId: string,
  kind: PartnerKind,
): Promise<{ id: string; name: string }[]> {
  const { data, error } = await supabase
    .from('partners')
    .select('id, name')
    .eq('business_id', businessId)
    .eq('kind', kind)
    .order('name');
  if (error) throw new DataError(`could not list partners: ${error.message}`, error.code);
  return data;
}

export interface PetPartners {
  vetId: string | null;
  foodBrandId: string | null;
  vets: { id: string; name: string }[];
  foodBrands: { id: string; name: string }[];
}

/** A pet's preferred vet and food brand, with the business's partners of each kind to choose from. */
export async function petPartners(supabase: Supabase, businessId: string, petId: string): Promise<PetPartners> {
  const [pet, vets, foodBrands] = await Promise.all([
    supabase
      .from('pets')
      .select('preferred_vet_id, preferred_food_brand_id')
      .eq('business_id', businessId)
      .eq('id', petId)
      .single(),
    partnersOfKind(supabase, businessId, 'vet'),
    partnersOfKind(supabase, businessId, 'food_brand'),
  ]);
  if (pet.error) throw new DataError(`could not read pet ${petId}: ${pet.error.message}`, pet.error.code);
  return { vetId: pet.data.preferred_vet_id, foodBrandId: pet.data.preferred_food_brand_id, vets, foodBrands };
}

/** Saves a pet's preferred vet and food brand (null clears); the database checks business and kind. */
export async function savePetPartners(
  supabase: Supabase,
  businessId: string,
  petId: string,
  choice: { vetId: string | null; foodBrandId: string | null },
): Promise<{ ok: true } | Refused> {
  const { data, error } = await supabase
    .from('pets')
    .update({ preferred_vet_id: choice.vetId, preferred_food_brand_id: choice.foodBrandId })
    .eq('business_id', businessId)
    .eq('id', petId)
    .select('id');
  if (error) {
    if (error.code === '23503') return { ok: false, message: 'That partner is not one of this business’s partners.' };
    return refusalOf(error, `could not save the partners of pet ${petId}`);
  }
  if (data.length !== 1) return { ok: false, message: 'This pet was not found.' };
  return { ok: true };
}

/**
 * Starts the vet sync of one partner (the vet-sync edge function, called with the member of staff's own JWT,
 * so the function checks they may). Waits at most `waitMs` for it: the sync reports its progress in
 * partners.sync_status, which the page polls; a quick failure to start is answered here.
 */
export async function startVetSync(
  supabase: Supabase,
  partnerId: string,
  waitMs = 1500,
): Promise<{ ok: true } | Refused> {
  const call = supabase.functions
    .invoke('vet-sync', { body: { partner_id: partnerId } })
    .then(({ error }) =>
      error
        ? { ok: false as const, message: 'The sync could not start. Try again in a moment.' }
        : { ok: true as const },
    )
    .catch(() => ({ ok: false as const, message: 'The sync could not start. Try again in a moment.' }));
  const waited = await Promise.race([call, new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs))]);
  return waited ?? { ok: true };
}
