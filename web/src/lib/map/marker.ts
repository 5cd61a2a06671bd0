// What both map engines share in the browser: the element a point is drawn as, how a clicked point is kept, and what "fit" covers.
import type { MapData, MapPoint } from './types.ts';

/** Rounds a clicked coordinate to a micro-degree (about 11 cm): what a pin keeps. */
export function roundCoordinate(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** The element a point is drawn as, by either engine (styled by MapView's .pc-marker rules). */
export function markerElement(p: MapPoint): HTMLElement {
  const el = document.createElement('div');
  el.className = `pc-marker pc-${p.kind}${p.done ? ' pc-done' : ''}`;
  el.title = p.title;
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', p.title);
  el.dataset.markerId = p.id;
  // Where it was put, for tests and tools (the map's own projection is not in the DOM).
  el.dataset.lat = String(p.lat);
  el.dataset.lng = String(p.lng);
  if (p.colour) el.style.setProperty('--marker', p.colour);
  if (p.label) el.textContent = p.label;
  return el;
}

/** Every point a drawing covers (markers and the vertices of its lines): what "zoom to fit" fits. */
export function everyPoint(data: MapData): Array<{ lat: number; lng: number }> {
  return [...data.points, ...data.lines.flatMap((l) => l.coordinates.map(([lng, lat]) => ({ lat, lng })))];
}
