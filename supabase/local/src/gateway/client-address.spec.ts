import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { clientAddress, trustList, validProxyEntry } from './client-address.ts';

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  }) as IncomingMessage;

describe('client address', () => {
  it('ignores X-Forwarded-For from a loopback peer under the default configuration', () => {
    const proxies = trustList(loadConfig({}).trustedProxies);
    expect(clientAddress(request('127.0.0.1', '203.0.113.9'), proxies)).toBe('127.0.0.1');
    expect(clientAddress(request('::ffff:127.0.0.1', '203.0.113.9'), proxies)).toBe('127.0.0.1');
    expect(clientAddress(request('::1', '203.0.113.9'), proxies)).toBe('::1');
  });

  it('takes only the last hop from a configured proxy', () => {
    const proxies = trustList(loadConfig({ STACK_TRUSTED_PROXIES: '127.0.0.1, ::1' }).trustedProxies);
    expect(clientAddress(request('127.0.0.1', '198.51.100.7, 203.0.113.9'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(request('::ffff:127.0.0.1', '203.0.113.9'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(request('::1', '2001:db8::1'), proxies)).toBe('2001:db8::1');
  });

  it('ignores X-Forwarded-For from peers that are not configured proxies', () => {
    const proxies = trustList(['10.0.0.0/8']);
    expect(clientAddress(request('10.1.2.3', '203.0.113.9'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(request('192.0.2.1', '203.0.113.9'), proxies)).toBe('192.0.2.1');
  });

  it('keeps the peer when a trusted proxy sends no usable hop', () => {
    const proxies = trustList(['127.0.0.1']);
    expect(clientAddress(request('127.0.0.1'), proxies)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', '203.0.113.9, not-an-address'), proxies)).toBe('127.0.0.1');
  });

  it('accepts addresses and CIDR ranges as proxies and the config refuses anything else', () => {
    expect(['127.0.0.1', '::1', '10.0.0.0/8', '2001:db8::/32'].every(validProxyEntry)).toBe(true);
    expect(['localhost', '10.0.0.0/33', '1.2.3.4/x', ''].some(validProxyEntry)).toBe(false);
    expect(() => loadConfig({ STACK_TRUSTED_PROXIES: 'localhost' })).toThrow(/STACK_TRUSTED_PROXIES/);
  });
});
