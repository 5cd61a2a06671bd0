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
