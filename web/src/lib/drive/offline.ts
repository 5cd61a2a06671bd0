// The driver's day kept on the phone: the page saves each day it is shown online, and shows the last one saved
// when it opens with no network (the service worker serves /drive's shell from its cache). No framework imports.
import { formatTime } from '../time/format.ts';
import type { DriveDay } from './day.ts';

export interface DaySnapshot {
  /** When the page last had the day from the server (ISO instant). */
  savedAt: string;
  day: DriveDay;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'pawcentral-drive-day:';

/** One key per signed-in driver, so a phone shared by two drivers never shows one's route to the other. */
export const snapshotKey = (userId: string | null) => `${PREFIX}${userId ?? 'anon'}`;

/**
 * Signing out forgets every saved day on this phone (pet names, addresses, parents' phones), whoever's it was.
 * The queue of unsent stop updates is another key and stays: it is the driver's work, sent at the next sign-in.
 */
export function forgetDays(storage: Pick<globalThis.Storage, 'key' | 'length' | 'removeItem'>): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // storage disabled: nothing was saved either
  }
}

export function saveDay(storage: Storage, userId: string | null, day: DriveDay, now = Date.now()): void {
  try {
    storage.setItem(snapshotKey(userId), JSON.stringify({ savedAt: new Date(now).toISOString(), day }));
  } catch {
    // Storage full or disabled: the page still works online; offline it will have nothing to show.
  }
}

/** The last day saved for this driver, or null when there is none or it is not a day (tampered, old format). */
export function loadDay(storage: Storage, userId: string | null): DaySnapshot | null {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(snapshotKey(userId)) ?? 'null');
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const { savedAt, day } = raw as Partial<DaySnapshot>;
  if (typeof savedAt !== 'string' || Number.isNaN(Date.parse(savedAt))) return null;
  if (!day || typeof day.is_driver !== 'boolean' || !Array.isArray(day.routes)) return null;
  if (!day.routes.every((r) => r && typeof r.id === 'string' && Array.isArray(r.stops))) return null;
  return { savedAt, day };
}

/** "Offline — showing the route as of 08:12", the time in the business's zone (the first route's). */
export function offlineBanner(snapshot: DaySnapshot, fallbackZone = 'UTC'): string {
  const zone = snapshot.day.routes[0]?.timezone ?? fallbackZone;
  return `Offline — showing the route as of ${formatTime(snapshot.savedAt, zone)}`;
}
