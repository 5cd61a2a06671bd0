import assert from 'node:assert/strict';
import { FhirClient, retryAfterMs } from './fhir.ts';
import { FhirFake } from './fhir-fake.ts';
import { CVX_SYSTEM, mapImmunization, matchVaccineType, type VaccineType } from './mapping.ts';
import { syncPartner, type SyncStatus, type SyncStore } from './sync.ts';

const CHIP_SYSTEM = 'urn:iso:std:iso:11784';
const CATALOGUE: VaccineType[] = [
  { id: 'rabies-dog', name: 'Rabies', species: 'dog', validDays: 365 },
  { id: 'dhpp', name: 'DHPP', species: 'dog', validDays: 365 },
  { id: 'rabies-cat', name: 'Rabies', species: 'cat', validDays: 365 },
];
const LUNA = { id: 'luna', microchip: '985112345678901', species: 'dog' };
const REX = { id: 'rex', microchip: '826098100000001', species: 'dog' };

/** The fake served over real HTTP on a free port, under a /r4 base path as vets' servers are. */
function serve(): { fake: FhirFake; base: string; close: () => Promise<void> } {
  let f: FhirFake | null = null;
  const server: Deno.HttpServer<Deno.NetAddr> = Deno.serve(
    { port: 0, hostname: '127.0.0.1', onListen() {} },
    (req: Request): Promise<Response> => f!.handle(req),
  );
  const base = `http://127.0.0.1:${server.addr.port}/r4`;
  f = new FhirFake(base);
  return { fake: f, base, close: () => server.shutdown() };
}

/** Lands like receive_partner_event: once per message id; a replay answers the first outcome. */
class MemoryStore implements SyncStore {
  landed = new Map<string, unknown>();
  reports: SyncStatus[] = [];
  readonly pets_: Array<{ id: string; microchip: string; species: string }>;
  constructor(pets: Array<{ id: string; microchip: string; species: string }>) {
    this.pets_ = pets;
  }
  pets() {
    return Promise.resolve(this.pets_);
  }
  catalogue() {
    return Promise.resolve(CATALOGUE);
  }
  land(_partner: string, messageId: string, payload: unknown) {
    if (this.landed.has(messageId)) return Promise.resolve({ outcome: 'landed', replayed: true });
    this.landed.set(messageId, payload);
    const name = (payload as { vaccine: { name: string } }).vaccine.name;
    return Promise.resolve({ outcome: CATALOGUE.some((t) => t.name === name) ? 'landed' : 'parked', replayed: false });
  }
  report(_p: string, status: SyncStatus) {
    this.reports.push({ ...status, errors: [...status.errors] });
    return Promise.resolve();
  }
}

const partner = (base: string) => ({
  id: 'vet',
  business_id: 'biz',
  api_base_url: base,
  identifier_system: CHIP_SYSTEM,
});

Deno.test('mapping: a CVX rabies code, a display or the text name the vaccine type for the species', () => {
  assert.equal(matchVaccineType({ coding: [{ system: CVX_SYSTEM, code: '18' }] }, 'dog', CATALOGUE)?.id, 'rabies-dog');
  assert.equal(matchVaccineType({ coding: [{ system: CVX_SYSTEM, code: '175' }] }, 'cat', CATALOGUE)?.id, 'rabies-cat');
  assert.equal(
    matchVaccineType(
      { coding: [{ system: 'http://snomed.info/sct', code: '0', display: 'Rabies vaccine' }] },
      'dog',
      CATALOGUE,
    )?.id,
    'rabies-dog',
  );
  assert.equal(matchVaccineType({ text: 'dhpp booster' }, 'dog', CATALOGUE)?.id, 'dhpp');
  assert.equal(matchVaccineType({ text: 'Leptospirosis' }, 'dog', CATALOGUE), null);
});

Deno.test(
  'mapping: expiry from the immunity extension, else the type’s validity; the lot’s expirationDate is not it',
  () => {
    const base = {
      resourceType: 'Immunization' as const,
      id: 'i1',
      status: 'completed' as const,
      vaccineCode: { coding: [{ system: CVX_SYSTEM, code: '18', display: 'rabies, intramuscular injection' }] },
      patient: { reference: 'Patient/p1' },
      occurrenceDateTime: '2026-11-20T10:30:00+00:00',
      lotNumber: 'RB-2231',
      expirationDate: '2027-03-01',
    };
    const plain = mapImmunization(base, LUNA, CATALOGUE);
    assert.ok(plain.ok);
    assert.deepEqual(plain.record, {
      microchip: LUNA.microchip,
      vaccine: { name: 'Rabies' },
      administered_on: '2026-11-20',
      expires_on: '2027-11-20',
      batch: 'RB-2231',
      fhir: { immunization: 'Immunization/i1', vaccine_code: `${CVX_SYSTEM}|18` },
    });
    const withExtension = mapImmunization(
      {
        ...base,
        extension: [
          { url: 'https://pawcentral.app/fhir/StructureDefinition/immunity-expires', valueDate: '2029-11-20' },
        ],
      },
      LUNA,
      CATALOGUE,
    );
    assert.ok(withExtension.ok && withExtension.record.expires_on === '2029-11-20');
    assert.deepEqual(mapImmunization({ ...base, status: 'entered-in-error' }, LUNA, CATALOGUE), {
      ok: false,
      skip: 'status entered-in-error',
    });
  },
);

Deno.test('paging: every page of a searchset is followed, and a second sync lands nothing twice', async () => {
  const s = serve();
  try {
    s.fake.patients = [{ id: 'p-luna', identifier: [{ system: CHIP_SYSTEM, value: LUNA.microchip }] }];
    s.fake.immunizations = Array.from({ length: 5 }, (_, n) => ({
      id: `imm-${n}`,
      patient: 'p-luna',
      coding: [{ system: CVX_SYSTEM, code: '18' }],
      occurrence: `2026-0${n + 1}-10`,
    }));
    const store = new MemoryStore([LUNA, REX]);
    const first = await syncPartner(partner(s.base), store, { sleep: () => Promise.resolve() });
    assert.deepEqual(
      { state: first.state, done: first.done, total: first.total, landed: first.landed, not_found: first.not_found },
      { state: 'ok', done: 2, total: 2, landed: 5, not_found: 1 },
    );
    assert.deepEqual(
      s.fake.log.filter((l) => l.startsWith('Immunization')),
      ['Immunization?patient=p-luna', 'Immunization?patient=p-luna&_page=1', 'Immunization?patient=p-luna&_page=2'],
    );
    assert.ok(s.fake.log[0].startsWith(`Patient?identifier=${encodeURIComponent(CHIP_SYSTEM)}%7C${LUNA.microchip}`));
    assert.deepEqual(
      [...store.landed.keys()].sort(),
      [0, 1, 2, 3, 4].map((n) => `fhir:Immunization/imm-${n}`),
    );
    // progress was reported pet by pet
    assert.deepEqual(
      store.reports.map((r) => `${r.done}/${r.total}`),
      ['0/2', '1/2', '2/2', '2/2'],
    );

    const again = await syncPartner(partner(s.base), store, { sleep: () => Promise.resolve() });
    assert.equal(again.landed, 0);
    assert.equal(again.unchanged, 5);
    assert.equal(store.landed.size, 5);
  } finally {
    await s.close();
  }
});

Deno.test('429: Retry-After is waited out and the request retried, within bounds', async () => {
  const s = serve();
  try {
    s.fake.patients = [{ id: 'p-luna', identifier: [{ system: CHIP_SYSTEM, value: LUNA.microchip }] }];
    s.fake.immunizations = [{ id: 'imm-r', patient: 'p-luna', text: 'Rabies', occurrence: '2026-12-01' }];
    s.fake.faults = { throttle: 2, retryAfter: 2 };
    const waits: number[] = [];
    const store = new MemoryStore([LUNA]);
    const status = await syncPartner(partner(s.base), store, {
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    assert.deepEqual(waits, [2000, 2000]);
    assert.equal(status.state, 'ok');
    assert.equal(status.landed, 1);

    // a server that keeps throttling fails the sync with a clear status and stops asking
    s.fake.faults = { throttle: 100, retryAfter: 1 };
    const stuck = await syncPartner(partner(s.base), new MemoryStore([LUNA, REX]), { sleep: () => Promise.resolve() });
    assert.equal(stuck.state, 'failed');
    assert.match(stuck.errors[0], /still rate limiting after 3 tries/);
    assert.equal(stuck.errors.length, 1);
    // and a Retry-After longer than allowed is not waited for
    s.fake.faults = { throttle: 1, retryAfter: 3600 };
    const long = await syncPartner(partner(s.base), new MemoryStore([LUNA]), { sleep: () => Promise.resolve() });
    assert.match(long.errors[0], /asked to wait 3600 s/);
  } finally {
    await s.close();
  }
});

Deno.test('an OperationOutcome error is recorded with its diagnostics, and the other pets still sync', async () => {
  const s = serve();
  try {
    s.fake.patients = [
      { id: 'p-luna', identifier: [{ system: CHIP_SYSTEM, value: LUNA.microchip }] },
      { id: 'p-rex', identifier: [{ system: CHIP_SYSTEM, value: REX.microchip }] },
    ];
    s.fake.immunizations = [{ id: 'imm-rex', patient: 'p-rex', text: 'DHPP', occurrence: '2026-10-01' }];
    s.fake.faults = { failingPatients: ['p-luna'] };
    const status = await syncPartner(partner(s.base), new MemoryStore([LUNA, REX]));
    assert.equal(status.state, 'failed');
    assert.equal(status.landed, 1);
    assert.deepEqual(status.errors, [
      `microchip ${LUNA.microchip}: the FHIR server answered 500: Database error reading immunizations of Patient/p-luna`,
    ]);
  } finally {
    await s.close();
  }
});

Deno.test('a server that answers too late times out with a clear message', async () => {
  const s = serve();
  try {
    s.fake.faults = { delayMs: 400 };
    const status = await syncPartner(partner(s.base), new MemoryStore([LUNA]), { timeoutMs: 100 });
    assert.equal(status.state, 'failed');
    assert.match(status.errors[0], /did not answer within 0.1 s/);
  } finally {
    await s.close();
  }
});

Deno.test('Retry-After as seconds or an HTTP date; an OperationOutcome in a 200 is an error', async () => {
  assert.equal(retryAfterMs('5'), 5000);
  assert.equal(retryAfterMs(new Date(Date.now() + 3000).toUTCString(), Date.now()) !== null, true);
  assert.equal(retryAfterMs('soon'), null);
  const client = new FhirClient('http://fhir.test/r4', {
    fetch: () =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'processing', diagnostics: 'bad' }],
          }),
          {
            status: 200,
          },
        ),
      ),
  });
  await assert.rejects(client.get('Patient?identifier=x'), /OperationOutcome: bad/);
  const unknown = serve();
  try {
    await assert.rejects(new FhirClient(unknown.base).get('Patient?name=luna'), /400: Unknown search parameter: name/);
  } finally {
    await unknown.close();
  }
});
