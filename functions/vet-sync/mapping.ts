// From a FHIR Immunization to the record PawCentral lands (`vaccination.recorded.v1`, the partner webhook's
// shape): the vaccine by code (CVX) or by the coding's display / vaccineCode.text naming a vaccine type of the
// business's catalogue for the pet's species; the date given from occurrenceDateTime; the immunity's end from
// the extension below when the vet sends it, else the date given plus the vaccine type's validity.
// Immunization.expirationDate is the vaccine *lot's* expiry in FHIR R4, never the immunity's, so it is not used.
import type { Coding, Immunization } from './fhir.ts';

/** Extension a vet may put on an Immunization: the date the protection ends (valueDate). */
export const IMMUNITY_EXPIRES_URL = 'https://pawcentral.app/fhir/StructureDefinition/immunity-expires';

export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';

/** CVX codes whose vaccine is rabies (CDC's CVX table: 18 IM, 40 ID, 90 unspecified, 175/176 IM cultures). */
const CVX_NAMES: Record<string, string> = {
  '18': 'rabies',
  '40': 'rabies',
  '90': 'rabies',
  '175': 'rabies',
  '176': 'rabies',
};

export interface VaccineType {
  id: string;
  name: string;
  species: string;
  validDays: number | null;
}

export interface LandableRecord {
  microchip: string;
  vaccine: { name: string; code?: string };
  administered_on: string;
  expires_on: string;
  batch?: string;
  fhir: { immunization: string; vaccine_code: string };
}

export type Mapped = { ok: true; record: LandableRecord } | { ok: false; skip: string };

const words = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

/** The vaccine type a code or text names, for the pet's species; null when none does. */
export function matchVaccineType(
  vaccineCode: { coding?: Coding[]; text?: string },
  species: string,
  catalogue: VaccineType[],
): VaccineType | null {
  const candidates = catalogue.filter((t) => t.species === species);
  const byName = (name: string) => candidates.find((t) => words(t.name) === words(name)) ?? null;
  // 1. a code we know (CVX)
  for (const c of vaccineCode.coding ?? []) {
    const known = c.system === CVX_SYSTEM && c.code ? CVX_NAMES[c.code] : undefined;
    if (known && byName(known)) return byName(known);
  }
  // 2. a display or text equal to a type's name, then one that contains it as whole words ("Rabies vaccine")
  const texts = [...(vaccineCode.coding ?? []).map((c) => c.display), vaccineCode.text].filter(
    (t): t is string => !!t && !!t.trim(),
  );
  for (const text of texts) {
    const exact = byName(text);
    if (exact) return exact;
  }
  for (const text of texts) {
    const hit = candidates
      .filter((t) => words(text).includes(words(t.name)))
      .sort((a, b) => b.name.length - a.name.length)[0];
    if (hit) return hit;
  }
  return null;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The record to land for one Immunization of the pet with `microchip`, or why it is skipped. */
export function mapImmunization(
  imm: Immunization,
  pet: { microchip: string; species: string },
  catalogue: VaccineType[],
): Mapped {
  if (imm.status !== 'completed') return { ok: false, skip: `status ${imm.status}` };
  const given = imm.occurrenceDateTime?.slice(0, 10);
  if (!given || !/^\d{4}-\d{2}-\d{2}$/.test(given)) return { ok: false, skip: 'no occurrenceDateTime' };
  const coding = imm.vaccineCode?.coding ?? [];
  const codeText = coding.map((c) => `${c.system ?? ''}|${c.code ?? ''}`).join(',') || (imm.vaccineCode?.text ?? '');
  const type = matchVaccineType(imm.vaccineCode ?? {}, pet.species, catalogue);
  const said = imm.vaccineCode?.text ?? coding.find((c) => c.display)?.display ?? coding[0]?.code ?? 'unnamed vaccine';
  const extension = imm.extension?.find((e) => e.url === IMMUNITY_EXPIRES_URL)?.valueDate;
  const expires = extension ?? (type?.validDays ? addDays(given, type.validDays) : null);
  if (!expires || expires <= given) {
    // an unmapped vaccine still travels, by what the vet called it, and parks for staff review
    if (!type) return { ok: true, record: base(imm, pet, said, given, addDays(given, 1), codeText) };
    return { ok: false, skip: 'no expiry: the vaccine type has no validity and the vet sent none' };
  }
  return { ok: true, record: base(imm, pet, type?.name ?? said, given, expires, codeText) };
}

function base(
  imm: Immunization,
  pet: { microchip: string },
  name: string,
  given: string,
  expires: string,
  code: string,
): LandableRecord {
  const record: LandableRecord = {
    microchip: pet.microchip,
    vaccine: { name },
    administered_on: given,
    expires_on: expires,
    fhir: { immunization: `Immunization/${imm.id}`, vaccine_code: code },
  };
  if (imm.lotNumber) record.batch = imm.lotNumber.slice(0, 100);
  return record;
}
