import { describe, expect, it } from 'vitest';
import { isAllowedRedirect, redirectTarget } from './redirect.ts';

const auth = {
  siteUrl: 'http://localhost:3000',
  additionalRedirectUrls: ['http://127.0.0.1:5173/**', 'https://*.example.com/auth/*'],
};

describe('redirect URL rules', () => {
  it('allows any path on the site URL host', () => {
    expect(isAllowedRedirect(auth, 'http://localhost:3000/welcome?x=1')).toBe(true);
  });

  it('allows paths of any depth under a ** pattern', () => {
    expect(isAllowedRedirect(auth, 'http://127.0.0.1:5173/a/b/c')).toBe(true);
  });

  it('keeps a single * within one host label or path segment', () => {
    expect(isAllowedRedirect(auth, 'https://app.example.com/auth/callback')).toBe(true);
    expect(isAllowedRedirect(auth, 'https://a.b.example.com/auth/callback')).toBe(false);
    expect(isAllowedRedirect(auth, 'https://app.example.com/auth/a/b')).toBe(false);
  });

  it('refuses other hosts and falls back to the site URL', () => {
    expect(isAllowedRedirect(auth, 'https://evil.test/steal')).toBe(false);
    expect(redirectTarget(auth, 'https://evil.test/steal')).toBe('http://localhost:3000');
    expect(redirectTarget(auth, undefined)).toBe('http://localhost:3000');
  });
});

describe('redirect URL rules: scheme and port', () => {
  it('refuses another scheme on the site host', () => {
    expect(isAllowedRedirect(auth, 'javascript://localhost:3000/%0aalert(document.cookie)')).toBe(false);
    expect(isAllowedRedirect(auth, 'javascript://localhost/%0aalert(1)')).toBe(false);
    expect(isAllowedRedirect(auth, 'https://localhost:3000/welcome')).toBe(false);
    expect(redirectTarget(auth, 'javascript://localhost:3000/%0aalert(1)')).toBe('http://localhost:3000');
  });

  it('refuses another port on the site host', () => {
    expect(isAllowedRedirect(auth, 'http://localhost:8080/welcome')).toBe(false);
    expect(isAllowedRedirect(auth, 'http://localhost/welcome')).toBe(false);
  });

  it('treats the loopback names as one host only with the same scheme and port', () => {
    expect(isAllowedRedirect(auth, 'http://127.0.0.1:3000/welcome')).toBe(true);
    expect(isAllowedRedirect(auth, 'http://127.0.0.1:3001/welcome')).toBe(false);
  });

  it('refuses URLs that carry credentials', () => {
    expect(isAllowedRedirect(auth, 'http://user:pw@localhost:3000/welcome')).toBe(false);
  });

  it('holds an additional URL to its own scheme and port', () => {
    expect(isAllowedRedirect(auth, 'http://127.0.0.1:5173/x')).toBe(true);
    expect(isAllowedRedirect(auth, 'javascript://127.0.0.1:5173/x')).toBe(false);
    expect(isAllowedRedirect(auth, 'http://127.0.0.1:5174/x')).toBe(false);
    expect(isAllowedRedirect(auth, 'http://app.example.com/auth/callback')).toBe(false);
  });
});
