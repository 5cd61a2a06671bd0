import { describe, expect, it } from 'vitest';
import type { StaffSeat } from './db/businesses.ts';
import { oncePerSlug } from './seat.ts';

function seatOf(slug: string): StaffSeat {
  return {
    business: { id: `id-${slug}`, name: slug, slug, timezone: 'Europe/London', currency: 'GBP' },
    role: 'staff',
  };
}

function countingLookup() {
  const asked: string[] = [];
  const find = async (slug: string) => {
    asked.push(slug);
    return slug === 'nowhere' ? null : seatOf(slug);
  };
  return { asked, find };
}

describe('oncePerSlug', () => {
  it('looks a seat up once however many loads and actions ask for it', async () => {
    const { asked, find } = countingLookup();
    const seat = oncePerSlug(find);
    const answers = await Promise.all([seat('happy-paws'), seat('happy-paws'), seat('happy-paws')]);
    expect(await seat('happy-paws')).toEqual(seatOf('happy-paws'));
    expect(asked).toEqual(['happy-paws']);
    expect(new Set(answers).size).toBe(1);
  });

  it('remembers that there is no seat, too', async () => {
    const { asked, find } = countingLookup();
    const seat = oncePerSlug(find);
    expect(await seat('nowhere')).toBeNull();
    expect(await seat('nowhere')).toBeNull();
    expect(asked).toEqual(['nowhere']);
  });

  it('keeps each slug apart', async () => {
    const { asked, find } = countingLookup();
    const seat = oncePerSlug(find);
    expect((await seat('happy-paws'))?.business.slug).toBe('happy-paws');
    expect((await seat('bark-avenue'))?.business.slug).toBe('bark-avenue');
    expect(asked).toEqual(['happy-paws', 'bark-avenue']);
  });

  it('gives every caller the same failure when the lookup fails', async () => {
    let calls = 0;
    const seat = oncePerSlug(async () => {
      calls++;
      throw new Error('database unreachable');
    });
    await expect(seat('happy-paws')).rejects.toThrow('database unreachable');
    await expect(seat('happy-paws')).rejects.toThrow('database unreachable');
    expect(calls).toBe(1);
  });
});
