import { describe, expect, it } from 'vitest';
import { isEmptyFolder, validateMimeType } from './upload-body.ts';

describe('validateMimeType', () => {
  it('accepts an exact entry and any subtype of a wildcard entry', () => {
    expect(() => validateMimeType('image/png', ['image/png'])).not.toThrow();
    expect(() => validateMimeType('text/csv', ['text/*'])).not.toThrow();
  });

  it("refuses other types with storage's 415 error", () => {
    expect(() => validateMimeType('application/pdf', ['image/*'])).toThrow(
      'mime type application/pdf is not supported',
    );
    expect(() => validateMimeType('nonsense', ['image/*'])).toThrow(expect.objectContaining({ status: 415 }));
  });

  it('compares parameters as storage does, so a charset must be listed to match', () => {
    expect(() => validateMimeType('text/plain;charset=UTF-8', ['text/plain'])).toThrow();
    expect(() => validateMimeType('text/plain;charset=UTF-8', ['text/*'])).not.toThrow();
  });
});

describe('isEmptyFolder', () => {
  it("recognises the dashboard's folder placeholder", () => {
    expect(isEmptyFolder('a/b/.emptyFolderPlaceholder')).toBe(true);
    expect(isEmptyFolder('a/b/photo.png')).toBe(false);
  });
});

describe('validateMimeType on malformed types', () => {
  it('refuses a type with anything after the subtype but parameters', () => {
    for (const mime of ['image/png/../text/html', 'image/png/x', 'image/png x', 'image/', '/png', 'image/png;']) {
      expect(() => validateMimeType(mime, ['image/png', 'image/*']), mime).toThrow(
        expect.objectContaining({ status: 415 }),
      );
    }
  });

  it('accepts parameters, matched literally against an entry that lists them', () => {
    expect(() => validateMimeType('text/plain; charset=utf-8', ['text/*'])).not.toThrow();
    expect(() => validateMimeType('text/plain;charset=UTF-8', ['text/plain;charset=UTF-8'])).not.toThrow();
    expect(() => validateMimeType('text/plain;charset=utf-8', ['text/plain;charset=UTF-8'])).toThrow();
  });
});
