// The allow-list of user fields that may reach the browser. Supabase's User carries metadata,
// identities and timestamps the pages do not need; sending only these keeps them out of page data.

export interface Viewer {
  id: string;
  email: string;
}

export function toViewer(user: { id: string; email?: string | null } | null): Viewer | null {
  return user ? { id: user.id, email: user.email ?? '' } : null;
}
