import { describe, expect, it } from 'vitest';
import { loopbackAliases } from './origins.ts';

describe('loopbackAliases', () => {
  it('trusts localhost for an app built for 127.0.0.1, and the reverse, on the same port', () => {
    expect(loopbackAliases('http://127.0.0.1:3000')).toEqual(['http://localhost:3000']);
    expect(loopbackAliases('http://localhost:3000')).toEqual(['http://127.0.0.1:3000']);
  });

  it('keeps the scheme and a default port', () => {
    expect(loopbackAliases('https://localhost')).toEqual(['https://127.0.0.1']);
  });

  it('trusts nothing more for a real host', () => {
    expect(loopbackAliases('https://app.pawcentral.example')).toEqual([]);
  });
});
