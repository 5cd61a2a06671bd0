// What a route handler returns: a JSON reply (status, body, extra headers) or a browser redirect.
import type { AuthState, Call } from '../context.ts';

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | { redirect: string };

export type Handler = (state: AuthState, call: Call, params: Record<string, string>) => Promise<Reply>;
