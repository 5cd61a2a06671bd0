// A small FHIR R4 REST client for searches: JSON only, every request under a timeout, `429 Too Many Requests`
// waited out per its Retry-After (bounded: a few tries, a capped wait), OperationOutcome answers turned into
// an error that names the server's diagnostics, and searchset Bundles followed through `link[relation=next]`.

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface Immunization {
  resourceType: 'Immunization';
  id: string;
  status: 'completed' | 'entered-in-error' | 'not-done';
  vaccineCode: { coding?: Coding[]; text?: string };
  patient: { reference?: string };
  occurrenceDateTime?: string;
  occurrenceString?: string;
  lotNumber?: string;
  expirationDate?: string;
  extension?: Array<{ url: string; valueDate?: string }>;
}

export interface Patient {
  resourceType: 'Patient';
  id: string;
  identifier?: Array<{ system?: string; value?: string }>;
}

interface Bundle<T> {
  resourceType: 'Bundle';
  type: string;
  link?: Array<{ relation: string; url: string }>;
  entry?: Array<{ resource?: T | { resourceType: string } }>;
}

/** A FHIR request that failed: HTTP status, and the OperationOutcome's diagnostics when the server sent one. */
export class FhirError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'FhirError';
    this.status = status;
  }
}

export interface FhirOptions {
  /** Milliseconds one request may take. */
  timeoutMs?: number;
  /** Tries of one request when the server answers 429 (the first included). */
  maxTries?: number;
  /** The longest Retry-After honoured, in milliseconds; a longer one fails the request. */
  maxWaitMs?: number;
  /** Most pages followed in one search. */
  maxPages?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function outcomeText(body: unknown): string | null {
  if (!body || typeof body !== 'object' || (body as { resourceType?: string }).resourceType !== 'OperationOutcome')
    return null;
  const issues =
    (body as { issue?: Array<{ severity?: string; code?: string; diagnostics?: string; details?: { text?: string } }> })
      .issue ?? [];
  const texts = issues.map((i) => i.diagnostics ?? i.details?.text ?? i.code ?? 'unspecified issue');
  return texts.length ? texts.join('; ') : 'OperationOutcome without issues';
}

export class FhirClient {
  readonly #base: string;
  readonly #o: Required<FhirOptions>;

  constructor(baseUrl: string, options: FhirOptions = {}) {
    this.#base = baseUrl.replace(/\/+$/, '');
    this.#o = {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxTries: options.maxTries ?? 3,
      maxWaitMs: options.maxWaitMs ?? 30_000,
      maxPages: options.maxPages ?? 50,
      fetch: options.fetch ?? fetch,
      sleep: options.sleep ?? sleeper,
    };
  }

  /** GET one URL (absolute, or relative to the base) as FHIR JSON. */
  async get(pathOrUrl: string): Promise<unknown> {
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.#base}/${pathOrUrl.replace(/^\/+/, '')}`;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.#o.fetch(url, {
          headers: { accept: 'application/fhir+json' },
          signal: AbortSignal.timeout(this.#o.timeoutMs),
        });
      } catch (cause) {
        const name = (cause as { name?: string } | null)?.name;
        if (name === 'TimeoutError' || name === 'AbortError')
          throw new FhirError(0, `the FHIR server did not answer within ${this.#o.timeoutMs / 1000} s`);
        throw new FhirError(0, `the FHIR server could not be reached (${(cause as Error).message})`);
      }
      if (response.status === 429) {
        const wait = retryAfterMs(response.headers.get('retry-after')) ?? 1000;
        await response.body?.cancel();
        if (attempt >= this.#o.maxTries)
          throw new FhirError(429, `the FHIR server was still rate limiting after ${attempt} tries`);
        if (wait > this.#o.maxWaitMs)
          throw new FhirError(429, `the FHIR server asked to wait ${Math.ceil(wait / 1000)} s, longer than allowed`);
        await this.#o.sleep(wait);
        continue;
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        throw new FhirError(
          response.status,
          `the FHIR server answered ${response.status} with a body that is not JSON`,
        );
      }
      const outcome = outcomeText(body);
      if (!response.ok)
        throw new FhirError(response.status, `the FHIR server answered ${response.status}: ${outcome ?? 'no details'}`);
      if (outcome)
        throw new FhirError(response.status, `the FHIR server answered with an OperationOutcome: ${outcome}`);
      return body;
    }
  }

  /** Every resource of `resourceType` a search finds, following the Bundle's next links. */
  async searchAll<T extends { resourceType: string }>(resourceType: string, query: string): Promise<T[]> {
    const found: T[] = [];
    let next: string | null = `${resourceType}?${query}`;
    for (let page = 0; next; page++) {
      if (page >= this.#o.maxPages) throw new FhirError(0, `the search had more than ${this.#o.maxPages} pages`);
      const bundle = (await this.get(next)) as Bundle<T>;
      if (bundle?.resourceType !== 'Bundle') throw new FhirError(200, 'the FHIR server did not answer with a Bundle');
      for (const entry of bundle.entry ?? []) {
        if (entry.resource?.resourceType === resourceType) found.push(entry.resource as T);
      }
      next = bundle.link?.find((l) => l.relation === 'next')?.url ?? null;
    }
    return found;
  }
}
