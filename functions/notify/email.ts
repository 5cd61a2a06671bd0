// E-mail over SMTP with nodemailer (any relay by env: SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS, SMTP_SECURE,
// NOTIFY_FROM; locally the stack's SMTP sink). One pooled transport per process.
import nodemailer from 'nodemailer';
import { SendError } from './sms.ts';

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per notification, so a resend after a crash carries the same Message-ID (receivers may fold it). */
  messageId: string;
  /** RFC 8058 one-click unsubscribe URL (also the RFC 2369 List-Unsubscribe target). */
  unsubscribeUrl?: string;
  fromName: string;
}

export interface Mailer {
  send(mail: Email): Promise<{ id: string }>;
  close(): void;
}

export interface SmtpOptions {
  host: string;
  port: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  from: string;
  /** SMTP connections kept open (SMTP_POOL_SIZE). */
  poolSize?: number;
}

export function smtpMailer(o: SmtpOptions): Mailer {
  const transport = nodemailer.createTransport({
    host: o.host,
    port: o.port,
    secure: o.secure ?? false,
    ignoreTLS: !o.secure && !o.user,
    auth: o.user ? { user: o.user, pass: o.pass ?? '' } : undefined,
    pool: true,
    // one SMTP connection per concurrent delivery (the dispatcher's concurrency, 10 by default), each kept for
    // many messages instead of nodemailer's default 100 before reconnecting
    maxConnections: o.poolSize ?? 10,
    maxMessages: 1000,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 15000,
  });
  return {
    async send(m) {
      try {
        const info = await transport.sendMail({
          from: { name: m.fromName, address: o.from },
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: m.messageId,
          headers: m.unsubscribeUrl
            ? { 'List-Unsubscribe': `<${m.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
            : {},
        });
        return { id: info.messageId ?? m.messageId };
      } catch (e) {
        const err = e as { responseCode?: number; message?: string };
        // 5xx from the server for this recipient: permanent (RFC 5321); connection errors and 4xx: retry
        throw new SendError(
          `smtp: ${err.message ?? String(e)}`,
          typeof err.responseCode === 'number' && err.responseCode >= 500,
        );
      }
    },
    close() {
      transport.close();
    },
  };
}

export function smtpFromEnv(env: (k: string) => string | undefined): SmtpOptions {
  return {
    host: env('SMTP_HOST') ?? '127.0.0.1',
    port: Number(env('SMTP_PORT') ?? 54325),
    secure: env('SMTP_SECURE') === 'true',
    user: env('SMTP_USER') || undefined,
    pass: env('SMTP_PASS') || undefined,
    from: env('NOTIFY_FROM') ?? 'no-reply@pawcentral.local',
    poolSize: Number(env('SMTP_POOL_SIZE') ?? 10),
  };
}
