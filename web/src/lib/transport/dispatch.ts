// Words and figures dispatch shows: a failed plan as a sentence, why a stop is left out, km and minutes.

const PLAN_FAILURES: Record<string, string> = {
  no_vehicles: 'There is no van in service. Add one under Settings → Vehicles, then plan again.',
  nothing_to_plan: 'There are no open pickups or drop-offs on this day to plan.',
  routes_in_progress: 'A route of this day has started, so the day cannot be re-planned. The plan below is kept.',
  no_depot: 'The business needs a site with a map location (its depot) before routes can be planned.',
  infeasible: 'No van can serve any of the requests within their time windows and seats. Nothing was changed.',
  forbidden: 'Only the desk of this business can plan its routes.',
  no_free_vehicles: 'Every van in service is on a route that has started. The routes below are kept.',
  route_not_found: 'That route no longer exists. Reload the page.',
  route_started: 'That route has started, so its stops stay as they are.',
  edit_stops_mismatch: 'The plan changed meanwhile. Reload the page and move the stop again.',
  edit_stop_unknown: 'One of the stops has no map location any more. Set its pin, then plan again.',
};

/** One sentence for a plan that failed; the previous plan is always kept. */
export function planFailureSentence(code: string): string {
  return (
    PLAN_FAILURES[code] ?? 'Planning did not finish just now, so the previous plan is kept. Try again in a moment.'
  );
}

const REASONS: Record<string, string> = {
  missing_location: 'needs a pin: the address has no map location yet',
  time_window_unreachable: 'no van can reach it within its time window',
  demand_exceeds_capacity: 'more pets than a van has seats',
  shift_too_short: 'it falls outside the vans’ working hours',
  no_vehicle_available: 'every van is full or busy at that time',
};

export function unservedReason(reason: string | undefined): string {
  if (!reason) return 'not planned yet';
  return REASONS[reason] ?? 'no van could take it';
}

export function km(metres: number | null): string {
  return metres === null ? '—' : `${(metres / 1000).toFixed(1)} km`;
}

export function minutes(seconds: number | null): string {
  if (seconds === null) return '—';
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
