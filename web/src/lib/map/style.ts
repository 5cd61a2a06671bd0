// The bundled offline map style: a plain background and nothing fetched (no tiles, sprites or glyphs), so
// `npm start`, the tests and a phone in a dead zone draw the map with what the page already has — the
// business's locations, stops and routes as GeoJSON layers on top. Production sets PUBLIC_MAP_STYLE_URL to a
// real style (its tiles come from that style's origin, which the CSP then allows).
import type { StyleSpecification } from 'maplibre-gl';

export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  name: 'PawCentral offline',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1ec' } }],
};

/** The style to draw: the configured URL, else the bundled offline style. */
export function mapStyle(styleUrl: string | undefined): string | StyleSpecification {
  return styleUrl || OFFLINE_STYLE;
}

/** Distinct route colours (colour-blind friendly first), cycled by route index. */
export const ROUTE_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7f3c8d', '#3f7f00'];

export function routeColour(index: number): string {
  return ROUTE_COLOURS[((index % ROUTE_COLOURS.length) + ROUTE_COLOURS.length) % ROUTE_COLOURS.length];
}
