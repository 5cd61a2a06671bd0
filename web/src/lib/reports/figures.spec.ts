import { describe, expect, it } from 'vitest';
import { money, occupancyLines, percent } from './figures.ts';

describe('percent', () => {
  it('rounds to a whole percentage', () => {
    expect(percent(2, 3)).toBe(67);
    expect(percent(3, 3)).toBe(100);
  });

  it('has no share of nothing', () => {
    expect(percent(0, 0)).toBeNull();
  });
});

describe('money', () => {
  it('shows cents as an amount with two decimals', () => {
    expect(money(123450)).toBe('1,234.50');
    expect(money(0)).toBe('0.00');
  });
});

describe('occupancyLines', () => {
  it('reads each service line of the dashboard', () => {
    expect(occupancyLines([{ service_id: 's1', name: 'Daycare', capacity: 20, booked: 3, waitlisted: 1 }])).toEqual([
      { serviceId: 's1', name: 'Daycare', capacity: 20, booked: 3, waitlisted: 1 },
    ]);
  });

  it('treats a missing capacity as unlimited', () => {
    expect(occupancyLines([{ service_id: 's2', name: 'Taxi', capacity: null, booked: 0 }])[0].capacity).toBeNull();
  });

  it('drops malformed items instead of inventing numbers', () => {
    expect(occupancyLines([{ name: 'No id', booked: 1 }, 'junk', null])).toEqual([]);
    expect(occupancyLines({ not: 'a list' })).toEqual([]);
  });
});
