// E-mail the web server sends itself (invitations; everything else goes through the outbox). nodemailer over
// SMTP: locally into the stack's SMTP sink, whose inbox the e2e tests read; in production any SMTP relay.
import nodemailer, { type Transporter } from 'nodemailer';
import { MAIL_FROM, SMTP_HOST, SMTP_PASS, SMTP_PORT, SMTP_SECURE, SMTP_USER } from '$app/env/private';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

let transport: Transporter | undefined;

function transporter(): Transporter {
  transport ??= nodemailer.createTransport({
    host: SMTP_HOST,
    port: SMTP_PORT,
    secure: SMTP_SECURE,
    auth: SMTP_USER ? { user: SMTP_USER, pass: SMTP_PASS ?? '' } : undefined,
    // A sink or relay that does not answer within seconds should fail the request, not hang it.
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return transport;
}

/** Sends one e-mail; false when the SMTP server could not take it (the caller says so to the person). */
export async function sendMail(mail: Mail): Promise<boolean> {
  try {
    await transporter().sendMail({ from: MAIL_FROM, ...mail });
    return true;
  } catch (cause) {
    console.error('[mail] could not send', { to: mail.to, subject: mail.subject, cause });
    return false;
  }
}
