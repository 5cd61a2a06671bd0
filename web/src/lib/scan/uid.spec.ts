import { describe, expect, it } from 'vitest';
import { normaliseUid, tagCodeFromText } from './uid.ts';

describe('normaliseUid', () => {
  it('keeps a Web NFC serial number as it is', () => {
    expect(normaliseUid('04:a1:b2:c3:d4:e5:01')).toEqual({ ok: true, uid: '04:a1:b2:c3:d4:e5:01' });
  });

  it('lower-cases and pairs what a keyboard-wedge reader types', () => {
    expect(normaliseUid('04A1B2C3D4E501')).toEqual({ ok: true, uid: '04:a1:b2:c3:d4:e5:01' });
    expect(normaliseUid(' 04-A1-B2-C3 ')).toEqual({ ok: true, uid: '04:a1:b2:c3' });
    expect(normaliseUid('04 a1 b2 c3')).toEqual({ ok: true, uid: '04:a1:b2:c3' });
  });

  it('pads a separated byte written without its leading zero', () => {
    expect(normaliseUid('4:a1:b2:c3')).toEqual({ ok: true, uid: '04:a1:b2:c3' });
  });

  it('refuses non-hex input with a message naming it', () => {
    const result = normaliseUid('hello world');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('hello world');
  });

  it('refuses an odd number of joined digits', () => {
    expect(normaliseUid('04a1b2c3d').ok).toBe(false);
  });

  it('refuses serials shorter than 4 or longer than 16 bytes', () => {
    expect(normaliseUid('04:a1:b2').ok).toBe(false);
    expect(normaliseUid('00'.repeat(17)).ok).toBe(false);
    expect(normaliseUid('00'.repeat(16)).ok).toBe(true);
  });

  it('refuses empty input', () => {
    expect(normaliseUid('   ')).toMatchObject({ ok: false, message: expect.stringContaining('No tag number') });
  });
});

describe('tagCodeFromText', () => {
  it('prefers an NFC serial number', () => {
    expect(tagCodeFromText('04A1B2C3D4E502')).toEqual({ ok: true, uid: '04:a1:b2:c3:d4:e5:02' });
  });

  it('accepts a QR token, also inside a link', () => {
    expect(tagCodeFromText('QR-Pepper-0001')).toEqual({ ok: true, uid: 'qr-pepper-0001' });
    expect(tagCodeFromText('https://pawcentral.example/t/qr-pepper-0001')).toEqual({ ok: true, uid: 'qr-pepper-0001' });
  });

  it('reports an almost-serial as a bad serial rather than a token', () => {
    expect(tagCodeFromText('04a1b').ok).toBe(false);
  });
});
