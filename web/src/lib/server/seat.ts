// The staff "seat" (which business a slug names and the user's role there) is needed by the layout's
// load, the page's load and the action of the same request. Each asks `locals.seat(slug)`, which looks
// the seat up once per request and slug and hands every later caller the same answer.
import type { User } from '@supabase/supabase-js';
import { findMySeat, type StaffSeat } from './db/businesses.ts';
import type { Supabase } from './supabase.ts';

export type SeatLookup = (slug: string) => Promise<StaffSeat | null>;

/** `find`, asked at most once per slug; later calls share the first call's promise. */
export function oncePerSlug(find: SeatLookup): SeatLookup {
  const seats = new Map<string, Promise<StaffSeat | null>>();
  return (slug) => {
    let seat = seats.get(slug);
    if (!seat) {
      seat = find(slug);
      seats.set(slug, seat);
    }
    return seat;
  };
}

/** The request's seat lookup: none for a visitor who is not signed in. */
export function requestSeats(supabase: Supabase, user: User | null): SeatLookup {
  return oncePerSlug((slug) => (user ? findMySeat(supabase, user.id, slug) : Promise.resolve(null)));
}
