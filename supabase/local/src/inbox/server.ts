// The inbox: an SMTP sink that keeps every e-mail the stack sends, with a Mailpit-style JSON API and a
// small page, as the CLI's mail catcher offers on the inbox port.
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import PostalMime from 'postal-mime';
import { sendJson } from '../gateway/http.ts';

export interface Address {
  Name: string;
  Address: string;
}
export interface Message {
  ID: string;
  MessageID: string;
  From: Address;
  To: Address[];
  Subject: string;
  Created: string;
  Text: string;
  HTML: string;
  Snippet: string;
  Size: number;
  /** Every header, as Mailpit's /api/v1/message/{ID}/headers answers: name → values. */
  Headers: Record<string, string[]>;
}

function headersOf(list: Array<{ key: string; value: string }>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const h of list) {
    const name = h.key.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
    (out[name] ??= []).push(h.value);
  }
  return out;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class Inbox {
  readonly messages: Message[] = [];
  private smtp?: SMTPServer;
  private http?: Server;

  async start(host: string, smtpPort: number, httpPort: number): Promise<void> {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 25 * 1024 * 1024,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.store(Buffer.concat(chunks)).then(
            () => callback(),
            (e) => callback(e),
          );
        });
      },
    });
    await new Promise<void>((ok, fail) => {
      this.smtp!.once('error', fail);
      this.smtp!.listen(smtpPort, host, () => ok());
    });
    this.http = createServer((req, res) => this.route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x'), res));
    await new Promise<void>((ok, fail) => {
      this.http!.once('error', fail);
      this.http!.listen(httpPort, host, () => ok());
    });
  }

  private async store(raw: Buffer): Promise<void> {
    const mail = await PostalMime.parse(raw);
    const addr = (a: any): Address => ({ Name: a?.name ?? '', Address: a?.address ?? '' });
    const text = mail.text ?? '';
    this.messages.unshift({
      ID: randomUUID(),
      MessageID: mail.messageId ?? '',
      From: addr(mail.from),
      To: (mail.to ?? []).map(addr),
      Subject: mail.subject ?? '',
      Created: new Date().toISOString(),
      Text: text,
      HTML: mail.html ?? '',
      Snippet: text.replace(/\s+/g, ' ').trim().slice(0, 200),
      Size: raw.length,
      Headers: headersOf(mail.headers ?? []),
    });
  }

  /** Messages whose recipients include `to` (case-insensitive), newest first. */
  for(to: string): Message[] {
    const t = to.toLowerCase();
    return this.messages.filter((m) => m.To.some((a) => a.Address.toLowerCase() === t));
  }

  private route(method: string, url: URL, res: import('node:http').ServerResponse): void {
    const summary = (m: Message) => ({
      ID: m.ID,
      MessageID: m.MessageID,
      From: m.From,
      To: m.To,
      Subject: m.Subject,
      Created: m.Created,
      Snippet: m.Snippet,
      Size: m.Size,
    });
    const p = url.pathname;
    if (p === '/api/v1/messages' && method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const start = Number(url.searchParams.get('start') ?? 0);
      const list = this.messages.slice(start, start + limit);
      return sendJson(res, 200, {
        total: this.messages.length,
        count: list.length,
        start,
        messages: list.map(summary),
      });
    }
    if (p === '/api/v1/messages' && method === 'DELETE') {
      this.messages.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (p === '/api/v1/search' && method === 'GET') {
      const q = url.searchParams.get('query') ?? '';
      const m = /^to:(.+)$/.exec(q.trim());
      const list = m
        ? this.for(m[1])
        : this.messages.filter((x) => (x.Subject + x.Text).toLowerCase().includes(q.toLowerCase()));
      return sendJson(res, 200, { total: list.length, count: list.length, messages: list.map(summary) });
    }
    const headers = /^\/api\/v1\/message\/([^/]+)\/headers$/.exec(p);
    if (headers && method === 'GET') {
      const id = headers[1] === 'latest' ? this.messages[0]?.ID : headers[1];
      const msg = this.messages.find((x) => x.ID === id);
      return msg ? sendJson(res, 200, msg.Headers) : sendJson(res, 404, { error: 'message not found' });
    }
    const one = /^\/api\/v1\/message\/([^/]+)$/.exec(p);
    if (one && method === 'GET') {
      const id = one[1] === 'latest' ? this.messages[0]?.ID : one[1];
      const msg = this.messages.find((x) => x.ID === id);
      if (!msg) return sendJson(res, 404, { error: 'message not found' });
      const { Headers: _headers, ...rest } = msg;
      return sendJson(res, 200, rest);
    }
    if (p === '/' && method === 'GET') {
      const rows = this.messages
        .map(
          (m) =>
            `<tr><td>${escapeHtml(m.Created)}</td><td>${escapeHtml(m.To.map((a) => a.Address).join(', '))}</td><td><details><summary>${escapeHtml(m.Subject)}</summary><pre>${escapeHtml(m.Text)}</pre></details></td></tr>`,
        )
        .join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>Inbox — local stack</title><style>body{font:16px system-ui;margin:2rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap}</style><h1>Inbox</h1><p>${this.messages.length} message(s). JSON: <code>/api/v1/messages</code></p><table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table></html>`,
      );
      return;
    }
    sendJson(res, 404, { error: 'not found' });
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.http ? this.http.close(() => ok()) : ok()));
    await new Promise<void>((ok) => (this.smtp ? this.smtp.close(() => ok()) : ok()));
  }
}
