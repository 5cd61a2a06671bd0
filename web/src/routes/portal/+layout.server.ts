import { requirePortal } from '#lib/server/portal.ts';
import type { LayoutServerLoad } from './$types';

// The portal's guard: only a login linked to a client row gets past it (see #lib/server/portal.ts).
export const load: LayoutServerLoad = async (event) => {
  const { links, current } = await requirePortal(event);
  return {
    client: { id: current.clientId, fullName: current.fullName },
    business: current.business,
    businesses: links.map((l) => ({ slug: l.business.slug, name: l.business.name })),
  };
};
