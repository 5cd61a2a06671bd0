// What a map page draws: points (locations, stops, vans) and lines (routes). Plain data, so servers build it.

export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  /** 'location' a site or depot, 'stop' a pickup or drop-off, 'van' a vehicle's live position. */
  kind: 'location' | 'stop' | 'van';
  colour?: string;
  /** Short text drawn on the marker (a stop's order number). */
  label?: string;
  /** Accessible name / tooltip. */
  title: string;
  /** A finished stop is drawn faded. */
  done?: boolean;
}

export interface MapLine {
  id: string;
  colour: string;
  /** [lng, lat] pairs in order. */
  coordinates: Array<[number, number]>;
}

export interface MapData {
  points: MapPoint[];
  lines: MapLine[];
}

/** A drawn map, whichever engine draws it (MapLibre for the desk's pages, Leaflet for the driver's phone). */
export interface MapHandle {
  /** Replaces what is drawn: lines as route lines, points as HTML markers (no glyphs needed). */
  draw(data: MapData): void;
  /** Zooms to everything drawn (or the given points). */
  fit(points?: Array<{ lat: number; lng: number }>): void;
  /** Moves the view to a point without animation (a pin typed in by hand). */
  jumpTo(at: { lat: number; lng: number }): void;
  /**
   * Calls back with the ids of the lines actually on screen each time the map settles: the page's proof that
   * routes are drawn, not only in its data.
   */
  onDrawn(callback: (lineIds: string[]) => void): void;
  destroy(): void;
}

export interface CreateOptions {
  container: HTMLElement;
  center: { lat: number; lng: number };
  zoom?: number;
  onClick?: (at: { lat: number; lng: number }) => void;
}
