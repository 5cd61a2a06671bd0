import { describe, expect, it } from 'vitest';
import { petSubject, subjectPetId } from './subject.ts';

describe('scan subjects', () => {
  it('round-trips a picked pet and leaves tag uids alone', () => {
    const id = '5b0e8f5c-3c1a-4b7e-9d3f-1a2b3c4d5e6f';
    expect(subjectPetId(petSubject(id))).toBe(id);
    expect(subjectPetId('04:a1:b2:c3:d4:e5:01')).toBeNull();
    expect(subjectPetId('pet:not-a-uuid')).toBeNull();
  });
});
