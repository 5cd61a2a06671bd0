import { describe, expect, it } from 'vitest';
import { loginUrl, safeNextPath } from './redirects.ts';

describe('safeNextPath', () => {
  it('keeps a same-site path with its query and hash', () => {
    expect(safeNextPath('/b/happy-paws/roster?day=2026-01-02#top')).toBe('/b/happy-paws/roster?day=2026-01-02#top');
  });

  it('falls back when next is missing or empty', () => {
    expect(safeNextPath(null)).toBe('/account');
    expect(safeNextPath(undefined, '/x')).toBe('/x');
    expect(safeNextPath('')).toBe('/account');
  });

  it.each([
    'https://evil.test/account',
    '//evil.test/account',
    '/\\evil.test',
    '\\\\evil.test',
    'javascript:alert(1)',
    'account',
    '/acc\nount',
    '/a\\b',
  ])('rejects %j', (next) => {
    expect(safeNextPath(next)).toBe('/account');
  });

  it('keeps percent-encoded characters encoded', () => {
    expect(safeNextPath('/%0a')).toBe('/%0a');
  });

  it('rejects overly long values', () => {
    expect(safeNextPath('/' + 'a'.repeat(3000))).toBe('/account');
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeNextPath('/a/../../account')).toBe('/account');
  });

  it.each(['/..//evil.test', '/.//evil.test', '/a/..//evil.test', '/.%2e//evil.test', '/%2e%2e//evil.test/x?y'])(
    'rejects %j, which normalises to a protocol-relative URL',
    (next) => {
      expect(safeNextPath(next)).toBe('/account');
    },
  );

  it('returns only paths that stay on the site when used as a Location', () => {
    for (const next of ['/..//evil.test', '/b/./roster', '/a/..//b', '/x/%2e%2e/y']) {
      const kept = safeNextPath(next);
      expect(new URL(kept, 'http://app.test').origin).toBe('http://app.test');
      expect(kept.startsWith('//')).toBe(false);
    }
  });
});

describe('loginUrl', () => {
  it('carries the wanted path in next', () => {
    expect(loginUrl('/account?tab=1')).toBe('/login?next=%2Faccount%3Ftab%3D1');
  });

  it('omits next for the home page and unsafe paths', () => {
    expect(loginUrl('/')).toBe('/login');
    expect(loginUrl('//evil.test')).toBe('/login');
  });
});
