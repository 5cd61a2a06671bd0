import { describe, expect, it } from 'vitest';
import { CERTIFICATE_TYPES, PHOTO_TYPES, inPetFolder, isEmptyUpload, objectPath, uploadProblem } from './files.ts';

const pdf = { name: 'cert.pdf', type: 'application/pdf', size: 2048 };

describe('uploadProblem', () => {
  it('accepts a PDF certificate under the bucket limit', () => {
    expect(uploadProblem(pdf, CERTIFICATE_TYPES, 20971520)).toBeNull();
  });

  it('names the accepted types when the type is wrong', () => {
    expect(uploadProblem({ ...pdf, type: 'text/plain' }, CERTIFICATE_TYPES, null)).toBe(
      'Choose a PDF, PNG or JPG file.',
    );
    expect(uploadProblem(pdf, PHOTO_TYPES, null)).toBe('Choose a JPG, PNG or WEBP file.');
  });

  it('refuses files over the limit and empty files', () => {
    expect(uploadProblem({ ...pdf, size: 3 * 1048576 }, CERTIFICATE_TYPES, 2 * 1048576)).toBe(
      'The file is larger than 2 MB.',
    );
    expect(uploadProblem({ ...pdf, size: 0 }, CERTIFICATE_TYPES, null)).toBe('The file is empty.');
  });
});

describe('isEmptyUpload', () => {
  it('treats the nameless empty part of an untouched file input as no upload', () => {
    expect(isEmptyUpload({ name: '', type: 'application/octet-stream', size: 0 })).toBe(true);
    expect(isEmptyUpload(null)).toBe(true);
    expect(isEmptyUpload(pdf)).toBe(false);
  });
});

describe('objectPath', () => {
  it('starts with the business and pet folders the storage policies key on', () => {
    expect(objectPath('b1', 'p1', 'vaccinations', 'x', 'image/jpeg', CERTIFICATE_TYPES)).toBe(
      'b1/p1/vaccinations/x.jpg',
    );
  });

  it('throws for a type the bucket does not take', () => {
    expect(() => objectPath('b1', 'p1', 'vaccinations', 'x', 'text/html', CERTIFICATE_TYPES)).toThrow(RangeError);
  });
});

describe('inPetFolder', () => {
  it('accepts paths inside the pet’s folder only', () => {
    expect(inPetFolder('b1/p1/vaccinations/x.pdf', 'b1', 'p1')).toBe(true);
    expect(inPetFolder('b1/p2/vaccinations/x.pdf', 'b1', 'p1')).toBe(false);
    expect(inPetFolder('b1/p10/x.pdf', 'b1', 'p1')).toBe(false);
    expect(inPetFolder('b1/p1/../p2/x.pdf', 'b1', 'p1')).toBe(false);
  });
});
