// Sends the e-mail of a new (or resent) invitation, straight from the web server (not the outbox: the
// token must travel once, in this e-mail, and is never stored).
import { invitationLink, invitationMail } from '#lib/team/invitations.ts';
import type { MemberRole } from './db/memberships.ts';
import type { NewInvitation } from './db/team.ts';
import { sendMail } from './mail.ts';

const VALID_DAYS = 7;

export async function sendInvitationMail(
  origin: string,
  businessName: string,
  role: MemberRole | null,
  invitation: NewInvitation,
  timeZone: string,
): Promise<boolean> {
  const mail = invitationMail({
    businessName,
    role,
    link: invitationLink(origin, invitation.token),
    expiresAt: new Date(Date.now() + VALID_DAYS * 86_400_000),
    timeZone,
  });
  return sendMail({ to: invitation.email, ...mail });
}
