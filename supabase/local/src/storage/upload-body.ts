// Reads an upload request the two ways storage-js sends one: a raw body (content-type, cache-control
// and base64 JSON x-metadata headers) or multipart/form-data whose file field is named "" and is
// preceded by cacheControl / metadata fields. Nothing is buffered: the file comes back as a stream.
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import busboy from 'busboy';
import { ERRORS } from './errors.ts';

export interface UploadBody {
  stream: Readable;
  mimeType: string;
  cacheControl: string;
  userMetadata?: Record<string, unknown>;
  /** The Content-Length the client declared, if any (informational: sizes are counted). */
  declaredLength?: number;
}

/** `.emptyFolderPlaceholder` files (what the dashboard writes to make a folder) skip size and type limits. */
export const isEmptyFolder = (name: string) => name.endsWith('.emptyFolderPlaceholder');

const MAX_USER_METADATA = 1024 * 1024;

export async function readUploadBody(
  req: IncomingMessage,
  limits: { maxSize: number; allowedMimeTypes: string[] | null; objectName: string },
): Promise<UploadBody> {
  const declared = Number(req.headers['content-length']);
  const declaredLength = Number.isFinite(declared) && declared >= 0 ? declared : undefined;
  const contentType = req.headers['content-type'] ?? '';
  const checkMime = (mime: string) => {
    if (limits.allowedMimeTypes?.length && !isEmptyFolder(limits.objectName))
      validateMimeType(mime, limits.allowedMimeTypes);
  };

  if (/^multipart\/form-data/i.test(contentType)) {
    const part = await firstFile(req, limits.maxSize);
    const mimeType = part.fields.contentType || part.mimeType;
    checkMime(mimeType);
    const custom = part.fields.metadata ?? part.fields.userMetadata;
    let userMetadata: Record<string, unknown> | undefined;
    if (custom !== undefined) {
      if (Buffer.byteLength(custom) > MAX_USER_METADATA) throw ERRORS.entityTooLarge('user_metadata');
      userMetadata = parseJsonObject(custom);
    }
    return {
      stream: part.stream,
      mimeType,
      cacheControl: part.fields.cacheControl ? `max-age=${part.fields.cacheControl}` : 'no-cache',
      userMetadata,
      declaredLength,
    };
  }

  const mimeType = contentType || 'application/octet-stream';
  checkMime(mimeType);
  if (declaredLength !== undefined && declaredLength > limits.maxSize) throw ERRORS.entityTooLarge();
  const header = req.headers['x-metadata'];
  const userMetadata =
    typeof header === 'string' ? parseJsonObject(Buffer.from(header, 'base64').toString('utf8')) : undefined;
  // A proxy, so a failed write can stop reading without destroying the request (and its socket).
  const stream = new PassThrough();
  req.pipe(stream);
  return {
    stream,
    mimeType,
    cacheControl: (req.headers['cache-control'] as string | undefined) ?? 'no-cache',
    userMetadata,
    declaredLength,
  };
}

interface FilePart {
  stream: Readable;
  mimeType: string;
  fields: Record<string, string>;
}

/** Resolves at the first file part, with the fields sent before it. */
function firstFile(req: IncomingMessage, maxSize: number): Promise<FilePart> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // One byte over the limit reaches the size meter, which then refuses the upload.
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxSize + 1, fieldSize: MAX_USER_METADATA + 1 },
      });
    } catch {
      reject(ERRORS.noContent());
      return;
    }
    const fields: Record<string, string> = {};
    let found = false;
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (_name, stream, info) => {
      if (found) {
        stream.resume();
        return;
      }
      found = true;
      resolve({ stream, mimeType: info.mimeType || 'application/octet-stream', fields });
    });
    bb.on('error', () => {
      if (!found) reject(ERRORS.noContent());
    });
    bb.on('close', () => {
      if (!found) reject(ERRORS.noContent());
    });
    req.pipe(bb);
  });
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

// A media type as RFC 9110 writes it: type "/" subtype, then `; name=value` parameters. Both names are
// tokens, so nothing else ("/..", a second slash, spaces) can ride along after the subtype.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PARAM = `[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|"(?:[^"\\\\]|\\\\.)*")`;
const MEDIA_TYPE = new RegExp(`^(${TOKEN})/(${TOKEN})((?:${PARAM})*)[ \\t]*$`);

export interface MediaType {
  type: string;
  subtype: string;
  /** The parameters as sent (`;charset=UTF-8`), compared literally as storage compares them. */
  params: string;
}

export function parseMediaType(text: string): MediaType | null {
  const m = MEDIA_TYPE.exec(text);
  return m ? { type: m[1], subtype: m[2], params: m[3] } : null;
}

/**
 * The whole content type must parse; then its type must equal an allowed entry's and its subtype
 * (with parameters, as storage compares the text after "/") too, unless the entry is `type/*`. So
 * "text/plain;charset=UTF-8" matches `text/*` but not `text/plain`, and "image/png/../text/html"
 * matches nothing.
 */
export function validateMimeType(mime: string, allowed: string[]): void {
  const asked = parseMediaType(mime);
  if (!asked) throw ERRORS.invalidMimeType(mime);
  for (const entry of allowed) {
    const ok = parseMediaType(entry);
    if (!ok || ok.type !== asked.type) continue;
    if (ok.subtype === '*' || (ok.subtype === asked.subtype && ok.params === asked.params)) return;
  }
  throw ERRORS.invalidMimeType(mime);
}
