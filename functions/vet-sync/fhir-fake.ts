// A local stand-in for a vet's FHIR R4 server, for tests only: web-standard Request → Response, so Deno tests
// serve it with Deno.serve and the Node integration test with node:http (tests/support/fhir-fake.ts). It speaks
// FHIR R4 JSON as a real server does: `Patient?identifier=system|value` and `Immunization?patient=<id>` answer a
// searchset Bundle (total, self/next links, paged by `_count`), unknown search parameters and unknown resources
// an OperationOutcome with 400/404, and faults can be switched on: the next N requests answer 429 with
// Retry-After, a patient's search fails with a 500 OperationOutcome, or answers come late.

export interface FakePatient {
  id: string;
  identifier: Array<{ system: string; value: string }>;
  name?: string;
}

export interface FakeImmunization {
  id: string;
  patient: string;
  status?: 'completed' | 'entered-in-error' | 'not-done';
  coding?: Array<{ system: string; code: string; display?: string }>;
  text?: string;
  occurrence: string;
  lotNumber?: string;
  /** The immunity's end, sent as the PawCentral extension. */
  immunityExpires?: string;
}

export interface FakeFaults {
  /** The next N requests answer 429 Too Many Requests. */
  throttle?: number;
  /** Retry-After (seconds) sent with a 429. */
  retryAfter?: number;
  /** Immunization searches of these patient ids answer 500 with an OperationOutcome. */
  failingPatients?: string[];
  /** Every answer is delayed by this many milliseconds. */
  delayMs?: number;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

function outcome(status: number, code: string, diagnostics: string): Response {
  return new Response(
    JSON.stringify({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code, diagnostics }],
    }),
    { status, headers: { 'content-type': FHIR_JSON } },
  );
}

export class FhirFake {
  patients: FakePatient[] = [];
  immunizations: FakeImmunization[] = [];
  faults: FakeFaults = {};
  pageSize = 2;
  /** Every request's path and query, in order. */
  readonly log: string[] = [];

  readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  #bundle(url: URL, resources: unknown[], page: number): Response {
    const count = Number(url.searchParams.get('_count') ?? this.pageSize);
    const slice = resources.slice(page * count, (page + 1) * count);
    const link = [{ relation: 'self', url: url.toString() }];
    if ((page + 1) * count < resources.length) {
      const next = new URL(url);
      next.searchParams.set('_page', String(page + 1));
      link.push({ relation: 'next', url: next.toString() });
    }
    return new Response(
      JSON.stringify({
        resourceType: 'Bundle',
        id: crypto.randomUUID(),
        meta: { lastUpdated: new Date().toISOString() },
        type: 'searchset',
        total: resources.length,
        link,
        entry: slice.map((resource) => ({
          fullUrl: `${this.base}/${(resource as { resourceType: string }).resourceType}/${(resource as { id: string }).id}`,
          resource,
          search: { mode: 'match' },
        })),
      }),
      { status: 200, headers: { 'content-type': FHIR_JSON } },
    );
  }

  #immunization(i: FakeImmunization) {
    return {
      resourceType: 'Immunization',
      id: i.id,
      meta: { versionId: '1' },
      status: i.status ?? 'completed',
      vaccineCode: { ...(i.coding ? { coding: i.coding } : {}), ...(i.text ? { text: i.text } : {}) },
      patient: { reference: `Patient/${i.patient}` },
      occurrenceDateTime: i.occurrence,
      ...(i.lotNumber ? { lotNumber: i.lotNumber } : {}),
      ...(i.immunityExpires
        ? {
            extension: [
              {
                url: 'https://pawcentral.app/fhir/StructureDefinition/immunity-expires',
                valueDate: i.immunityExpires,
              },
            ],
          }
        : {}),
      primarySource: true,
    };
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*?\/(Patient|Immunization|metadata)/, '$1');
    this.log.push(`${path}${url.search}`);
    if (this.faults.delayMs) await new Promise((r) => setTimeout(r, this.faults.delayMs));
    if (this.faults.throttle && this.faults.throttle > 0) {
      this.faults.throttle--;
      return new Response(
        JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'throttled', diagnostics: 'Too many requests' }],
        }),
        {
          status: 429,
          headers: { 'content-type': FHIR_JSON, 'retry-after': String(this.faults.retryAfter ?? 1) },
        },
      );
    }
    if (request.method !== 'GET') return outcome(405, 'not-supported', `${request.method} is not supported`);
    const page = Number(url.searchParams.get('_page') ?? 0);
    const known = new Set(['_count', '_page', '_format']);

    if (path === 'Patient') {
      for (const key of url.searchParams.keys())
        if (key !== 'identifier' && !known.has(key))
          return outcome(400, 'not-supported', `Unknown search parameter: ${key}`);
      const token = url.searchParams.get('identifier') ?? '';
      const [system, value] = token.includes('|') ? token.split('|', 2) : [null, token];
      const found = this.patients
        .filter((p) =>
          p.identifier.some((id) => id.value === value && (system === null || system === '' || id.system === system)),
        )
        .map((p) => ({
          resourceType: 'Patient',
          id: p.id,
          identifier: p.identifier,
          ...(p.name ? { name: [{ text: p.name }] } : {}),
        }));
      return this.#bundle(url, found, page);
    }
    if (path === 'Immunization') {
      for (const key of url.searchParams.keys())
        if (key !== 'patient' && !known.has(key))
          return outcome(400, 'not-supported', `Unknown search parameter: ${key}`);
      const patient = (url.searchParams.get('patient') ?? '').replace(/^Patient\//, '');
      if (!patient) return outcome(400, 'required', 'The patient parameter is required');
      if (this.faults.failingPatients?.includes(patient))
        return outcome(500, 'exception', `Database error reading immunizations of Patient/${patient}`);
      const found = this.immunizations.filter((i) => i.patient === patient).map((i) => this.#immunization(i));
      return this.#bundle(url, found, page);
    }
    return outcome(404, 'not-found', `Unknown resource type in ${url.pathname}`);
  }
}
