// One vet sync: for each pet of the business with a microchip, find the vet's Patient by that identifier,
// pull its Immunizations (every page), map each to the webhook's record shape and land it through the same
// rpc the webhook uses, under the message id `fhir:Immunization/<id>` — so the same Immunization twice lands
// once. Progress and the outcome are reported per partner as the sync goes ("3 of 12 pets").
import { FhirClient, FhirError, type FhirOptions, type Immunization, type Patient } from './fhir.ts';
import { mapImmunization, type VaccineType } from './mapping.ts';

export const DEFAULT_IDENTIFIER_SYSTEM = 'urn:iso:std:iso:11784';

export interface SyncPartner {
  id: string;
  business_id: string;
  api_base_url: string;
  identifier_system: string;
}

export interface SyncPet {
  id: string;
  microchip: string;
  species: string;
}

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
}

export interface SyncStore {
  pets(businessId: string): Promise<SyncPet[]>;
  catalogue(businessId: string): Promise<VaccineType[]>;
  /** Lands one record (receive_partner_event); `replayed` when this message id was landed before. */
  land(partnerId: string, messageId: string, payload: unknown): Promise<{ outcome: string; replayed: boolean }>;
  report(partnerId: string, status: SyncStatus, finished: boolean): Promise<void>;
}

export async function syncPartner(
  partner: SyncPartner,
  store: SyncStore,
  fhirOptions: FhirOptions = {},
): Promise<SyncStatus> {
  const fhir = new FhirClient(partner.api_base_url, fhirOptions);
  const [pets, catalogue] = await Promise.all([store.pets(partner.business_id), store.catalogue(partner.business_id)]);
  const status: SyncStatus = {
    state: 'running',
    done: 0,
    total: pets.length,
    landed: 0,
    parked: 0,
    unchanged: 0,
    skipped: 0,
    not_found: 0,
    errors: [],
  };
  await store.report(partner.id, status, false);
  for (const pet of pets) {
    try {
      const identifier = encodeURIComponent(`${partner.identifier_system}|${pet.microchip}`);
      const patients = await fhir.searchAll<Patient>('Patient', `identifier=${identifier}`);
      if (patients.length === 0) status.not_found++;
      for (const patient of patients) {
        const immunizations = await fhir.searchAll<Immunization>(
          'Immunization',
          `patient=${encodeURIComponent(patient.id)}`,
        );
        for (const imm of immunizations) {
          const mapped = mapImmunization(imm, pet, catalogue);
          if (!mapped.ok) {
            status.skipped++;
            continue;
          }
          const landed = await store.land(partner.id, `fhir:Immunization/${imm.id}`, mapped.record);
          if (landed.replayed) status.unchanged++;
          else if (landed.outcome === 'landed') status.landed++;
          else status.parked++;
        }
      }
    } catch (cause) {
      if (!(cause instanceof FhirError)) throw cause;
      status.errors.push(`microchip ${pet.microchip}: ${cause.message}`);
      // a server that rate-limits past our patience or stopped answering will not do better for the next pet
      if (cause.status === 429 || cause.status === 0) {
        status.done++;
        break;
      }
    }
    status.done++;
    await store.report(partner.id, status, false);
  }
  status.state = status.errors.length ? 'failed' : 'ok';
  await store.report(partner.id, status, true);
  return status;
}
