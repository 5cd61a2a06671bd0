import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms.ts';
import { priceText, serviceSchema } from './forms.ts';

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

const base = {
  kind: 'daycare',
  name: 'Daycare',
  location_id: '',
  duration_minutes: '',
  price: '32.50',
  daily_capacity: '2',
};

describe('serviceSchema', () => {
  it('reads a daycare: price in cents, capacity, no duration, not bookable online unless ticked', () => {
    expect(parseForm(serviceSchema, form(base))).toEqual({
      ok: true,
      data: {
        kind: 'daycare',
        name: 'Daycare',
        location_id: null,
        duration_minutes: null,
        price: 3250,
        daily_capacity: 2,
        bookable_online: false,
      },
    });
  });

  it('drops a duration typed for a daycare, and takes a blank capacity as unlimited', () => {
    const parsed = parseForm(
      serviceSchema,
      form({ ...base, duration_minutes: '60', daily_capacity: '', bookable_online: 'on' }),
    );
    expect(parsed.ok && parsed.data).toMatchObject({
      duration_minutes: null,
      daily_capacity: null,
      bookable_online: true,
    });
  });

  it('wants a duration for grooming', () => {
    expect(parseForm(serviceSchema, form({ ...base, kind: 'grooming' }))).toEqual({
      ok: false,
      errors: { duration_minutes: 'Enter how long it takes, in minutes.' },
    });
  });

  it('names each bad field', () => {
    const parsed = parseForm(serviceSchema, form({ ...base, name: ' ', price: '12.345', daily_capacity: '-1' }));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && Object.keys(parsed.errors).sort()).toEqual(['daily_capacity', 'name', 'price']);
  });
});

describe('priceText', () => {
  it('shows cents as a decimal amount', () => {
    expect(priceText(3250)).toBe('32.50');
    expect(priceText(0)).toBe('0.00');
  });
});
