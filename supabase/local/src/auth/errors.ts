// GoTrue's error shapes. Clients that send `X-Supabase-Api-Version: 2024-01-01` (auth-js does) get
// `{code, message}` with the version echoed; older clients get `{code: <status>, error_code, msg}`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../gateway/http.ts';

export const API_VERSION = '2024-01-01';

export class AuthError extends Error {
  readonly status: number;
  readonly code: string;
  /** Extra top-level fields (weak_password reasons). */
  readonly extra: Record<string, unknown>;
  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

export const badRequest = (code: string, msg: string) => new AuthError(400, code, msg);
export const unauthorized = (code: string, msg: string) => new AuthError(401, code, msg);
export const forbidden = (code: string, msg: string) => new AuthError(403, code, msg);
export const notFound = (code: string, msg: string) => new AuthError(404, code, msg);
export const unprocessable = (code: string, msg: string) => new AuthError(422, code, msg);
export const tooMany = (code: string, msg: string) => new AuthError(429, code, msg);

export const weakPassword = (min: number) =>
  new AuthError(422, 'weak_password', `Password should be at least ${min} characters.`, {
    weak_password: { reasons: ['length'] },
  });

/** Whether the request asked for the 2024-01-01 error format. */
export function wantsVersionedErrors(req: IncomingMessage): boolean {
  const v = req.headers['x-supabase-api-version'];
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= API_VERSION;
}

export function sendError(req: IncomingMessage, res: ServerResponse, err: AuthError): void {
  const headers: Record<string, string> = { 'x-sb-error-code': err.code };
  if (wantsVersionedErrors(req)) {
    headers['x-supabase-api-version'] = API_VERSION;
    sendJson(res, err.status, { code: err.code, message: err.message, ...err.extra }, headers);
  } else {
    sendJson(res, err.status, { code: err.status, error_code: err.code, msg: err.message, ...err.extra }, headers);
  }
}
