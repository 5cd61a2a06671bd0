import { describe, expect, it } from 'vitest';
import { chartSeries, money, occupancyLines, percent } from './figures.ts';

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

describe('money in a currency', () => {
  it('writes the business’s currency', () => {
    expect(money(7000, 'GBP')).toBe('£70.00');
    expect(money(123456, 'EUR')).toBe('€1,234.56');
    expect(money(4200, 'USD')).toBe('US$42.00');
  });

  it('falls back to the plain amount for a code that is not a currency', () => {
    expect(money(7000, 'pounds')).toBe('70.00');
    expect(money(7000, null)).toBe('70.00');
  });
});

describe('chartSeries', () => {
  it('reads the three series and drops what is malformed', () => {
    const c = chartSeries({
      occupancy_14d: [
        { service_id: 's1', name: 'Daycare', capacity: 20, days: [{ day: '2026-12-06', booked: 2 }] },
        { name: 'no id' },
      ],
      check_ins_by_hour: [{ hour: 8, today: 3, typical: 2.5 }],
      compliance_trend: [{ day: '2026-12-06', active: 4, compliant: 3 }],
    });
    expect(c.occupancy).toEqual([
      { serviceId: 's1', name: 'Daycare', capacity: 20, days: [{ day: '2026-12-06', booked: 2 }] },
    ]);
    expect(c.hours).toEqual([{ hour: 8, today: 3, typical: 2.5 }]);
    expect(c.compliance).toEqual([{ day: '2026-12-06', active: 4, compliant: 3 }]);
    expect(chartSeries(null)).toEqual({ occupancy: [], hours: [], compliance: [] });
  });
});
