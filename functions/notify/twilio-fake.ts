// A local stand-in for Twilio's Messages API, faithful to what the adapter relies on: the URL shape, basic
// auth against the account SID and token, form-encoded To/From/Body, 201 with the message resource
// (sid SM + 32 hex, status "queued"), and Twilio's error JSON {code, message, more_info, status} for a bad
// login (401, 20003), a missing parameter (400, 21604 / 21602), an invalid To (400, 21211). Tests start it
// with a port of 0 and read `sent`.

export interface FakeMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
}

export function startTwilioFake(opts: { accountSid: string; authToken: string; failNext?: number }) {
  const sent: FakeMessage[] = [];
  let failNext = opts.failNext ?? 0;
  const error = (status: number, code: number, message: string) =>
    Response.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, { status });
  const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
    if (!m) return error(404, 20404, 'The requested resource was not found');
    if (req.method !== 'POST') return error(405, 20004, 'Method not allowed');
    const auth = req.headers.get('authorization') ?? '';
    const [user, pass] = atob(auth.replace(/^Basic /, '') || '').split(':');
    if (user !== opts.accountSid || pass !== opts.authToken || m[1] !== opts.accountSid)
      return error(401, 20003, 'Authenticate');
    if (failNext > 0) {
      failNext--;
      return error(503, 20500, 'Service unavailable');
    }
    const form = new URLSearchParams(await req.text());
    const to = form.get('To');
    const from = form.get('From');
    const body = form.get('Body');
    if (!to) return error(400, 21604, "A 'To' phone number is required.");
    if (!body) return error(400, 21602, 'Message body is required.');
    if (!/^\+[1-9][0-9]{6,14}$/.test(to.replace(/[ ()-]/g, '')))
      return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    const sid = 'SM' + crypto.randomUUID().replace(/-/g, '');
    sent.push({ sid, to, from: from ?? '', body });
    const now = new Date().toUTCString();
    return Response.json(
      {
        sid,
        account_sid: opts.accountSid,
        to,
        from,
        body,
        status: 'queued',
        direction: 'outbound-api',
        num_segments: String(Math.ceil(body.length / 160)),
        date_created: now,
        date_updated: now,
        date_sent: null,
        error_code: null,
        error_message: null,
        price: null,
        api_version: '2010-04-01',
        uri: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}.json`,
      },
      { status: 201 },
    );
  });
  return {
    sent,
    url: `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`,
    stop: () => server.shutdown(),
  };
}
