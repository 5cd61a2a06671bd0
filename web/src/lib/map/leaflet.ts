// The light map engine, for the driver's phone: Leaflet (about 40 KB gzipped against MapLibre's 280) draws the
// route and its stops as SVG over raster tiles, or over a plain background when no tile URL is configured (the
// offline default: nothing fetched). The one module that imports leaflet (and its CSS); MapView imports it with
// `await import()`, so it is a separate chunk fetched after the page's first paint. Same handle as maplibre.ts.
import { divIcon, latLngBounds, layerGroup, map as createLeafletMap, marker, polyline, tileLayer } from 'leaflet';
import type { LeafletMouseEvent, Polyline } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { everyPoint, markerElement, roundCoordinate as round } from './marker.ts';
import type { CreateOptions, MapData, MapHandle, MapPoint } from './types.ts';

export interface LightMapOptions extends CreateOptions {
  /** An XYZ raster tile URL template (PUBLIC_MAP_TILE_URL, `…/{z}/{x}/{y}.png`); unset: no tiles. */
  tileUrl?: string;
  /** The tiles' attribution (PUBLIC_MAP_TILE_ATTRIBUTION), shown in the corner as their licence asks. */
  attribution?: string;
}

/** Marker sizes in CSS pixels, as MapView's .pc-<kind> rules draw them: the icon is anchored at its centre. */
const SIZE: Record<MapPoint['kind'], number> = { stop: 24, location: 18, van: 28 };

export function createLightMap(options: LightMapOptions): Promise<MapHandle> {
  const map = createLeafletMap(options.container, {
    center: [options.center.lat, options.center.lng],
    zoom: options.zoom ?? 12,
    attributionControl: Boolean(options.tileUrl),
    zoomSnap: 0.25,
  });
  if (options.tileUrl) {
    tileLayer(options.tileUrl, { attribution: options.attribution ?? '', maxZoom: 19 }).addTo(map);
  }
  if (options.onClick) {
    const onClick = options.onClick;
    map.on('click', (e: LeafletMouseEvent) => onClick({ lat: round(e.latlng.lat), lng: round(e.latlng.lng) }));
  }
  const lineLayer = layerGroup().addTo(map);
  const pointLayer = layerGroup().addTo(map);
  let routeLines: Array<{ id: string; line: Polyline }> = [];
  let last: MapData = { points: [], lines: [] };
  const listeners: Array<(ids: string[]) => void> = [];

  function drawnIds(): string[] {
    const ids = new Set<string>();
    for (const { id, line } of routeLines) {
      // an SVG path with a drawn outline: Leaflet clips lines outside the view to an empty `d`
      const d = line.getElement()?.getAttribute('d') ?? '';
      if (/[0-9]/.test(d)) ids.add(id);
    }
    return [...ids].sort();
  }
  const settle = () => {
    const ids = drawnIds();
    for (const l of listeners) l(ids);
  };
  map.on('moveend zoomend resize', settle);

  function draw(data: MapData): void {
    last = data;
    lineLayer.clearLayers();
    routeLines = [];
    for (const l of data.lines) {
      const latLngs = l.coordinates.map(([lng, lat]) => [lat, lng] as [number, number]);
      polyline(latLngs, { color: '#ffffff', weight: 7, opacity: 1, interactive: false }).addTo(lineLayer);
      const line = polyline(latLngs, { color: l.colour, weight: 4, opacity: 1, interactive: false }).addTo(lineLayer);
      routeLines.push({ id: l.id, line });
    }
    pointLayer.clearLayers();
    for (const p of data.points) {
      const size = SIZE[p.kind];
      const icon = divIcon({
        html: markerElement(p),
        className: 'pc-light-icon',
        iconSize: [size, size],
        iconAnchor: [size / 2, size / 2],
      });
      marker([p.lat, p.lng], { icon, interactive: false, keyboard: false }).addTo(pointLayer);
    }
    settle();
  }

  function fit(points?: Array<{ lat: number; lng: number }>): void {
    const all = points ?? everyPoint(last);
    if (all.length === 0) return;
    if (all.length === 1) {
      map.setView([all[0].lat, all[0].lng], Math.max(map.getZoom(), 14), { animate: false });
      return;
    }
    const bounds = latLngBounds(all.map((p) => [p.lat, p.lng] as [number, number]));
    map.fitBounds(bounds, { padding: [40, 40], maxZoom: 15, animate: false });
  }

  const handle: MapHandle = {
    draw,
    fit,
    jumpTo: (at) => map.setView([at.lat, at.lng], map.getZoom(), { animate: false }),
    onDrawn: (callback) => {
      listeners.push(callback);
    },
    destroy: () => map.remove(),
  };
  return Promise.resolve(handle);
}
