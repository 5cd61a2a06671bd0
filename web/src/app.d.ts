import type { User } from '@supabase/supabase-js';
import type { SeatLookup } from '#lib/server/seat.ts';
import type { Supabase } from '#lib/server/supabase.ts';
import type { Viewer } from '#lib/viewer.ts';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      status: number;
      message: string;
      /** Set for unexpected faults: the id of the log line that describes it (see hooks.server.ts). */
      id?: string;
    }
    interface Locals {
      /** The request's Supabase client, acting as the signed-in user (or anon) so RLS applies. */
      supabase: Supabase;
      /** The user validated by Supabase Auth for this request, or null when signed out. */
      user: User | null;
      /** The user's staff seat at the business `slug` names, looked up at most once per request. */
      seat: SeatLookup;
    }
    interface PageData {
      /** The only user fields the browser receives (see routes/+layout.server.ts). */
      viewer: Viewer | null;
    }
  }
}

export {};
