// What the team and portal invitation forms accept, and the e-mail an invitation sends. No framework
// imports, so both are unit-tested directly.
import { z } from 'zod';
import { Constants, type Enums } from '../database.types.ts';
import { formatLongDay, formatTime, zonedDate } from '../time/format.ts';

type MemberRole = Enums<'member_role'>;

export const MEMBER_ROLES: readonly MemberRole[] = Constants.public.Enums.member_role;

/** Roles in the words the team page uses. */
export const ROLE_LABELS: Record<MemberRole, string> = {
  owner: 'Owner',
  manager: 'Manager',
  staff: 'Staff',
  driver: 'Driver',
};

const email = z
  .string()
  .trim()
  .min(1, 'Enter the e-mail address to send the invitation to.')
  .max(254, 'That e-mail address is too long.')
  .pipe(z.email('Enter an e-mail address like name@example.com.'));

export const inviteStaffSchema = z.object({
  email,
  role: z.enum(MEMBER_ROLES as [MemberRole, ...MemberRole[]], { error: 'Choose a role.' }),
});

export const invitePortalSchema = z.object({ email });

export const idSchema = z.object({ id: z.uuid('That item no longer exists; reload the page.') });

export const roleChangeSchema = z.object({
  id: z.uuid('That member no longer exists; reload the page.'),
  role: z.enum(MEMBER_ROLES as [MemberRole, ...MemberRole[]], { error: 'Choose a role.' }),
});

export const displayNameSchema = z.object({
  id: z.uuid('That member no longer exists; reload the page.'),
  displayName: z
    .string()
    .trim()
    .min(1, 'Enter the name colleagues should see.')
    .max(80, 'Keep the name to 80 characters.'),
});

export const acceptSchema = z.object({
  displayName: z.string().trim().max(80, 'Keep your name to 80 characters.').optional().default(''),
});

export interface InvitationMailInput {
  businessName: string;
  /** null for a portal invitation */
  role: MemberRole | null;
  link: string;
  expiresAt: Date;
  /** The business's time zone: the expiry is the date and time there. */
  timeZone: string;
}

/** The invitation e-mail: plain text (always) and simple HTML with the same words. */
export function invitationMail(input: InvitationMailInput): { subject: string; text: string; html: string } {
  const what = input.role
    ? `join ${input.businessName} on PawCentral as ${ROLE_LABELS[input.role].toLowerCase()}`
    : `use ${input.businessName}'s pet-parent portal on PawCentral: your pets' day, bookings and messages`;
  // the business's day and time, in the project's one date format (a parent in the business's town reads it)
  const until = `${formatLongDay(zonedDate(input.expiresAt, input.timeZone))} at ${formatTime(input.expiresAt, input.timeZone)}`;
  const subject = input.role
    ? `You are invited to join ${input.businessName}`
    : `Your pet-parent portal at ${input.businessName}`;
  const text = [
    `You are invited to ${what}.`,
    '',
    `Open this link to accept (it works once, until ${until}):`,
    input.link,
    '',
    'If you have no PawCentral account yet, you can create one from that page with this e-mail address.',
    'If you did not expect this e-mail, ignore it.',
  ].join('\n');
  const escape = (s: string) =>
    s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  const html = `<p>You are invited to ${escape(what)}.</p>
<p><a href="${escape(input.link)}">Accept the invitation</a> (it works once, until ${escape(until)}).</p>
<p>If you have no PawCentral account yet, you can create one from that page with this e-mail address.
If you did not expect this e-mail, ignore it.</p>`;
  return { subject, text, html };
}

/** The address of the accept page for a token. */
export function invitationLink(origin: string, token: string): string {
  return `${origin}/invite/${encodeURIComponent(token)}`;
}
