// A stand-in for a raster tile server at the world's edge (the driver map's PUBLIC_MAP_TILE_URL): GET
// /{z}/{x}/{y}.png answers a 256 × 256 PNG as OpenStreetMap's tile servers do (image/png, a day's
// Cache-Control), 404 for a tile that does not exist (zoom above 19, x or y outside 0 … 2^z − 1) or any other
// path. Each tile is a pale square with a darker edge, so a screenshot shows the grid. No CORS headers: map
// libraries load tiles as plain images. Run it alone (`npx node tests/support/tile-fake.ts <port>`) or import
// startTileFake; GET /requests lists the tiles asked for so far (z/x/y), for tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';

export const MAX_ZOOM = 19;
const SIZE = 256;

export interface TileFake {
  base: string;
  /** The URL template to configure (`…/{z}/{x}/{y}.png`). */
  template: string;
  /** Every tile asked for, as "z/x/y", in order. */
  requests: string[];
  close(): Promise<void>;
}

/** The tile at a path, or why there is none. */
export function parseTilePath(pathname: string): { z: number; x: number; y: number } | null {
  const m = /^\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.png$/.exec(pathname);
  if (!m) return null;
  const [z, x, y] = m.slice(1).map(Number);
  if (z > MAX_ZOOM || x >= 2 ** z || y >= 2 ** z) return null;
  return { z, x, y };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 256 × 256 RGB PNG: a pale fill with a 1-pixel darker edge. */
export function tilePng(): Buffer {
  const fill = [0xe9, 0xee, 0xe4];
  const edge = [0xc4, 0xcc, 0xbd];
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 3));
  for (let y = 0; y < SIZE; y++) {
    const at = y * (1 + SIZE * 3);
    rows[at] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const px = x === 0 || y === 0 ? edge : fill;
      rows.set(px, at + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter set, not interlaced
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function startTileFake(port = 0): Promise<TileFake> {
  const requests: string[] = [];
  const png = tilePng();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://tiles.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      return res.end('Method not allowed\n');
    }
    if (url.pathname === '/requests') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(JSON.stringify(requests));
    }
    const tile = parseTilePath(url.pathname);
    if (!tile) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('Tile not found\n');
    }
    requests.push(`${tile.z}/${tile.x}/${tile.y}`);
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'max-age=86400' });
    res.end(req.method === 'HEAD' ? undefined : png);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    template: `${base}/{z}/{x}/{y}.png`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startTileFake(Number(process.argv[2] ?? 0));
  console.log(`tile fake on ${fake.template}`);
}
