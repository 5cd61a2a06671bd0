// The app's Content-Security-Policy and Permissions-Policy. Kit writes the CSP header from
// CSP_DIRECTIVES (vite.config.ts) with a fresh nonce per page for its own inline boot script; the
// Supabase origin is only known when the server starts (PUBLIC_SUPABASE_URL), so the hook adds it to
// the directives that talk to Supabase from the browser: the roster's realtime websocket and the
// storage origin that signed photo URLs point at.
import type { Config } from '@sveltejs/kit/vite';
import { tileOrigin } from '../map/tiles.ts';

type CspDirectives = NonNullable<NonNullable<Config['csp']>['directives']>;

export const CSP_DIRECTIVES = {
  'default-src': ['self'],
  'script-src': ['self'],
  // Svelte renders style attributes (and the app template has one); styles cannot run code.
  'style-src': ['self', 'unsafe-inline'],
  'img-src': ['self', 'data:', 'blob:'],
  'connect-src': ['self'],
  'font-src': ['self'],
  'manifest-src': ['self'],
  'worker-src': ['self', 'blob:'],
  'object-src': ['none'],
  'base-uri': ['self'],
  'form-action': ['self'],
  'frame-ancestors': ['none'],
} satisfies CspDirectives;

/** The camera (QR codes), location (the driver's van) and NFC (tags) for our own pages only; nothing else. */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'geolocation=(self)',
  'nfc=(self)',
  'microphone=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
].join(', ');

/** The origins the browser reaches Supabase at: its API and storage (http[s]) and Realtime (ws[s]). */
export function supabaseOrigins(supabaseUrl: string): { http: string; socket: string } {
  const url = new URL(supabaseUrl);
  const socket = new URL(url.origin);
  socket.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return { http: url.origin, socket: socket.origin };
}

type SupabaseDirective = 'connect-src' | 'img-src';

/**
 * The origins a production map fetches from: the MapLibre style's (PUBLIC_MAP_STYLE_URL: style, tiles, sprites)
 * and the driver map's raster tiles (PUBLIC_MAP_TILE_URL, whose `{s}` subdomain becomes a `*.` wildcard).
 */
export function mapOrigins(styleUrl: string | undefined, tileUrl?: string): string[] {
  // an unparsable URL adds nothing: the map then fails to load, the policy stays closed
  const origins = [styleUrl, tileUrl].map((value) => (value ? tileOrigin(value) : null));
  return [...new Set(origins.filter((o): o is string => o !== null))];
}

/**
 * `policy` (a CSP header value) with the Supabase origins added where the browser needs them, and any map
 * origins (a production map style) where MapLibre fetches styles, tiles (connect-src) and sprites (img-src).
 */
export function allowSupabase(policy: string, supabaseUrl: string, mapOriginList: string[] = []): string {
  const { http, socket } = supabaseOrigins(supabaseUrl);
  const extra: Record<SupabaseDirective, string[]> = {
    'connect-src': [http, socket, ...mapOriginList],
    'img-src': [http, ...mapOriginList],
  };
  return policy
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, ...sources] = part.split(/\s+/);
      const added = extra[name as keyof typeof extra];
      return added ? [name, ...sources, ...added.filter((s) => !sources.includes(s))].join(' ') : part;
    })
    .join('; ');
}
