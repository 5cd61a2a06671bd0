// Which uploads the health pages accept and where they are stored. The buckets enforce their own size and
// type limits too; checking first lets the form say what is wrong instead of failing on the storage call.
// Object paths start <business_id>/<pet_id>/ because storage policies key on those two folders.

export const CERTIFICATE_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

export const PHOTO_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

// The buckets' own limits (supabase/config.toml), stated beside each file field and checked in the browser;
// the server reads the live limit from Storage.
export const DOCUMENT_MAX_BYTES = 20 * 1048576;
export const PHOTO_MAX_BYTES = 10 * 1048576;

export interface UploadLike {
  name: string;
  type: string;
  size: number;
}

/** Whether a form's file input was left empty (browsers still send an empty, nameless part). */
export function isEmptyUpload(file: UploadLike | null | undefined): boolean {
  return !file || (file.size === 0 && file.name === '');
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} MB`;
}

/** A reason to refuse the file, or null when it may be uploaded. */
export function uploadProblem(file: UploadLike, types: Record<string, string>, maxBytes: number | null): string | null {
  if (file.size === 0) return 'The file is empty.';
  if (!(file.type in types)) {
    const names = Object.values(types).map((ext) => ext.toUpperCase());
    return `Choose a ${names.slice(0, -1).join(', ')} or ${names.at(-1)} file.`;
  }
  if (maxBytes !== null && file.size > maxBytes) return `The file is larger than ${megabytes(maxBytes)}.`;
  return null;
}

/** `<business_id>/<pet_id>/<folder>/<id>.<ext>` for a file of an accepted type. */
export function objectPath(
  businessId: string,
  petId: string,
  folder: string,
  id: string,
  type: string,
  types: Record<string, string>,
): string {
  const ext = types[type];
  if (!ext) throw new RangeError(`unsupported type ${type}`);
  return `${businessId}/${petId}/${folder}/${id}.${ext}`;
}

/**
 * Whether an object path sits in the pet's own folder. Parents write document paths themselves, so a
 * path is only signed for staff when it really is this pet's file (not a file of another pet).
 */
export function inPetFolder(path: string, businessId: string, petId: string): boolean {
  const prefix = `${businessId}/${petId}/`;
  return path.startsWith(prefix) && !path.slice(prefix.length).split('/').includes('..');
}
