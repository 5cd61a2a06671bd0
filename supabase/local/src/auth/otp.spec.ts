import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, newOtp } from './otp.ts';

describe('one-time tokens', () => {
  it('makes numeric codes of the configured length', () => {
    for (const n of [6, 8]) expect(newOtp(n)).toMatch(new RegExp(`^\\d{${n}}$`));
  });

  it('hashes a code with its address as sha224(address + code), ignoring address case', () => {
    const expected = createHash('sha224').update('ada@example.test123456').digest('hex');
    expect(hashToken('Ada@Example.test', '123456')).toBe(expected);
  });
});
