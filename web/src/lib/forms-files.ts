// What an uploaded file really is, read from its first bytes. A browser's declared type comes from the
// file name, so a text file renamed `.pdf` arrives as application/pdf; the bytes cannot pretend. Used by
// the form actions (refuse before storing) and by the file fields in the browser (refuse before sending).

/** How many leading bytes `sniffType` needs. */
export const SNIFF_BYTES = 16;

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  return head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);
}

function ascii(head: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...head.subarray(from, to));
}

/** The media type the leading bytes belong to, or null when they match none we accept. */
export function sniffType(head: Uint8Array): string | null {
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp' && HEIC_BRANDS.has(ascii(head, 8, 12))) return 'image/heic';
  return null;
}

const NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
};

/** "PDF, PNG or JPEG" for a list of media types. */
export function typeNames(types: readonly string[]): string {
  const names = types.map((t) => NAMES[t] ?? t);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

/** "20 MB" (binary megabytes, as the storage limits are set). */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} MB`;
}

/** The hint every file field shows: what it takes and how big. */
export function fileHint(types: readonly string[], maxBytes: number): string {
  return `${typeNames(types)}, up to ${megabytes(maxBytes)}.`;
}

/** A reason to refuse a file whose bytes are not the type it declares, or null when they agree. */
export function contentProblem(head: Uint8Array, declared: string, accepted: readonly string[]): string | null {
  const actual = sniffType(head);
  if (actual && actual === declared.toLowerCase()) return null;
  const expected = typeNames(accepted);
  return actual && accepted.includes(actual)
    ? `The file is really a ${NAMES[actual]}, but its name says otherwise. Rename it or choose another file.`
    : `The file is not a real ${expected} file (its contents do not match). Choose another file.`;
}

export interface FileLike {
  name: string;
  type: string;
  size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * Every reason to refuse one file, checked in the order a person can act on: nothing chosen, wrong kind,
 * too big, contents that are not what the name says. Null when it may be sent.
 */
export async function fileProblem(
  file: FileLike,
  accepted: readonly string[],
  maxBytes: number,
): Promise<string | null> {
  if (file.size === 0) return 'The file is empty.';
  if (!accepted.includes(file.type.toLowerCase())) return `Choose a ${typeNames(accepted)} file.`;
  if (file.size > maxBytes) return `The file is ${megabytes(file.size)}; the limit is ${megabytes(maxBytes)}.`;
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return contentProblem(head, file.type, accepted);
}

/** What a file field says when the whole post was over the server's body limit and could not be read. */
export function tooLargeMessage(maxBytes: number): string {
  return `The upload was too large to receive, so nothing was saved. Choose files under ${megabytes(maxBytes)} and fill in the form again.`;
}
