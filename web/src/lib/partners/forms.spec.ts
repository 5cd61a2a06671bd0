import { describe, expect, it } from 'vitest';
import { contactOf, partnerSchema, payloadSummary, readContact } from './forms.ts';

const valid = { name: ' Green Valley Vets ', kind: 'vet', email: '', phone: '', website: '', api_base_url: '' };

describe('partnerSchema', () => {
  it('trims the name and stores blanks as not given', () => {
    const parsed = partnerSchema.parse(valid);
    expect(parsed.name).toBe('Green Valley Vets');
    expect(parsed.email).toBeNull();
    expect(contactOf(parsed)).toEqual({});
  });

  it('refuses a web address without its scheme, and other schemes', () => {
    for (const website of ['greenvalley.example', 'ftp://greenvalley.example', 'javascript:alert(1)']) {
      const result = partnerSchema.safeParse({ ...valid, website });
      expect(result.success).toBe(false);
    }
    expect(partnerSchema.safeParse({ ...valid, api_base_url: 'https://fhir.example/r4' }).success).toBe(true);
  });

  it('refuses an unknown kind and a blank name', () => {
    expect(partnerSchema.safeParse({ ...valid, kind: 'bank' }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...valid, name: '   ' }).success).toBe(false);
  });

  it('keeps only the contact fields given', () => {
    const parsed = partnerSchema.parse({
      ...valid,
      email: 'a@b.example',
      contact_name: 'Dr Ng',
      phone: '+44 1' + '234 5678',
    });
    expect(contactOf(parsed)).toEqual({ email: 'a@b.example', name: 'Dr Ng', phone: '+44 1234 5678' });
  });
});

describe('readContact', () => {
  it('reads only known text fields of any stored shape', () => {
    expect(readContact({ email: 'x@y.example', phone: 7, extra: 'no' })).toEqual({ email: 'x@y.example' });
    expect(readContact(['a'])).toEqual({});
    expect(readContact(null)).toEqual({});
  });
});

describe('payloadSummary', () => {
  it('names the vaccine, dates and chip of a vaccination record', () => {
    expect(
      payloadSummary({
        microchip: '985112345678901',
        vaccine: { name: 'Rabies' },
        administered_on: '2026-12-01',
        expires_on: '2027-12-01',
      }),
    ).toBe('Rabies · given 2026-12-01 · expires 2027-12-01 · microchip 985112345678901');
  });

  it('falls back to the code and copes with odd payloads', () => {
    expect(payloadSummary({ vaccine: { code: '18' } })).toBe('18');
    expect(payloadSummary('x')).toBe('No details');
  });
});
