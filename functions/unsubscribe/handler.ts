// /functions/v1/unsubscribe/<token> — the List-Unsubscribe target of every e-mail (RFC 8058). Mail clients
// POST `List-Unsubscribe=One-Click` there from their own servers, form-encoded and without an Origin header,
// which the web app's CSRF guard would refuse; so the one-click POST lands here (verify_jwt = false: the token
// is the credential) and calls the anon-callable public.unsubscribe rpc. A GET (someone opening the link)
// changes nothing and is sent to the app's confirm page.

export interface Unsubscriber {
  unsubscribe(token: string): Promise<'done' | 'not_found'>;
}

const TOKEN = /^\/unsubscribe\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

export function makeHandler(deps: { store: Unsubscriber; appUrl: string }) {
  return async (req: Request): Promise<Response> => {
    const token = TOKEN.exec(new URL(req.url).pathname)?.[1]?.toLowerCase();
    if (!token) return new Response('Unknown unsubscribe link.\n', { status: 404 });
    if (req.method === 'GET' || req.method === 'HEAD')
      return new Response(null, {
        status: 303,
        headers: { location: `${deps.appUrl.replace(/\/$/, '')}/unsubscribe/${token}` },
      });
    if (req.method !== 'POST') return new Response('Use POST.\n', { status: 405, headers: { allow: 'GET, POST' } });
    await req.text(); // RFC 8058's body is List-Unsubscribe=One-Click; the token alone decides
    const r = await deps.store.unsubscribe(token);
    if (r === 'not_found') return new Response('Unknown unsubscribe link.\n', { status: 404 });
    return new Response('You are unsubscribed.\n', {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  };
}
