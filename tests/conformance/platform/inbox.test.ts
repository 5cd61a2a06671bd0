import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { stack, uniqueEmail, waitForMail } from '../../support/stack.ts';

describe('inbox', () => {
  it('keeps an e-mail sent over SMTP and serves it through the JSON API', async () => {
    const to = uniqueEmail('inbox');
    const smtpPort = Number(new URL(stack.inboxUrl).port) + 1;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'test@pawcentral.local',
      to,
      subject: 'Hello inbox',
      text: 'Your code is 123456',
    });
    transport.close();
    const mail = await waitForMail(to);
    expect(mail.Subject).toBe('Hello inbox');
    expect(mail.Text).toContain('123456');
  });

  it('shows the messages on a page', async () => {
    const res = await fetch(stack.inboxUrl + '/');
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<h1>Inbox</h1>');
  });
});
