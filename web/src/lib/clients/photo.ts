// Which uploads count as a pet photo, and the file extension each is stored under. The pet-photos bucket
// accepts exactly these types; checking here gives the user a clear message before storage refuses.
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

export function photoExtension(mimeType: string): string | null {
  return EXTENSIONS[mimeType.toLowerCase()] ?? null;
}

/** The media types a pet photo may have, for the file field's checks. */
export const PET_PHOTO_TYPES: readonly string[] = Object.keys(EXTENSIONS);
