// The one module that imports maplibre-gl (and its CSS). Map components import it with `await import()`, so
// MapLibre is a separate chunk fetched only on pages that show a map, after their first paint.
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, MapMouseEvent, Marker } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is a self-contained module served from our origin (CSP worker-src 'self'); MapLibre's own guess
// (next to its module) is wrong once Vite bundles it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { everyPoint, markerElement, roundCoordinate as round } from './marker.ts';
import type { CreateOptions, MapData, MapHandle } from './types.ts';
import { mapStyle } from './style.ts';

export interface VectorMapOptions extends CreateOptions {
  /** A MapLibre style URL (PUBLIC_MAP_STYLE_URL); unset: the bundled offline style. */
  styleUrl?: string;
}

maplibregl.setWorkerUrl(workerUrl);

const LINES = 'pc-route-lines';

export function createMap(options: VectorMapOptions): Promise<MapHandle> {
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
    const all = points ?? everyPoint(last);
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
    const handle: MapHandle = {
      draw,
      fit,
      jumpTo: (at) => map.jumpTo({ center: [at.lng, at.lat] }),
      onDrawn,
      destroy: () => map.remove(),
    };
    if (map.isStyleLoaded()) resolve(handle);
    else map.once('load', () => resolve(handle));
  });
}
