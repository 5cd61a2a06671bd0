import type { CostModel } from './types.ts';

/** A business's costs in its own currency: per van used, per minute a van is out, per km driven. */
export interface BusinessCosts {
  perVan: number;
  perMinute: number;
  perKm: number;
}

/**
 * For a pet taxi whose drivers work anyway: vans cost nothing extra, driving time and distance do (a
 * driver's wage and a van's running cost, roughly; only the ratio matters), so a van more is used
 * whenever it shortens the driving.
 */
export const PET_TAXI: BusinessCosts = { perVan: 0, perMinute: 0.5, perKm: 0.3 };

/** The solver's cost model for problems in seconds and metres, as the edge function builds them. */
export function secondsAndMetres(c: BusinessCosts): CostModel {
  return { perVehicle: c.perVan, perDuration: c.perMinute / 60, perDistance: c.perKm / 1000 };
}
