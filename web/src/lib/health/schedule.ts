// Medication schedules as the desk reads them: the times of day a pet's medication is due, and where each
// of today's slots stands on the business's clock — given (when, by whom), due now, overdue or later.
// A slot is "due" from DUE_BEFORE_MINUTES before its time until OVERDUE_AFTER_MINUTES after it.

export const DUE_BEFORE_MINUTES = 30;
export const OVERDUE_AFTER_MINUTES = 60;
export const MAX_TIMES = 8;

export interface MedicationSchedule {
  id: string;
  petId: string;
  medication: string;
  dose: string;
  /** "08:00", sorted */
  times: string[];
  notes: string | null;
  updatedAt: string;
}

export interface SlotDose {
  scheduleId: string;
  slot: string;
  givenAt: string;
  givenBy: string | null;
}

export type SlotState =
  | { kind: 'given'; givenAt: string; givenBy: string | null }
  | { kind: 'due' }
  | { kind: 'overdue' }
  | { kind: 'later' };

export interface RoundSlot {
  scheduleId: string;
  medication: string;
  dose: string;
  slot: string;
  state: SlotState;
}

/** "08:00:00" or "8:00" as "08:00"; null when it is not a time of day. */
export function clockTime(value: string): string | null {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${m[2]}`;
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Where a slot stands at `now` (both "HH:MM" on the business's clock), given its dose if recorded. */
export function slotState(slot: string, now: string, given?: SlotDose): SlotState {
  if (given) return { kind: 'given', givenAt: given.givenAt, givenBy: given.givenBy };
  const late = minutesOf(now) - minutesOf(slot);
  if (late > OVERDUE_AFTER_MINUTES) return { kind: 'overdue' };
  if (late >= -DUE_BEFORE_MINUTES) return { kind: 'due' };
  return { kind: 'later' };
}

/** Today's slots of the schedules, in time order, each with its state. */
export function medicationRound(schedules: MedicationSchedule[], doses: SlotDose[], now: string): RoundSlot[] {
  const given = new Map(doses.map((d) => [`${d.scheduleId}|${d.slot}`, d]));
  return schedules
    .flatMap((s) =>
      s.times.map((slot) => ({
        scheduleId: s.id,
        medication: s.medication,
        dose: s.dose,
        slot,
        state: slotState(slot, now, given.get(`${s.id}|${slot}`)),
      })),
    )
    .sort((a, b) => a.slot.localeCompare(b.slot) || a.medication.localeCompare(b.medication));
}

export type TimesParse = { ok: true; times: string[] } | { ok: false; message: string };

/** "8:00, 18:00" (commas or spaces) as sorted, distinct times; a clear message otherwise. */
export function parseTimes(text: string): TimesParse {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return { ok: false, message: 'Give at least one time of day, like 08:00.' };
  const times: string[] = [];
  for (const part of parts) {
    const time = clockTime(part);
    if (!time) return { ok: false, message: `“${part}” is not a time of day: write it as 08:00 or 18:30.` };
    if (!times.includes(time)) times.push(time);
  }
  if (times.length > MAX_TIMES) return { ok: false, message: `At most ${MAX_TIMES} times a day.` };
  return { ok: true, times: times.sort() };
}
