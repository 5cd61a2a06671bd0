import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTilePath, startTileFake, type TileFake } from '../support/tile-fake.ts';

describe('the tile server stand-in', () => {
  let fake: TileFake;
  beforeAll(async () => {
    fake = await startTileFake();
  });
  afterAll(() => fake.close());

  it('answers a tile as a 256 × 256 PNG that caches for a day', async () => {
    const r = await fetch(`${fake.base}/12/2046/1361.png`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(r.headers.get('cache-control')).toBe('max-age=86400');
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const png = Buffer.from(await r.arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    // one filter byte and 256 RGB pixels per row
    expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(256 * (1 + 256 * 3));
    expect(fake.requests).toContain('12/2046/1361');
  });

  it('has no tile beyond the grid of its zoom, above zoom 19, or at another path', async () => {
    for (const path of ['/2/4/0.png', '/2/0/4.png', '/20/0/0.png', '/1/0/0.jpg', '/tiles/1/0/0.png', '/']) {
      const r = await fetch(fake.base + path);
      expect(r.status, path).toBe(404);
      await r.arrayBuffer();
    }
    expect(parseTilePath('/0/0/0.png')).toEqual({ z: 0, x: 0, y: 0 });
    expect(parseTilePath('/19/524287/524287.png')).toEqual({ z: 19, x: 524287, y: 524287 });
  });

  it('lists the tiles asked for', async () => {
    await (await fetch(`${fake.base}/3/1/2.png`)).arrayBuffer();
    const listed = (await (await fetch(`${fake.base}/requests`)).json()) as string[];
    expect(listed.at(-1)).toBe('3/1/2');
  });
});
