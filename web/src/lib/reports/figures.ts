// The dashboard's numbers as people read them: shares as whole percentages, money in the business's
// currency units, occupancy lines with their fill. Plain functions over the dashboard() row.

export interface OccupancyLine {
  serviceId: string;
  name: string;
  capacity: number | null;
  booked: number;
  waitlisted: number;
}

/** A whole percentage, or null when there is nothing to divide (no active pets). */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 100);
}

/**
 * Cents as an amount in the business's currency, e.g. "£1,234.50" (ISO code: GBP, EUR, USD …); without a
 * currency (or an unknown code) two decimals and thousands separators, e.g. "1,234.50".
 */
export function money(cents: number, currency?: string | null): string {
  if (currency) {
    try {
      return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
    } catch {
      // not an ISO 4217 code: fall through to the plain amount
    }
  }
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

/** The dashboard's chart series (dashboard().charts), checked item by item. */
export interface Charts {
  occupancy: { serviceId: string; name: string; capacity: number | null; days: { day: string; booked: number }[] }[];
  hours: { hour: number; today: number; typical: number }[];
  compliance: { day: string; active: number; compliant: number }[];
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null) : [];

export function chartSeries(json: unknown): Charts {
  const c = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  return {
    occupancy: list(c.occupancy_14d)
      .filter((s) => typeof s.service_id === 'string' && typeof s.name === 'string')
      .map((s) => ({
        serviceId: s.service_id as string,
        name: s.name as string,
        capacity: typeof s.capacity === 'number' ? s.capacity : null,
        days: list(s.days).map((d) => ({ day: String(d.day), booked: num(d.booked) })),
      })),
    hours: list(c.check_ins_by_hour).map((h) => ({ hour: num(h.hour), today: num(h.today), typical: num(h.typical) })),
    compliance: list(c.compliance_trend).map((w) => ({
      day: String(w.day),
      active: num(w.active),
      compliant: num(w.compliant),
    })),
  };
}

/** The occupancy jsonb of dashboard(), checked item by item (a malformed item is dropped, not shown as 0). */
export function occupancyLines(json: unknown): OccupancyLine[] {
  if (!Array.isArray(json)) return [];
  const lines: OccupancyLine[] = [];
  for (const item of json) {
    if (typeof item !== 'object' || item === null) continue;
    const { service_id, name, capacity, booked, waitlisted } = item as Record<string, unknown>;
    if (typeof service_id !== 'string' || typeof name !== 'string' || typeof booked !== 'number') continue;
    lines.push({
      serviceId: service_id,
      name,
      capacity: typeof capacity === 'number' ? capacity : null,
      booked,
      waitlisted: typeof waitlisted === 'number' ? waitlisted : 0,
    });
  }
  return lines;
}
