import { describe, expect, it } from 'vitest';
import { loadConfig, parseSize } from './config.ts';

describe('config', () => {
  it('derives the Supabase CLI demo keys from the demo secret', () => {
    const c = loadConfig({});
    expect(c.anonKey).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0',
    );
    expect(c.serviceRoleKey).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU',
    );
  });

  it('uses the CLI ports by default and offsets them by STACK_PORT_BASE', () => {
    expect(loadConfig({}).ports).toEqual({ api: 54321, db: 54322, inbox: 54324, smtp: 54325 });
    expect(loadConfig({ STACK_PORT_BASE: '55320' }).ports.api).toBe(55321);
    expect(loadConfig({}).dbUrl).toBe('postgresql://postgres:postgres@127.0.0.1:54322/postgres');
  });

  it("sizes the REST API's connection pool as PostgREST's db-pool: 10 unless STACK_DB_POOL says otherwise", () => {
    expect(loadConfig({}).api.dbPool).toBe(10);
    expect(loadConfig({ STACK_DB_POOL: '4' }).api.dbPool).toBe(4);
    expect(() => loadConfig({ STACK_DB_POOL: '0' })).toThrow(/STACK_DB_POOL must be a whole number of at least 1/);
    expect(() => loadConfig({ STACK_DB_POOL: 'lots' })).toThrow(/STACK_DB_POOL/);
  });

  it('signs keys with JWT_SECRET when given and refuses a short one', () => {
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(40) }).anonKey).not.toBe(loadConfig({}).anonKey);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/32 characters/);
  });

  it('reads buckets and auth settings from config.toml', () => {
    const c = loadConfig({});
    expect(c.storage.buckets['pet-photos']).toMatchObject({ public: false, fileSizeLimit: 10 * 1024 * 1024 });
    expect(c.auth.siteUrl).toBe('http://localhost:3000');
    expect(c.api.schemas).toContain('public');
  });

  it('parses the size units the CLI accepts', () => {
    expect(parseSize('50MiB')).toBe(50 * 1024 * 1024);
    expect(parseSize('10MB')).toBe(10_000_000);
    expect(parseSize(1234)).toBe(1234);
    expect(parseSize(undefined)).toBeNull();
    expect(() => parseSize('lots')).toThrow();
  });

  it('refuses a stack name that could escape the data folder', () => {
    expect(() => loadConfig({ STACK_NAME: '../etc' })).toThrow(/STACK_NAME/);
  });
});

describe('config: where the gateway listens', () => {
  it('listens on loopback by default', () => {
    expect(loadConfig({}).apiHost).toBe('127.0.0.1');
    expect(loadConfig({ STACK_HOST: '::1' }).apiHost).toBe('::1');
  });

  it('refuses a non-loopback address while the demo secret is in use', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
      expect(() => loadConfig({ STACK_HOST: host })).toThrow(/refusing to listen on .*demo JWT secret/);
    }
    const demo = 'super-secret-jwt-token-with-at-least-32-characters-long';
    expect(() => loadConfig({ STACK_HOST: '0.0.0.0', JWT_SECRET: demo })).toThrow(/demo JWT secret/);
  });

  it('listens on another address with a secret of its own', () => {
    expect(loadConfig({ STACK_HOST: '0.0.0.0', JWT_SECRET: 'x'.repeat(40) }).apiHost).toBe('0.0.0.0');
  });
});
