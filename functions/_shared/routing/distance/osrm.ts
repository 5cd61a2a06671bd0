import type { Matrix } from '../types.ts';
import type { DistanceProvider, LatLng } from './types.ts';

export interface OsrmOptions {
  /** Base URL of an OSRM-compatible server, e.g. http://router:5000 */
  url: string;
  profile?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class OsrmError extends Error {
  code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'OsrmError';
    this.code = code;
  }
}

/**
 * Client of OSRM's table service (`/table/v1/{profile}/{lng,lat;…}?annotations=duration,distance`).
 * A pair the engine cannot route comes back as null; it is refused loudly rather than guessed,
 * because a made-up number would produce a plan that cannot be driven.
 */
export function osrmProvider(opts: OsrmOptions): DistanceProvider {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.url.replace(/\/+$/, '');
  const profile = opts.profile ?? 'driving';
  return {
    async matrix(points: LatLng[]): Promise<Matrix> {
      const n = points.length;
      if (n === 0) return { n, distance: new Float64Array(0), duration: new Float64Array(0) };
      const coords = points.map((p) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
      const url = `${base}/table/v1/${profile}/${coords}?annotations=duration,distance`;
      const res = await doFetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
      const body = (await res.json().catch(() => null)) as OsrmTable | null;
      if (!res.ok || !body || body.code !== 'Ok') {
        throw new OsrmError(
          body?.code ?? `HTTP${res.status}`,
          body?.message ?? `routing engine answered ${res.status}`,
        );
      }
      return {
        n,
        duration: flatten(body.durations, n, 'durations'),
        distance: flatten(body.distances, n, 'distances'),
      };
    },
  };
}

interface OsrmTable {
  code: string;
  message?: string;
  durations?: Array<Array<number | null>>;
  distances?: Array<Array<number | null>>;
}

function flatten(rows: Array<Array<number | null>> | undefined, n: number, what: string): Float64Array {
  if (!rows || rows.length !== n || rows.some((r) => r.length !== n)) {
    throw new OsrmError('InvalidResponse', `table ${what} is missing or not ${n}×${n}`);
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = rows[i][j];
      if (v === null || !Number.isFinite(v)) throw new OsrmError('NoRoute', `no route from point ${i} to point ${j}`);
      out[i * n + j] = v;
    }
  }
  return out;
}
