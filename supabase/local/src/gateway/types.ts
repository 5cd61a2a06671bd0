// The contract between the gateway and the services it mounts (rest, auth, storage, realtime,
// functions). Each service lives in its own folder and exports a factory taking a StackContext.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type pg from 'pg';
import type { StackConfig } from '../config.ts';

export interface Mail {
  from?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface StackContext {
  config: StackConfig;
  /** Connections as `authenticator` (switches role per request with `set local role`). */
  apiPool: pg.Pool;
  /** Connections as the superuser `postgres`, for services acting as their admin role. */
  adminPool: pg.Pool;
  /** Delivers an e-mail through SMTP to the stack's inbox (the mail catcher on the inbox port). */
  sendMail(mail: Mail): Promise<void>;
  log(service: string, message: string): void;
}

export interface Service {
  /**
   * Handles one HTTP request. `path` is the part after the mount point (`/rest/v1/todos?x=1` →
   * `/todos`), `url` the full parsed URL. CORS preflight and response headers are the gateway's.
   */
  handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void>;
  /** Handles a websocket upgrade (realtime). */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, path: string, url: URL): void;
  close?(): Promise<void>;
}

export type ServiceFactory = (ctx: StackContext) => Promise<Service>;
