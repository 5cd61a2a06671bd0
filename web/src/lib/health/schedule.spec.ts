import { describe, expect, it } from 'vitest';
import { clockTime, medicationRound, parseTimes, slotState, type MedicationSchedule } from './schedule.ts';

describe('slotState', () => {
  it('is later until 30 minutes before, due until an hour after, then overdue', () => {
    expect(slotState('12:00', '11:29')).toEqual({ kind: 'later' });
    expect(slotState('12:00', '11:30')).toEqual({ kind: 'due' });
    expect(slotState('12:00', '13:00')).toEqual({ kind: 'due' });
    expect(slotState('12:00', '13:01')).toEqual({ kind: 'overdue' });
  });

  it('is given once a dose is recorded, however late', () => {
    const dose = { scheduleId: 's', slot: '08:00', givenAt: '2026-12-07T12:03:00Z', givenBy: 'u' };
    expect(slotState('08:00', '23:00', dose)).toEqual({ kind: 'given', givenAt: dose.givenAt, givenBy: 'u' });
  });
});

describe('medicationRound', () => {
  const schedule = (id: string, medication: string, times: string[]): MedicationSchedule => ({
    id,
    petId: 'p',
    medication,
    dose: '1 tablet',
    times,
    notes: null,
    updatedAt: '',
  });

  it('lists every slot of the day in time order with its own state', () => {
    const round = medicationRound(
      [schedule('a', 'Apoquel', ['08:00', '18:00']), schedule('b', 'Metacam', ['12:00'])],
      [{ scheduleId: 'a', slot: '08:00', givenAt: 'x', givenBy: null }],
      '12:10',
    );
    expect(round.map((r) => `${r.slot} ${r.medication} ${r.state.kind}`)).toEqual([
      '08:00 Apoquel given',
      '12:00 Metacam due',
      '18:00 Apoquel later',
    ]);
  });
});

describe('parseTimes', () => {
  it('reads times separated by commas or spaces, sorted and distinct', () => {
    expect(parseTimes('18:00, 8:00 08:00')).toEqual({ ok: true, times: ['08:00', '18:00'] });
  });

  it('refuses an empty list, a bad time and too many times with a sentence', () => {
    expect(parseTimes('  ')).toMatchObject({ ok: false, message: 'Give at least one time of day, like 08:00.' });
    expect(parseTimes('08:00, 25:00')).toMatchObject({ ok: false, message: expect.stringContaining('“25:00”') });
    expect(parseTimes('1:00 2:00 3:00 4:00 5:00 6:00 7:00 8:00 9:00')).toMatchObject({ ok: false });
  });
});

describe('clockTime', () => {
  it('reads the database time type and hand-typed times', () => {
    expect(clockTime('08:00:00')).toBe('08:00');
    expect(clockTime('7:05')).toBe('07:05');
    expect(clockTime('noon')).toBeNull();
  });
});
