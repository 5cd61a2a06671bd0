// A stand-in for a Nominatim server at the world's edge (the geocoder): GET /search with format=jsonv2 and q,
// answering Nominatim's documented jsonv2 array (lat/lon as strings, display_name, boundingbox …) from a small
// gazetteer of the demo's London streets. Unknown places answer [], a missing q or another format 400 with
// Nominatim's error body. Run it alone (`node tests/support/nominatim-fake.ts <port>`) or import startNominatimFake.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Street names (lower case) and where they are; a query matches the first street it contains. */
export const GAZETTEER: Array<{ street: string; lat: number; lon: number; display: string }> = [
  {
    street: 'canonbury place',
    lat: 51.5436,
    lon: -0.0969,
    display: 'Canonbury Place, Canonbury, London N1 2NQ, United Kingdom',
  },
  { street: 'essex road', lat: 51.5395, lon: -0.0985, display: 'Essex Road, Islington, London N1, United Kingdom' },
  {
    street: 'highbury grove',
    lat: 51.552,
    lon: -0.099,
    display: 'Highbury Grove, Highbury, London N5, United Kingdom',
  },
  { street: 'camden road', lat: 51.541, lon: -0.138, display: 'Camden Road, Camden Town, London NW1, United Kingdom' },
  { street: 'upper street', lat: 51.5386, lon: -0.1026, display: 'Upper Street, Islington, London N1, United Kingdom' },
  { street: 'mare street', lat: 51.539, lon: -0.056, display: 'Mare Street, Hackney, London E8, United Kingdom' },
  { street: 'york way', lat: 51.545, lon: -0.121, display: 'York Way, King’s Cross, London N7, United Kingdom' },
  {
    street: 'holloway road',
    lat: 51.5535,
    lon: -0.1135,
    display: 'Holloway Road, Holloway, London N7, United Kingdom',
  },
];

export interface NominatimFake {
  base: string;
  /** Every q the fake was asked, in order. */
  queries: string[];
  close(): Promise<void>;
}

export function answer(url: URL): { status: number; body: unknown } {
  if (url.pathname.replace(/\/$/, '') !== '/search') return { status: 404, body: { error: 'Not found' } };
  const format = url.searchParams.get('format') ?? 'jsonv2';
  const q = url.searchParams.get('q');
  if (format !== 'jsonv2' && format !== 'json')
    return {
      status: 400,
      body: {
        error: { code: 400, message: "Parameter 'format' must be one of: xml, json, jsonv2, geojson, geocodejson" },
      },
    };
  if (!q || !q.trim()) return { status: 400, body: { error: { code: 400, message: 'Nothing to search for.' } } };
  const limit = Math.max(1, Math.min(40, Number(url.searchParams.get('limit') ?? 10) || 10));
  const lower = q.toLowerCase();
  const hits = GAZETTEER.filter((g) => lower.includes(g.street)).slice(0, limit);
  return {
    status: 200,
    body: hits.map((g, i) => ({
      place_id: 100000 + GAZETTEER.indexOf(g),
      licence: 'Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright',
      osm_type: 'way',
      osm_id: 2000000 + GAZETTEER.indexOf(g),
      lat: g.lat.toFixed(7),
      lon: g.lon.toFixed(7),
      category: 'highway',
      type: 'residential',
      place_rank: 26,
      importance: 0.1 - i * 0.01,
      addresstype: 'road',
      name: g.street.replace(/\b\w/g, (c) => c.toUpperCase()),
      display_name: g.display,
      boundingbox: [
        (g.lat - 0.001).toFixed(7),
        (g.lat + 0.001).toFixed(7),
        (g.lon - 0.001).toFixed(7),
        (g.lon + 0.001).toFixed(7),
      ],
    })),
  };
}

export async function startNominatimFake(port = 0): Promise<NominatimFake> {
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    if (url.pathname === '/search') queries.push(url.searchParams.get('q') ?? '');
    const { status, body } = answer(url);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    queries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startNominatimFake(Number(process.argv[2] ?? 0));
  console.log(`nominatim fake on ${fake.base}`);
}
