import { describe, expect, it } from 'vitest';
import { allowSupabase, PERMISSIONS_POLICY, supabaseOrigins } from './security-headers.ts';

const kitPolicy = "default-src 'self'; script-src 'self' 'nonce-abc'; img-src 'self' data: blob:; connect-src 'self'";

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((p) => p.trim().split(/\s+/))
      .map(([n, ...s]) => [n, s]),
  );
}

describe('supabaseOrigins', () => {
  it('pairs the API origin with its websocket origin', () => {
    expect(supabaseOrigins('http://127.0.0.1:54321')).toEqual({
      http: 'http://127.0.0.1:54321',
      socket: 'ws://127.0.0.1:54321',
    });
    expect(supabaseOrigins('https://abc.supabase.co/')).toEqual({
      http: 'https://abc.supabase.co',
      socket: 'wss://abc.supabase.co',
    });
  });
});

describe('allowSupabase', () => {
  it('lets the browser reach Supabase over http and websocket, and show its images', () => {
    const policy = directives(allowSupabase(kitPolicy, 'http://127.0.0.1:54321'));
    expect(policy['connect-src']).toEqual(["'self'", 'http://127.0.0.1:54321', 'ws://127.0.0.1:54321']);
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:', 'http://127.0.0.1:54321']);
  });

  it('leaves the other directives, and Kit’s nonce, as they were', () => {
    const policy = directives(allowSupabase(kitPolicy, 'https://abc.supabase.co'));
    expect(policy['script-src']).toEqual(["'self'", "'nonce-abc'"]);
    expect(policy['default-src']).toEqual(["'self'"]);
  });

  it('does not repeat an origin already allowed', () => {
    const once = allowSupabase(kitPolicy, 'http://127.0.0.1:54321');
    expect(allowSupabase(once, 'http://127.0.0.1:54321')).toBe(once);
  });
});

describe('PERMISSIONS_POLICY', () => {
  it('allows camera, geolocation and NFC on our own origin only', () => {
    expect(PERMISSIONS_POLICY).toContain('camera=(self)');
    expect(PERMISSIONS_POLICY).toContain('geolocation=(self)');
    expect(PERMISSIONS_POLICY).toContain('nfc=(self)');
    expect(PERMISSIONS_POLICY).toContain('microphone=()');
  });
});
