// The one module that imports maplibre-gl (and its CSS). Map components import it with `await import()`, so
// MapLibre is a separate chunk fetched only on pages that show a map, after their first paint.
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MlMap, MapMouseEvent, Marker } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is a self-contained module served from our origin (CSP worker-src 'self'); MapLibre's own guess
// (next to its module) is wrong once Vite bundles it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { MapData, MapPoint } from './types.ts';
import { mapStyle } from './style.ts';

export interface MapHandle {
  map: MlMap;
  /** Replaces what is drawn: lines as a GeoJSON layer, points as HTML markers (no glyphs needed). */
  draw(data: MapData): void;
  /** Zooms to everything drawn (or the given points). */
  fit(points?: Array<{ lat: number; lng: number }>): void;
  /**
   * Calls back with the ids of the lines the GPU actually drew (rendered features of the line layer) each
   * time the map settles: the page's proof that routes are on the canvas, not only in its data.
   */
  onDrawn(callback: (lineIds: string[]) => void): void;
  destroy(): void;
}

export interface CreateOptions {
  container: HTMLElement;
  styleUrl?: string;
  center: { lat: number; lng: number };
  zoom?: number;
  onClick?: (at: { lat: number; lng: number }) => void;
}

maplibregl.setWorkerUrl(workerUrl);

const LINES = 'pc-route-lines';

export function createMap(options: CreateOptions): Promise<MapHandle> {
  const map = new maplibregl.Map({
    container: options.container,
    style: mapStyle(options.styleUrl),
    center: [options.center.lng, options.center.lat],
    zoom: options.zoom ?? 12,
    attributionControl: options.styleUrl ? undefined : false,
    // the offline style has no glyphs: never ask for fonts
    localIdeographFontFamily: 'sans-serif',
  });
  // MapLibre makes its canvas a landmark named "Map": the page's wrapper is already the named region, and two maps on a
  // page would be two equal landmarks (axe landmark-unique), so the canvas stays a focusable, labelled canvas only.
  map.getCanvas().removeAttribute('role');
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  if (options.onClick) {
    const onClick = options.onClick;
    map.on('click', (e: MapMouseEvent) => onClick({ lat: round(e.lngLat.lat), lng: round(e.lngLat.lng) }));
  }
  let markers: Marker[] = [];
  let last: MapData = { points: [], lines: [] };

  function draw(data: MapData): void {
    last = data;
    const lines = {
      type: 'FeatureCollection' as const,
      features: data.lines.map((l) => ({
        type: 'Feature' as const,
        properties: { colour: l.colour, route: l.id },
        geometry: { type: 'LineString' as const, coordinates: l.coordinates },
      })),
    };
    // Prefixed ids: a production style may have its own source or layer called "lines".
    const source = map.getSource(LINES) as GeoJSONSource | undefined;
    if (source) source.setData(lines);
    else {
      map.addSource(LINES, { type: 'geojson', data: lines });
      map.addLayer({
        id: `${LINES}-casing`,
        type: 'line',
        source: LINES,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': '#ffffff', 'line-width': 7 },
      });
      map.addLayer({
        id: LINES,
        type: 'line',
        source: LINES,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': ['get', 'colour'], 'line-width': 4 },
      });
    }
    for (const m of markers) m.remove();
    markers = data.points.map((p) =>
      new maplibregl.Marker({ element: markerElement(p) }).setLngLat([p.lng, p.lat]).addTo(map),
    );
  }

  function fit(points?: Array<{ lat: number; lng: number }>): void {
    const all = points ?? [
      ...last.points,
      ...last.lines.flatMap((l) => l.coordinates.map(([lng, lat]) => ({ lat, lng }))),
    ];
    if (all.length === 0) return;
    if (all.length === 1) {
      map.jumpTo({ center: [all[0].lng, all[0].lat], zoom: Math.max(map.getZoom(), 14) });
      return;
    }
    const bounds = new maplibregl.LngLatBounds();
    for (const p of all) bounds.extend([p.lng, p.lat]);
    map.fitBounds(bounds, { padding: 40, maxZoom: 15, animate: false });
  }

  function onDrawn(callback: (lineIds: string[]) => void): void {
    map.on('idle', () => {
      if (!map.getLayer(LINES)) return callback([]);
      const ids = new Set(map.queryRenderedFeatures({ layers: [LINES] }).map((f) => String(f.properties?.route)));
      callback([...ids].sort());
    });
  }

  return new Promise((resolve) => {
    const handle: MapHandle = { map, draw, fit, onDrawn, destroy: () => map.remove() };
    if (map.isStyleLoaded()) resolve(handle);
    else map.once('load', () => resolve(handle));
  });
}

function markerElement(p: MapPoint): HTMLElement {
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

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
