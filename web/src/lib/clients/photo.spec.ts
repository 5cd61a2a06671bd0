import { describe, expect, it } from 'vitest';
import { photoExtension } from './photo.ts';

describe('photoExtension', () => {
  it('names the stored file after the image type the bucket accepts', () => {
    expect(photoExtension('image/jpeg')).toBe('jpg');
    expect(photoExtension('IMAGE/PNG')).toBe('png');
    expect(photoExtension('image/webp')).toBe('webp');
  });

  it('refuses types the pet-photos bucket does not accept', () => {
    expect(photoExtension('image/gif')).toBeNull();
    expect(photoExtension('application/pdf')).toBeNull();
  });
});
