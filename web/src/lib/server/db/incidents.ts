// Incidents: what happened to a pet in care, how serious, photos (incident-photos object paths), and when
// the parent was told.
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

import type { IncidentSeverity } from '#lib/enums.ts';

export type Severity = IncidentSeverity;

export interface Incident {
  id: string;
  petId: string;
  petName: string;
  kind: string;
  severity: Severity;
  description: string;
  photos: string[];
  occurredAt: string;
  parentNotifiedAt: string | null;
}

export interface NewIncident {
  id: string;
  businessId: string;
  petId: string;
  kind: string;
  severity: Severity;
  description: string;
  photos: string[];
  parentNotified: boolean;
}

export async function listIncidents(
  supabase: Supabase,
  businessId: string,
  options: { petId?: string; since?: string; limit?: number } = {},
): Promise<Incident[]> {
  let query = supabase
    .from('incidents')
    .select('id, pet_id, kind, severity, description, photos, occurred_at, parent_notified_at, pet:pets!inner(name)')
    .eq('business_id', businessId);
  if (options.petId) query = query.eq('pet_id', options.petId);
  if (options.since) query = query.gte('occurred_at', options.since);
  const { data, error } = await query.order('occurred_at', { ascending: false }).limit(options.limit ?? 100);
  if (error) throw new DataError(`could not read incidents: ${error.message}`, error.code);
  return data.map((row) => ({
    id: row.id,
    petId: row.pet_id,
    petName: row.pet.name,
    kind: row.kind,
    severity: row.severity,
    description: row.description,
    photos: row.photos,
    occurredAt: row.occurred_at,
    parentNotifiedAt: row.parent_notified_at,
  }));
}

/** Reports an incident with its id chosen up front, so its photos could be stored under it first. */
export async function reportIncident(supabase: Supabase, input: NewIncident): Promise<void> {
  const now = new Date().toISOString();
  const { error } = await supabase.from('incidents').insert({
    id: input.id,
    business_id: input.businessId,
    pet_id: input.petId,
    kind: input.kind,
    severity: input.severity,
    description: input.description,
    photos: input.photos,
    occurred_at: now,
    parent_notified_at: input.parentNotified ? now : null,
  });
  if (error) throw new DataError(`could not report the incident: ${error.message}`, error.code);
}

/** Stamps the moment staff told the parent; a second tick keeps the first time. */
export async function markParentNotified(supabase: Supabase, businessId: string, id: string): Promise<boolean> {
  const { data, error } = await supabase
    .from('incidents')
    .update({ parent_notified_at: new Date().toISOString() })
    .eq('business_id', businessId)
    .eq('id', id)
    .is('parent_notified_at', null)
    .select('id');
  if (error) throw new DataError(`could not mark the parent notified: ${error.message}`, error.code);
  return data.length > 0;
}
