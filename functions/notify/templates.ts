// Message templates for every key of the outbox contract (ownership notes): subject, plain text, HTML and an
// SMS / in-app line, with the business's name. Tolerant: a missing payload field becomes a neutral phrase
// ("your pet", "your booking"), never "undefined"; times are shown in the business's time zone.

export interface RenderContext {
  businessName: string;
  timezone: string;
  recipientName?: string | null;
  /** One-click unsubscribe page for this message (absent for in-app). */
  unsubscribeUrl?: string;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** One line for SMS, push and the in-app list. */
  short: string;
}

type Payload = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;

function when(v: unknown, tz: string): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: tz }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(d);
  }
}

function day(v: unknown, tz: string): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T12:00:00Z`) : new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'full',
    timeZone: /^\d{4}-\d{2}-\d{2}$/.test(s) ? 'UTC' : tz,
  }).format(d);
}

/** Subject and body lines of one message, before wrapping into text/HTML. */
interface Draft {
  subject: string;
  lines: string[];
  short: string;
}

type Builder = (p: Payload, tz: string) => Draft;

const pet = (p: Payload) => str(p.pet_name) ?? 'your pet';
const service = (p: Payload) => str(p.service_name) ?? 'your booking';

const builders: Record<string, Builder> = {
  booking_confirmed: (p, tz) => {
    const at = when(p.starts_at, tz);
    return {
      subject: `Booking confirmed: ${pet(p)}, ${service(p)}`,
      lines: [`${service(p)} for ${pet(p)} is confirmed${at ? ` for ${at}` : ''}.`],
      short: `Confirmed: ${service(p)} for ${pet(p)}${at ? `, ${at}` : ''}.`,
    };
  },
  waitlist_promoted: (p, tz) => {
    const at = when(p.starts_at, tz);
    return {
      subject: `A place opened up for ${pet(p)}`,
      lines: [
        `Good news: a place opened up and ${pet(p)} moved from the waiting list to a confirmed booking for ${service(p)}${at ? ` on ${at}` : ''}.`,
        'If you no longer need it, please cancel so the next family can have it.',
      ],
      short: `A place opened up: ${service(p)} for ${pet(p)} is confirmed${at ? `, ${at}` : ''}.`,
    };
  },
  booking_reminder: (p, tz) => {
    const at = when(p.starts_at, tz);
    return {
      subject: `Reminder: ${pet(p)}, ${service(p)}${at ? ` — ${at}` : ''}`,
      lines: [`A reminder that ${pet(p)} is booked for ${service(p)}${at ? ` on ${at}` : ''}.`],
      short: `Reminder: ${service(p)} for ${pet(p)}${at ? `, ${at}` : ''}.`,
    };
  },
  vaccine_expiring: (p, tz) => {
    const vaccine = str(p.vaccine_name) ?? 'a vaccination';
    const on = day(p.expires_on, tz);
    return {
      subject: `${pet(p)}'s ${vaccine} ${on ? `expires on ${on}` : 'is about to expire'}`,
      lines: [
        `${pet(p)}'s ${vaccine} ${on ? `expires on ${on}` : 'is about to expire'}.`,
        'Please send us the new certificate after the vet visit so check-in stays quick.',
      ],
      short: `${pet(p)}'s ${vaccine} ${on ? `expires ${on}` : 'expires soon'}.`,
    };
  },
  incident_reported: (p) => {
    const summary = str(p.summary);
    return {
      subject: `Incident report for ${pet(p)}`,
      lines: [
        `We recorded an incident involving ${pet(p)}${summary ? `: ${summary}` : '.'}`,
        'Call us if you have any questions.',
      ],
      short: `Incident report for ${pet(p)}${summary ? `: ${summary}` : ''}.`,
    };
  },
  report_card_posted: (p, tz) => {
    const on = day(p.date, tz);
    return {
      subject: `${pet(p)}'s report card${on ? ` for ${on}` : ''}`,
      lines: [`${pet(p)}'s report card${on ? ` for ${on}` : ''} is ready in your portal.`],
      short: `${pet(p)}'s report card is ready.`,
    };
  },
  van_arriving: (p) => {
    const m = str(p.minutes);
    return {
      subject: `Our van is ${m ? `${m} minutes` : 'a few minutes'} away for ${pet(p)}`,
      lines: [`Our van is ${m ? `about ${m} minutes` : 'a few minutes'} away for ${pet(p)}.`],
      short: `Van ${m ? `${m} min` : 'a few minutes'} away for ${pet(p)}.`,
    };
  },
  picked_up: (p, tz) => {
    const at = when(p.at, tz);
    return {
      subject: `${pet(p)} was picked up`,
      lines: [`${pet(p)} was picked up${at ? ` at ${at}` : ''} and is on the way.`],
      short: `${pet(p)} was picked up${at ? `, ${at}` : ''}.`,
    };
  },
  dropped_off: (p, tz) => {
    const at = when(p.at, tz);
    return {
      subject: `${pet(p)} was dropped off`,
      lines: [`${pet(p)} was dropped off${at ? ` at ${at}` : ''}.`],
      short: `${pet(p)} was dropped off${at ? `, ${at}` : ''}.`,
    };
  },
  // (portal, #11) the desk accepted or declined a parent's proposed care instructions, with their note
  care_proposal_reviewed: (p) => {
    const accepted = str(p.decision) === 'accepted';
    const declined = str(p.decision) === 'rejected';
    const note = str(p.note);
    const outcome = accepted
      ? `We accepted your change to ${pet(p)}'s care instructions`
      : declined
        ? `We did not accept your change to ${pet(p)}'s care instructions`
        : `We reviewed your change to ${pet(p)}'s care instructions`;
    return {
      subject: `${pet(p)}'s care instructions: ${accepted ? 'change accepted' : declined ? 'change declined' : 'change reviewed'}`,
      lines: [`${outcome}.`, ...(note ? [`Our note: ${note}`] : [])],
      short: `${outcome}${note ? `: ${note}` : '.'}`,
    };
  },
};
// The cancellation path's trigger (bookings) writes this older key for the same message.
builders.waitlist_place_offered = builders.waitlist_promoted;

export const TEMPLATE_KEYS = Object.keys(builders);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Renders a template; an unknown key still yields a plain, honest message (and is reported by `known`). */
export function render(template: string, payload: Payload, ctx: RenderContext): Rendered & { known: boolean } {
  const b = builders[template];
  const draft: Draft = b
    ? b(payload ?? {}, ctx.timezone)
    : {
        subject: `A message from ${ctx.businessName}`,
        lines: ['You have a new message.'],
        short: 'You have a new message.',
      };
  const greeting = ctx.recipientName?.trim() ? `Hello ${ctx.recipientName.trim()},` : 'Hello,';
  const footer = ctx.unsubscribeUrl
    ? `You receive this because you are a customer of ${ctx.businessName}. Stop these messages: ${ctx.unsubscribeUrl}`
    : `You receive this because you are a customer of ${ctx.businessName}.`;
  const text = [greeting, '', ...draft.lines, '', `— ${ctx.businessName}`, '', footer].join('\n');
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(draft.subject)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;max-width:36rem;margin:0 auto;padding:1rem">` +
    `<p>${escapeHtml(greeting)}</p>` +
    draft.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('') +
    `<p>— ${escapeHtml(ctx.businessName)}</p>` +
    `<hr><p style="font-size:.85rem;color:#555">You receive this because you are a customer of ${escapeHtml(ctx.businessName)}.` +
    (ctx.unsubscribeUrl ? ` <a href="${escapeHtml(ctx.unsubscribeUrl)}">Stop these messages</a>.` : '') +
    `</p></body></html>`;
  return {
    subject: `${draft.subject} · ${ctx.businessName}`,
    text,
    html,
    short: `${ctx.businessName}: ${draft.short}`,
    known: Boolean(b),
  };
}
