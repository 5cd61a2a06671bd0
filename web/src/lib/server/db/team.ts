// The team of a business and its invitations (staff and pet-parent portal), read and written through the
// request's client: row-level security and the rpcs decide who may do what; refusals they name come back
// as sentences (refusals.ts), anything else is a fault.
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';
import type { MemberRole } from './memberships.ts';
import { refused, saveOwnRow, type Saved } from './own-row.ts';

export interface TeamMember {
  membershipId: string;
  userId: string;
  email: string;
  displayName: string;
  role: MemberRole;
  joinedAt: string;
}

export type InvitationState = 'pending' | 'accepted' | 'expired' | 'revoked';

export interface Invitation {
  id: string;
  email: string;
  role: MemberRole | null;
  clientId: string | null;
  createdAt: string;
  expiresAt: string;
  state: InvitationState;
}

export type Outcome<T = null> = { ok: true; value: T } | { ok: false; message: string };

const noValue = (saved: Saved): Outcome => (saved.ok ? { ok: true, value: null } : saved);
const stillMember = 'That member is no longer in the team, or your role may not change it.';

export async function listTeam(supabase: Supabase, businessId: string): Promise<TeamMember[]> {
  const { data, error } = await supabase.rpc('team_members', { p_business_id: businessId });
  if (error) throw new DataError(`could not list the team: ${error.message}`, error.code);
  return data.map((m) => ({
    membershipId: m.membership_id,
    userId: m.user_id,
    email: m.email,
    displayName: m.display_name,
    role: m.role,
    joinedAt: m.joined_at,
  }));
}

/** Display names of a business's members by user id (for "given by" lines); empty for non-staff. */
export async function memberNames(supabase: Supabase, businessId: string): Promise<Record<string, string>> {
  const team = await listTeam(supabase, businessId);
  return Object.fromEntries(team.map((m) => [m.userId, m.displayName]));
}

function stateOf(row: { accepted_at: string | null; revoked_at: string | null; expires_at: string }): InvitationState {
  if (row.revoked_at) return 'revoked';
  if (row.accepted_at) return 'accepted';
  return new Date(row.expires_at) <= new Date() ? 'expired' : 'pending';
}

/** Invitations of a business, newest first: staff ones, or the portal ones of one client. */
export async function listInvitations(
  supabase: Supabase,
  businessId: string,
  scope: { clientId: string } | 'staff',
): Promise<Invitation[]> {
  let query = supabase
    .from('invitations')
    .select('id, email, role, client_id, created_at, expires_at, accepted_at, revoked_at')
    .eq('business_id', businessId)
    .order('created_at', { ascending: false })
    .limit(50);
  query = scope === 'staff' ? query.not('role', 'is', null) : query.eq('client_id', scope.clientId);
  const { data, error } = await query;
  if (error) throw new DataError(`could not list invitations: ${error.message}`, error.code);
  return data.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    clientId: row.client_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    state: stateOf(row),
  }));
}

export interface NewInvitation {
  id: string;
  token: string;
  email: string;
  role: MemberRole | null;
}

function newInvitation(data: unknown): NewInvitation {
  const r = data as Partial<NewInvitation> | null;
  if (!r || typeof r.id !== 'string' || typeof r.token !== 'string' || typeof r.email !== 'string')
    throw new DataError('the invitation rpc answered without a token');
  return { id: r.id, token: r.token, email: r.email, role: r.role ?? null };
}

export async function createInvitation(
  supabase: Supabase,
  businessId: string,
  email: string,
  target: { role: MemberRole } | { clientId: string },
): Promise<Outcome<NewInvitation>> {
  const { data, error } = await supabase.rpc('create_invitation', {
    p_business_id: businessId,
    p_email: email,
    ...('role' in target ? { p_role: target.role } : { p_client_id: target.clientId }),
  });
  if (error) return refused(error, 'The invitation');
  return { ok: true, value: newInvitation(data) };
}

export async function resendInvitation(supabase: Supabase, id: string): Promise<Outcome<NewInvitation>> {
  const { data, error } = await supabase.rpc('resend_invitation', { p_id: id });
  if (error) return refused(error, 'The invitation');
  return { ok: true, value: newInvitation(data) };
}

export async function revokeInvitation(supabase: Supabase, id: string): Promise<Outcome> {
  const { error } = await supabase.rpc('revoke_invitation', { p_id: id });
  if (error) return refused(error, 'The invitation');
  return { ok: true, value: null };
}

/** Changes a member's role; `ok: false` with a sentence when the rules refuse (last owner, owners only). */
export async function changeRole(
  supabase: Supabase,
  businessId: string,
  membershipId: string,
  role: MemberRole,
): Promise<Outcome> {
  const say = { what: 'The role', gone: stillMember };
  return noValue(await saveOwnRow(supabase, 'memberships', businessId, membershipId, { role }, say));
}

export async function renameMember(
  supabase: Supabase,
  businessId: string,
  membershipId: string,
  displayName: string,
): Promise<Outcome> {
  const say = { what: 'The name', gone: stillMember };
  return noValue(
    await saveOwnRow(supabase, 'memberships', businessId, membershipId, { display_name: displayName }, say),
  );
}

export async function removeMember(supabase: Supabase, businessId: string, membershipId: string): Promise<Outcome> {
  const gone = 'That member is no longer in the team, or your role may not remove them.';
  return noValue(
    await saveOwnRow(supabase, 'memberships', businessId, membershipId, 'delete', { what: 'The removal', gone }),
  );
}

export interface InvitationPreview {
  email: string;
  role: MemberRole | null;
  portal: boolean;
  businessName: string;
  businessSlug: string;
  expiresAt: string;
  state: 'pending' | 'used' | 'expired' | 'revoked';
}

/** What a token invites to, or null for a token that is no invitation. */
export async function previewInvitation(supabase: Supabase, token: string): Promise<InvitationPreview | null> {
  const { data, error } = await supabase.rpc('invitation_preview', { p_token: token });
  if (error) {
    if (error.hint === 'invitation_not_found') return null;
    throw new DataError(`could not read the invitation: ${error.message}`, error.code);
  }
  const r = data as Record<string, unknown>;
  return {
    email: String(r.email),
    role: (r.role as MemberRole | null) ?? null,
    portal: r.portal === true,
    businessName: String(r.business_name),
    businessSlug: String(r.business_slug),
    expiresAt: String(r.expires_at),
    state: r.state as InvitationPreview['state'],
  };
}

export async function acceptInvitation(
  supabase: Supabase,
  token: string,
  displayName: string | null,
): Promise<Outcome<{ portal: boolean }>> {
  const { data, error } = await supabase.rpc('accept_invitation', {
    p_token: token,
    ...(displayName ? { p_display_name: displayName } : {}),
  });
  if (error) return refused(error, 'The invitation');
  const r = data as { client_id?: string | null } | null;
  return { ok: true, value: { portal: !!r?.client_id } };
}
