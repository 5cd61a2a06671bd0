// Sends the e-mail of a new (or resent) invitation, straight from the web server (not the outbox: the
// token must travel once, in this e-mail, and is never stored).
import { invitationLink, invitationMail } from '#lib/team/invitations.ts';
import type { NewInvitation } from './db/team.ts';
import { sendMail } from './mail.ts';

const VALID_DAYS = 7;

/** The role comes with the invitation (null for a portal invitation: an invitation has a role or a client). */
export async function sendInvitationMail(
  origin: string,
  business: { name: string; timezone: string },
  invitation: NewInvitation,
): Promise<boolean> {
  const mail = invitationMail({
    businessName: business.name,
    role: invitation.role,
    link: invitationLink(origin, invitation.token),
    expiresAt: new Date(Date.now() + VALID_DAYS * 86_400_000),
    timeZone: business.timezone,
  });
  return sendMail({ to: invitation.email, ...mail });
}
