// Choices and suggestions of the onboarding and settings pages, with no zod so the browser can import them.

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 63;

/** A web address suggested from a business's name: "Happy Paws Daycare" → "happy-paws-daycare". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}

export function validSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= SLUG_MAX && SLUG_PATTERN.test(slug);
}

/** IANA zones as this runtime knows them, plus UTC (which `Intl` leaves out of its list). */
export function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** ISO 4217 codes this runtime can format money in. */
export function currencies(): string[] {
  return Intl.supportedValuesOf('currency');
}

/** "GBP — British Pound" for a select list. */
export function currencyLabel(code: string): string {
  const name = new Intl.DisplayNames(['en'], { type: 'currency' }).of(code);
  return name && name !== code ? `${code} — ${name}` : code;
}

/** A first guess at the currency from the browser's time zone; the owner confirms it. */
export function currencyForZone(zone: string): string {
  if (zone === 'Europe/London' || zone === 'Europe/Belfast') return 'GBP';
  if (zone === 'Europe/Zurich') return 'CHF';
  if (zone.startsWith('Europe/')) return 'EUR';
  if (zone.startsWith('Australia/')) return 'AUD';
  if (zone === 'America/Toronto' || zone === 'America/Vancouver') return 'CAD';
  return 'USD';
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
