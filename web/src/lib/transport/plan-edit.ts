// Hand edits of a day's plan, as pure functions: which routes a move changes and how their stop orders
// read afterwards, and the warning sentence for an edit that breaks a window, the seats or the shift.

export interface RouteOrder {
  id: string;
  status: string;
  /** Transport request ids in stop order. */
  stops: string[];
}

export type Move =
  | { op: 'up' | 'down'; requestId: string }
  | { op: 'to'; requestId: string; toRoute: string }
  | { op: 'place'; requestId: string; toRoute: string; position: number };

export type MoveOutcome =
  { ok: true; edit: Array<{ route_id: string; stops: string[] }> } | { ok: false; message: string };

/** The new stop orders of the routes a move touches (one route for a reorder, two for a move to another van). */
export function applyMove(routes: RouteOrder[], move: Move): MoveOutcome {
  const from = routes.find((r) => r.stops.includes(move.requestId));
  if (!from) return { ok: false, message: 'That stop is not on a route any more. Reload the page.' };
  if (from.status !== 'planned')
    return { ok: false, message: 'That route has started, so its stops stay as they are.' };
  const i = from.stops.indexOf(move.requestId);
  if (move.op !== 'to' && move.op !== 'place') {
    const j = move.op === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= from.stops.length)
      return { ok: false, message: `That stop is already the ${move.op === 'up' ? 'first' : 'last'} of its route.` };
    const stops = from.stops.slice();
    [stops[i], stops[j]] = [stops[j], stops[i]];
    return { ok: true, edit: [{ route_id: from.id, stops }] };
  }
  const to = routes.find((r) => r.id === move.toRoute);
  if (!to) return { ok: false, message: 'That van’s route was not found. Reload the page.' };
  if (to.status !== 'planned') return { ok: false, message: 'That van’s route has started; choose another van.' };
  const rest = from.stops.filter((id) => id !== move.requestId);
  const target = to.id === from.id ? rest : to.stops.slice();
  const at = move.op === 'place' ? Math.min(Math.max(move.position - 1, 0), target.length) : target.length;
  const placed = [...target.slice(0, at), move.requestId, ...target.slice(at)];
  if (to.id === from.id) {
    if (placed.join() === from.stops.join()) return { ok: false, message: 'The stop is already there.' };
    return { ok: true, edit: [{ route_id: from.id, stops: placed }] };
  }
  return {
    ok: true,
    edit: [
      { route_id: from.id, stops: rest },
      { route_id: to.id, stops: placed },
    ],
  };
}

export interface EditWarning {
  kind: 'window' | 'seats' | 'shift';
  route_id: string;
  transport_request_id?: string;
  late_minutes?: number;
  load?: number;
  seats?: number;
}

/** One sentence per broken rule, naming the pet and the van. */
export function warningSentence(
  w: EditWarning,
  names: { pet: (id: string) => string; van: (id: string) => string },
): string {
  const van = names.van(w.route_id);
  const pet = w.transport_request_id ? names.pet(w.transport_request_id) : 'a pet';
  if (w.kind === 'window')
    return `${van} would reach ${pet} ${w.late_minutes ?? 0} min after the end of the time window.`;
  if (w.kind === 'seats')
    return `${van} would carry ${w.load ?? 0} pets at ${pet}'s stop, but it has ${w.seats ?? 0} seats.`;
  return `${van} would be back ${w.late_minutes ?? 0} min after the end of the drivers’ shift.`;
}
