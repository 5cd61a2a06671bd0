// The audit log viewer (owners and managers): who changed what and when, in the business's time zone.
// Filters are a plain GET form; paging is by keyset (`before`).
import { isAuditAction } from '#lib/audit/actions.ts';
import { isUuid } from '#lib/ids.ts';
import { auditPets, listAudit } from '#lib/server/db/audit.ts';
import { listTeam } from '#lib/server/db/team.ts';
import { dayOf, parseDate } from '#lib/time/zone.ts';
import { requireManager } from '../settings/guard.ts';
import type { PageServerLoad } from './$types';

const TABLES = /^[a-z_]{1,63}$/;

export const load: PageServerLoad = async (event) => {
  const { business } = await requireManager(event);
  const p = event.url.searchParams;
  const actor = isUuid(p.get('actor') ?? '') ? p.get('actor')! : '';
  const petId = isUuid(p.get('pet') ?? '') ? p.get('pet')! : '';
  const table = TABLES.test(p.get('table') ?? '') ? p.get('table')! : '';
  const action = isAuditAction(p.get('action') ?? '') ? p.get('action')! : '';
  const date = parseDate(p.get('date')) ?? '';
  const before = /^\d{1,18}$/.test(p.get('before') ?? '') ? Number(p.get('before')) : undefined;
  const day = date ? dayOf(business.timezone, date) : null;
  const [page, team, pets] = await Promise.all([
    listAudit(event.locals.supabase, business.id, {
      actor: actor || undefined,
      table: table || undefined,
      petId: petId || undefined,
      action: action || undefined,
      range: day ? [day.start, day.end] : undefined,
      before,
    }),
    listTeam(event.locals.supabase, business.id),
    auditPets(event.locals.supabase, business.id),
  ]);
  const filters = { actor, table, action, pet: petId, date };
  const query = (extra: Record<string, string> = {}) =>
    '?' + new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), ...extra });
  return {
    ...page,
    filters,
    newestHref: query(),
    olderHref: page.next ? query({ before: String(page.next) }) : null,
    paged: before !== undefined,
    people: team.map((m) => ({ id: m.userId, name: m.displayName })),
    pets,
  };
};
