// The day's opening hours as one line for the roster and bookings pages: "Hours: 07:00–19:00", or per
// site when there are several ("Islington 07:00–19:00 · Hackney closed (Christmas Day)").

export interface SiteDay {
  name: string;
  hours: { weekday: number; opens: string | null; closes: string | null }[];
  closures: { on_date: string; reason: string }[];
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar date YYYY-MM-DD. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function siteLabel(site: SiteDay, date: string): string | null {
  const closure = site.closures.find((c) => c.on_date === date);
  if (closure) return `closed (${closure.reason})`;
  if (!site.hours.length) return null;
  const day = site.hours.find((h) => h.weekday === isoWeekday(date));
  if (!day || day.opens === null || day.closes === null) return 'closed';
  const opens = day.opens.slice(0, 5);
  const closes = day.closes.slice(0, 5);
  if (opens === '00:00' && closes === '24:00') return 'open all day';
  return `${opens}–${closes}`;
}

/** The line, or null when no site has hours or a closure that day (nothing to say). */
export function hoursLine(sites: SiteDay[], date: string): string | null {
  const labels = sites
    .map((site) => ({ name: site.name, label: siteLabel(site, date) }))
    .filter((s) => s.label !== null);
  if (!labels.length) return null;
  if (sites.length === 1) return `Hours: ${labels[0].label}`;
  return `Hours: ${labels.map((s) => `${s.name} ${s.label}`).join(' · ')}`;
}
