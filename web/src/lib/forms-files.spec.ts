import { describe, expect, it } from 'vitest';
import { contentProblem, fileHint, fileProblem, sniffType } from './forms-files.ts';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const PDF = bytes('%PDF-1.7\n%\xe2\xe3');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF');
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');
const HEIC = bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]);
const TEXT = bytes('Hello, this is a letter');
const CERTS = ['application/pdf', 'image/png', 'image/jpeg'];

function file(name: string, type: string, content: Uint8Array, size = content.length) {
  return { name, type, size, slice: (a?: number, b?: number) => new Blob([content.slice(a, b)]) };
}

describe('sniffType', () => {
  it('recognises PDF, PNG, JPEG, WebP and HEIC by their first bytes', () => {
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(PNG)).toBe('image/png');
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(WEBP)).toBe('image/webp');
    expect(sniffType(HEIC)).toBe('image/heic');
  });

  it('recognises nothing in text, empty input or a truncated signature', () => {
    expect(sniffType(TEXT)).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
    expect(sniffType(PNG.subarray(0, 4))).toBeNull();
    expect(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull();
  });
});

describe('contentProblem', () => {
  it('accepts bytes that match the declared type', () => {
    expect(contentProblem(PDF, 'application/pdf', CERTS)).toBeNull();
    expect(contentProblem(PNG, 'IMAGE/PNG', CERTS)).toBeNull();
  });

  it('refuses a text file that calls itself a PDF', () => {
    expect(contentProblem(TEXT, 'application/pdf', CERTS)).toBe(
      'The file is not a real PDF, PNG or JPEG file (its contents do not match). Choose another file.',
    );
  });

  it('says when an accepted kind of file carries the wrong name', () => {
    expect(contentProblem(JPEG, 'image/png', CERTS)).toMatch(/really a JPEG/);
  });
});

describe('fileProblem', () => {
  it('checks kind, then size, then contents', async () => {
    expect(await fileProblem(file('a.pdf', 'application/pdf', PDF), CERTS, 1024)).toBeNull();
    expect(await fileProblem(file('a.txt', 'text/plain', TEXT), CERTS, 1024)).toBe('Choose a PDF, PNG or JPEG file.');
    expect(await fileProblem(file('big.png', 'image/png', PNG, 30 * 1048576), CERTS, 20 * 1048576)).toBe(
      'The file is 30 MB; the limit is 20 MB.',
    );
    expect(await fileProblem(file('junk.png', 'image/png', TEXT), CERTS, 1024)).toMatch(/not a real/);
    expect(await fileProblem(file('e.pdf', 'application/pdf', new Uint8Array()), CERTS, 1024)).toBe(
      'The file is empty.',
    );
  });
});

describe('fileHint', () => {
  it('states the accepted kinds and the limit', () => {
    expect(fileHint(CERTS, 20 * 1048576)).toBe('PDF, PNG or JPEG, up to 20 MB.');
  });
});
