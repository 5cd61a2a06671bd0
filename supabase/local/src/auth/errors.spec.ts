import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { sendError, weakPassword } from './errors.ts';

function capture(apiVersion?: string) {
  const req = { headers: apiVersion ? { 'x-supabase-api-version': apiVersion } : {} } as unknown as IncomingMessage;
  const out: { status?: number; headers?: Record<string, string>; body?: any } = {};
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      out.status = status;
      out.headers = headers;
    },
    end(text: string) {
      out.body = JSON.parse(text);
    },
  } as unknown as ServerResponse;
  return { req, res, out };
}

describe('GoTrue error shapes', () => {
  it('answers 2024-01-01 clients with {code, message} and echoes the version', () => {
    const { req, res, out } = capture('2024-01-01');
    sendError(req, res, weakPassword(8));
    expect(out.status).toBe(422);
    expect(out.headers?.['x-supabase-api-version']).toBe('2024-01-01');
    expect(out.body).toEqual({
      code: 'weak_password',
      message: 'Password should be at least 8 characters.',
      weak_password: { reasons: ['length'] },
    });
  });

  it('answers clients without the version header with the legacy {code: status, error_code, msg}', () => {
    const { req, res, out } = capture();
    sendError(req, res, weakPassword(8));
    expect(out.headers?.['x-supabase-api-version']).toBeUndefined();
    expect(out.body).toMatchObject({
      code: 422,
      error_code: 'weak_password',
      msg: 'Password should be at least 8 characters.',
    });
  });
});
