// Image transformations (/render/image/…), as Supabase Storage offers them through imgproxy: width and
// height (1–2500 px), resize cover | contain | fill, quality 20–100, format origin | webp | avif (without
// a format, WebP when the client accepts it, as imgproxy's auto-WebP does). Done here with sharp, whose
// libvips binaries come from the npm registry (@img/sharp-*), so no external service is needed.
// Sources are limited as Supabase limits them: image types only, at most 25 MB and 50 megapixels.
import type { ServerResponse } from 'node:http';
import sharp, { type OutputInfo } from 'sharp';
import type { StorageContext } from './context.ts';
import { ERRORS } from './errors.ts';
import type { ObjectRow } from './read.ts';

export interface Transform {
  width?: number;
  height?: number;
  resize?: 'cover' | 'contain' | 'fill';
  quality?: number;
  format?: 'origin' | 'webp' | 'avif';
}

const MAX_SIDE = 2500;
const MAX_SOURCE_BYTES = 25 * 1024 * 1024;
const MAX_SOURCE_PIXELS = 50_000_000;
const SOURCE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/jpg',
  'image/webp',
  'image/avif',
  'image/gif',
  'image/tiff',
]);

function integer(name: string, raw: unknown, min: number, max: number): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) throw ERRORS.invalidRequest(`querystring/${name} must be integer`);
  if (n < min || n > max) throw ERRORS.invalidRequest(`querystring/${name} must be >= ${min} and <= ${max}`);
  return n;
}

/** Reads and checks transformation options from a query string or a signing request's `transform` object. */
export function parseTransform(src: URLSearchParams | Record<string, unknown>): Transform {
  const get = (k: string): unknown => (src instanceof URLSearchParams ? (src.get(k) ?? undefined) : src[k]);
  const t: Transform = {
    width: integer('width', get('width'), 1, MAX_SIDE),
    height: integer('height', get('height'), 1, MAX_SIDE),
    quality: integer('quality', get('quality'), 20, 100),
  };
  const resize = get('resize');
  if (resize !== undefined && resize !== '') {
    if (resize !== 'cover' && resize !== 'contain' && resize !== 'fill')
      throw ERRORS.invalidRequest('querystring/resize must be equal to one of the allowed values');
    t.resize = resize;
  }
  const format = get('format');
  if (format !== undefined && format !== '') {
    if (format !== 'origin' && format !== 'webp' && format !== 'avif')
      throw ERRORS.invalidRequest('querystring/format must be equal to one of the allowed values');
    t.format = format;
  }
  return t;
}

const FIT = { cover: 'cover', contain: 'inside', fill: 'fill' } as const;

/** Reads the object, applies the transformation and sends the result (headers only for HEAD). */
export async function sendTransformed(
  ctx: StorageContext,
  res: ServerResponse,
  obj: ObjectRow,
  t: Transform,
  opts: { head: boolean; accept?: string },
): Promise<void> {
  const m = obj.metadata ?? {};
  const size = obj.version ? await ctx.disk.size(obj.bucket_id, obj.name, obj.version) : undefined;
  if (size === undefined) throw ERRORS.noSuchKey();
  let mime = String(m.mimetype ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (size > MAX_SOURCE_BYTES) throw ERRORS.entityTooLarge('image');
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.disk.read(obj.bucket_id, obj.name, obj.version!)) chunks.push(chunk as Buffer);
  if (!SOURCE_TYPES.has(mime)) {
    // As imgproxy, the bytes decide, not the stored content type (an image uploaded as text/plain is
    // still transformed); bytes that are no supported image are refused.
    const sniffed = await sharp(Buffer.concat(chunks), { limitInputPixels: MAX_SOURCE_PIXELS })
      .metadata()
      .then((meta) => (meta.format === 'heif' ? 'image/avif' : `image/${meta.format}`))
      .catch(() => '');
    if (!SOURCE_TYPES.has(sniffed))
      throw ERRORS.invalidRequest(`Image transformation is not supported for the content type ${mime || 'unknown'}`);
    mime = sniffed;
  }
  const format =
    t.format === 'webp' || t.format === 'avif'
      ? t.format
      : t.format === undefined && /\bimage\/webp\b/.test(opts.accept ?? '')
        ? 'webp'
        : undefined;
  let out: { data: Buffer; info: OutputInfo };
  try {
    let img = sharp(Buffer.concat(chunks), { limitInputPixels: MAX_SOURCE_PIXELS, animated: false }).rotate();
    if (t.width || t.height) img = img.resize({ width: t.width, height: t.height, fit: FIT[t.resize ?? 'cover'] });
    const quality = t.quality ?? 80;
    if (format === 'webp') img = img.webp({ quality });
    else if (format === 'avif') img = img.avif({ quality });
    else if (mime === 'image/jpeg' || mime === 'image/jpg') img = img.jpeg({ quality });
    else if (mime === 'image/webp') img = img.webp({ quality });
    else if (mime === 'image/avif') img = img.avif({ quality });
    else img = img.png();
    out = await img.toBuffer({ resolveWithObject: true });
  } catch (err) {
    // A corrupt or over-large image is the caller's input, never a 500.
    throw ERRORS.invalidRequest(`The image could not be transformed: ${(err as Error).message}`);
  }
  const headers: Record<string, string> = {
    'content-type': `image/${out.info.format === 'heif' ? 'avif' : out.info.format}`,
    'content-length': String(out.data.length),
    'cache-control': m.cacheControl || 'no-cache',
    'x-robots-tag': 'none',
    vary: 'Accept',
    // As Supabase Storage reports the imgproxy options it applied.
    'x-transformations': transformationsHeader(t),
  };
  res.writeHead(200, headers);
  res.end(opts.head ? undefined : out.data);
}

/** `height:…,width:…,resizing_type:…,quality:…,format:…` in imgproxy's words (cover → fill, contain → fit, fill → force). */
function transformationsHeader(t: {
  width?: number;
  height?: number;
  resize?: string;
  quality?: number;
  format?: string;
}): string {
  const parts: string[] = [];
  if (t.height) parts.push(`height:${t.height}`);
  if (t.width) parts.push(`width:${t.width}`);
  if (t.width || t.height) {
    const type = { cover: 'fill', contain: 'fit', fill: 'force' }[t.resize ?? 'cover'] ?? 'fill';
    parts.push(`resizing_type:${type}`);
  }
  if (t.quality) parts.push(`quality:${t.quality}`);
  if (t.format && t.format !== 'origin') parts.push(`format:${t.format}`);
  return parts.join(',');
}
