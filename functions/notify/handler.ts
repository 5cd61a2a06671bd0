// POST /functions/v1/notify — runs the dispatcher once (pg_cron every minute, the insert trigger's nudge, a
// manager's retry). Only the service role may call it (verify_jwt checks the signature; the role is checked
// here, since the anon key is a valid JWT too). The body may tune one run: {batch, lease_seconds,
// max_attempts, backoff_base_seconds, concurrency, business_id}.
import { z } from 'zod';
import { dispatch, type Deps, type Options } from './dispatch.ts';

const Body = z
  .object({
    batch: z.number().int().min(1).max(1000).optional(),
    lease_seconds: z.number().int().min(1).max(3600).optional(),
    max_attempts: z.number().int().min(1).max(50).optional(),
    backoff_base_seconds: z.number().min(0).max(86_400).optional(),
    concurrency: z.number().int().min(1).max(50).optional(),
    business_id: z.uuid().optional(),
  })
  .strict();

/** The role claim of a Bearer JWT (its signature is the gateway's business: verify_jwt). */
export function bearerRole(header: string | null): string | null {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  const part = token?.split('.')[1];
  if (!part) return null;
  try {
    const json = JSON.parse(
      atob(
        part
          .replace(/-/g, '+')
          .replace(/_/g, '/')
          .padEnd(Math.ceil(part.length / 4) * 4, '='),
      ),
    );
    return typeof json.role === 'string' ? json.role : null;
  } catch {
    return null;
  }
}

export function makeHandler(deps: () => Deps, defaults: Partial<Options> = {}) {
  return async (req: Request): Promise<Response> => {
    if (req.method !== 'POST') return Response.json({ error: 'use POST' }, { status: 405, headers: { allow: 'POST' } });
    if (bearerRole(req.headers.get('authorization')) !== 'service_role')
      return Response.json({ error: 'only the service role may run the dispatcher' }, { status: 403 });
    const text = await req.text();
    let raw: unknown;
    try {
      raw = text.trim() ? JSON.parse(text) : {};
    } catch {
      return Response.json({ error: 'body is not JSON' }, { status: 400 });
    }
    const parsed = Body.safeParse(raw);
    if (!parsed.success) return Response.json({ error: 'bad options', issues: parsed.error.issues }, { status: 400 });
    const b = parsed.data;
    try {
      const summary = await dispatch(deps(), {
        ...defaults,
        ...(b.batch && { batch: b.batch }),
        ...(b.lease_seconds && { leaseSeconds: b.lease_seconds }),
        ...(b.max_attempts && { maxAttempts: b.max_attempts }),
        ...(b.backoff_base_seconds !== undefined && { backoffBaseSeconds: b.backoff_base_seconds }),
        ...(b.concurrency && { concurrency: b.concurrency }),
        ...(b.business_id && { businessId: b.business_id }),
      });
      return Response.json(summary);
    } catch (e) {
      console.error('notify:', (e as Error).message);
      return Response.json({ error: 'dispatch failed' }, { status: 500 });
    }
  };
}
