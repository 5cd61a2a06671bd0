// A local push service for tests, written from the RFCs (not from any push library): it takes what a browser
// vendor's push service takes and refuses what one refuses.
//   RFC 8030  POST <endpoint>; TTL header required (integer seconds); Urgency one of very-low|low|normal|high;
//             201 Created with a Location for the accepted message; 404/410 for a subscription that is gone.
//   RFC 8292  Authorization: vapid t=<JWT>, k=<application server public key, base64url P-256 point>; the JWT is
//             ES256-signed by that key, its aud is the endpoint's origin, exp at most 24 h ahead, sub a mailto:
//             or https: contact. A wrong or missing token is 401 (403 when the key is not the subscription's).
//   RFC 8291  Content-Encoding: aes128gcm; the body is kept as sent. `decryptPushBody` (what the test, holding
//             the subscription's private key and auth secret, runs) undoes it: ECDH + HKDF + AES-128-GCM
//             (RFC 8188 record framing).

export const b64url = {
  encode(bytes: Uint8Array): string {
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  },
  decode(text: string): Uint8Array {
    const t = text.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(t.padEnd(Math.ceil(t.length / 4) * 4, '='));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  },
};

const enc = new TextEncoder();
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

export interface Accepted {
  subscription: string;
  ttl: number;
  urgency: string;
  topic: string | null;
  body: Uint8Array;
  jwtClaims: Record<string, unknown>;
}

/** A browser's side of a subscription: its key pair and auth secret, as the test holds them. */
export interface FakeBrowser {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  privateKey: CryptoKey;
  publicRaw: Uint8Array;
  authSecret: Uint8Array;
}

export async function newBrowser(base: string, id: string = crypto.randomUUID()): Promise<FakeBrowser> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const publicRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const authSecret = crypto.getRandomValues(new Uint8Array(16));
  return {
    id,
    endpoint: `${base}/push/${id}`,
    p256dh: b64url.encode(publicRaw),
    auth: b64url.encode(authSecret),
    privateKey: pair.privateKey,
    publicRaw,
    authSecret,
  };
}

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', ikm as BufferSource, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: info as BufferSource },
      key,
      bytes * 8,
    ),
  );
}

/** RFC 8291 + RFC 8188: the plaintext of an aes128gcm push body, for the browser that holds these keys. */
export async function decryptPushBody(body: Uint8Array, browser: FakeBrowser): Promise<string> {
  const salt = body.slice(0, 16);
  const rs = new DataView(body.buffer, body.byteOffset + 16, 4).getUint32(0);
  const idlen = body[20];
  const asPublic = body.slice(21, 21 + idlen);
  const records = body.slice(21 + idlen);
  if (idlen !== 65) throw new Error(`keyid is ${idlen} bytes, not an uncompressed P-256 point`);
  if (records.length > rs) throw new Error('more than one record (the fake expects one)');
  const asKey = await crypto.subtle.importKey(
    'raw',
    asPublic as BufferSource,
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    [],
  );
  const ecdh = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'ECDH', public: asKey } as EcdhKeyDeriveParams, browser.privateKey, 256),
  );
  const keyInfo = concat(enc.encode('WebPush: info\0'), browser.publicRaw, asPublic);
  const ikm = await hkdf(browser.authSecret, ecdh, keyInfo, 32);
  const cek = await hkdf(salt, ikm, enc.encode('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(salt, ikm, enc.encode('Content-Encoding: nonce\0'), 12);
  const aes = await crypto.subtle.importKey('raw', cek as BufferSource, 'AES-GCM', false, ['decrypt']);
  const padded = new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce as BufferSource }, aes, records as BufferSource),
  );
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('the last record does not end with the 0x02 delimiter');
  return new TextDecoder().decode(padded.slice(0, end));
}

async function verifyVapid(
  header: string | null,
  origin: string,
  expectedKey: string | null,
): Promise<{ ok: true; claims: Record<string, unknown> } | { ok: false; status: number; why: string }> {
  const m = /^vapid\s+(.+)$/i.exec(header ?? '');
  if (!m) return { ok: false, status: 401, why: 'Authorization: vapid t=…, k=… is required' };
  const params = Object.fromEntries(
    m[1].split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const [t, k] = [params.t, params.k];
  if (!t || !k) return { ok: false, status: 401, why: 'the vapid scheme needs t and k' };
  if (expectedKey && k !== expectedKey) return { ok: false, status: 403, why: 'k is not the subscription’s key' };
  const [h, c, sig] = t.split('.');
  if (!h || !c || !sig) return { ok: false, status: 401, why: 't is not a JWS' };
  let head: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    head = JSON.parse(new TextDecoder().decode(b64url.decode(h)));
    claims = JSON.parse(new TextDecoder().decode(b64url.decode(c)));
  } catch {
    return { ok: false, status: 401, why: 'the JWT does not parse' };
  }
  if (head.alg !== 'ES256') return { ok: false, status: 401, why: `alg ${String(head.alg)} is not ES256` };
  const pub = b64url.decode(k);
  if (pub.length !== 65 || pub[0] !== 4) return { ok: false, status: 401, why: 'k is not an uncompressed P-256 point' };
  const key = await crypto.subtle.importKey('raw', pub as BufferSource, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'verify',
  ]);
  const good = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    b64url.decode(sig) as BufferSource,
    enc.encode(`${h}.${c}`) as BufferSource,
  );
  if (!good) return { ok: false, status: 401, why: 'the JWT signature does not verify with k' };
  const now = Math.floor(Date.now() / 1000);
  if (claims.aud !== origin) return { ok: false, status: 401, why: `aud ${String(claims.aud)} is not ${origin}` };
  if (typeof claims.exp !== 'number' || claims.exp <= now || claims.exp > now + 24 * 3600)
    return { ok: false, status: 401, why: 'exp is missing, past, or more than 24 h ahead' };
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub))
    return { ok: false, status: 401, why: 'sub is not a mailto: or https: contact' };
  return { ok: true, claims };
}

/**
 * Starts the push service on loopback. `register(browser, applicationServerKey)` makes its endpoint known
 * (as a browser's subscribe() would); `expire(id)` makes the service answer 410 for it from then on.
 */
export function startPushFake() {
  const subs = new Map<string, { appKey: string | null; gone: boolean }>();
  const accepted: Accepted[] = [];
  const refused: Array<{ status: number; why: string }> = [];
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const id = /^\/push\/([\w-]+)$/.exec(url.pathname)?.[1];
    const refuse = (status: number, why: string) => {
      refused.push({ status, why });
      return Response.json({ error: why }, { status });
    };
    if (req.method !== 'POST') return refuse(405, 'POST only');
    const sub = id ? subs.get(id) : undefined;
    if (!sub) return refuse(404, 'no such subscription');
    if (sub.gone) return refuse(410, 'the subscription has expired');
    const ttl = req.headers.get('ttl');
    if (ttl === null || !/^\d+$/.test(ttl)) return refuse(400, 'TTL header required');
    const urgency = req.headers.get('urgency') ?? 'normal';
    if (!['very-low', 'low', 'normal', 'high'].includes(urgency)) return refuse(400, 'bad Urgency');
    const vapid = await verifyVapid(req.headers.get('authorization'), url.origin, sub.appKey);
    if (!vapid.ok) return refuse(vapid.status, vapid.why);
    if (req.headers.get('content-encoding') !== 'aes128gcm') return refuse(415, 'Content-Encoding must be aes128gcm');
    const body = new Uint8Array(await req.arrayBuffer());
    if (body.length > 4096) return refuse(413, 'payload over 4096 bytes');
    accepted.push({
      subscription: id!,
      ttl: Number(ttl),
      urgency,
      topic: req.headers.get('topic'),
      body,
      jwtClaims: vapid.claims,
    });
    return new Response(null, { status: 201, headers: { location: `${url.origin}/message/${crypto.randomUUID()}` } });
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  return {
    base,
    accepted,
    refused,
    register(browser: FakeBrowser, applicationServerKey: string | null) {
      subs.set(browser.id, { appKey: applicationServerKey, gone: false });
    },
    expire(id: string) {
      const s = subs.get(id);
      if (s) s.gone = true;
    },
    stop: () => server.shutdown(),
  };
}
