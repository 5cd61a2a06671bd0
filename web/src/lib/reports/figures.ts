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

/** Cents as an amount with two decimals and thousands separators, e.g. "1,234.50". */
export function money(cents: number): string {
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
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
