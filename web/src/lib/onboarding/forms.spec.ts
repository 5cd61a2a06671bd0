import { describe, expect, it } from 'vitest';
import { newBusinessForm, parseWeek, slugify } from './forms.ts';

describe('slugify', () => {
  it('suggests a web address from a name', () => {
    expect(slugify('Happy Paws Daycare')).toBe('happy-paws-daycare');
    expect(slugify('  Chez Toutou & Fils!  ')).toBe('chez-toutou-and-fils');
    expect(slugify('Café Crème')).toBe('cafe-creme');
  });
});

describe('newBusinessForm', () => {
  const valid = {
    name: 'Chez Toutou',
    slug: 'chez-toutou',
    timezone: 'Europe/Paris',
    currency: 'EUR',
    location_name: 'Paris 11e',
    address: '5 rue Oberkampf',
    latitude: '48,85',
    longitude: '2.35',
  };

  it('accepts a complete form and reads a comma as a decimal point', () => {
    const parsed = newBusinessForm.safeParse(valid);
    expect(parsed.success && parsed.data.latitude).toBe(48.85);
  });

  it('refuses an unknown zone, a bad slug and a lone coordinate, each on its field', () => {
    const parsed = newBusinessForm.safeParse({ ...valid, timezone: 'Mars/Olympus', slug: 'Bad Slug', longitude: '' });
    const fields = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path[0]);
    expect(fields).toEqual(expect.arrayContaining(['timezone', 'slug', 'longitude']));
  });
});

describe('parseWeek', () => {
  function week(fields: Record<string, string>): FormData {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return form;
  }

  it('reads open days, closed days and midnight closing', () => {
    const parsed = parseWeek(
      week({
        'open-1': 'on',
        'opens-1': '07:00',
        'closes-1': '19:00',
        'open-2': 'on',
        'opens-2': '00:00',
        'closes-2': '00:00',
      }),
    );
    expect(parsed.ok && parsed.hours.slice(0, 3)).toEqual([
      { weekday: 1, opens: '07:00', closes: '19:00' },
      { weekday: 2, opens: '00:00', closes: '24:00' },
      { weekday: 3, opens: null, closes: null },
    ]);
  });

  it('refuses a day that closes before it opens, naming the day', () => {
    const parsed = parseWeek(week({ 'open-3': 'on', 'opens-3': '19:00', 'closes-3': '07:00' }));
    expect(parsed.ok ? null : parsed.errors['closes-3']).toMatch(/^Wednesday must close after it opens/);
  });
});
