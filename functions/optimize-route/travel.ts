import type { HaversineOptions } from '../_shared/routing/distance/haversine.ts';

/**
 * The business's travel model, from its settings: `taxi_road_factor` (a number 1–3) and `taxi_speed_kmh`
 * (5–130); anything else there counts as unset and the default applies. The parents' ETA reads the same keys
 * with the same rules in SQL (`private.taxi_travel_model`, supabase/schemas/0940_drive.sql), so a plan and the
 * ETAs that follow it agree (tests/integration/travel-model.test.ts).
 */
export const ROAD_FACTOR = { fallback: 1.3, min: 1, max: 3 } as const;
export const SPEED_KMH = { fallback: 30, min: 5, max: 130 } as const;

export function travelModel(settings: unknown): Required<HaversineOptions> {
  const s = settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
  const pick = (v: unknown, k: { fallback: number; min: number; max: number }) =>
    typeof v === 'number' && v >= k.min && v <= k.max ? v : k.fallback;
  return { roadFactor: pick(s.taxi_road_factor, ROAD_FACTOR), speedKmh: pick(s.taxi_speed_kmh, SPEED_KMH) };
}
