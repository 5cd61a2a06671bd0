// "given by …" lines: a colleague's display name (memberships.display_name, else the name they signed up
// with), "you" for the signed-in user, and a neutral phrase only for someone no longer in the team.

export function givenBy(userId: string | null, me: string | null, names: Record<string, string>): string {
  if (userId && userId === me) return 'by you';
  const name = userId ? names[userId] : undefined;
  return name ? `by ${name}` : 'by a former team member';
}
