// Photos from a phone camera are 3–12 MB; a report card needs a screen's worth. Before upload the browser
// scales each photo so its longer side is at most REPORT_PHOTO_MAX_SIDE pixels and re-encodes it as JPEG.
// A file the browser cannot decode (HEIC on most desktops) is sent as it is, and the server decides.
import { REPORT_PHOTO_MAX_SIDE } from './limits.ts';

/** The size a w×h image is scaled to so neither side exceeds `max` (never enlarged). */
export function fitWithin(
  width: number,
  height: number,
  max = REPORT_PHOTO_MAX_SIDE,
): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function resizePhoto(file: File, max = REPORT_PHOTO_MAX_SIDE): Promise<File> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  const size = fitWithin(bitmap.width, bitmap.height, max);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return file;
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  if (!blob || (blob.size >= file.size && file.type === 'image/jpeg')) return file;
  const name = file.name.replace(/\.[^.]*$/, '') + '.jpg';
  return new File([blob], name, { type: 'image/jpeg', lastModified: file.lastModified });
}
