import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

/** The request body of POST /optimize-route. */
export const OptimizeInput = z
  .object({
    business_id: z.uuid(),
    date: z.iso.date(),
    depot_location_id: z.uuid().optional(),
    vehicles: z
      .array(
        z
          .object({
            count: z.int().min(1).max(50),
            capacity: z.int().min(1).max(100),
            shift_start: hhmm,
            shift_end: hhmm,
          })
          .refine((v) => v.shift_end > v.shift_start, { message: 'shift_end must be after shift_start' }),
      )
      .min(1)
      .max(10)
      // Absent (the app's call): the business's vans in service, read from public.vehicles as the caller.
      .optional(),
    /** Working hours of vans read from the vehicles table. */
    shift_start: hhmm.default('06:00'),
    shift_end: hhmm.default('21:00'),
    /** Minutes spent at each door (loading a pet, a word with the parent). */
    service_minutes: z.number().min(0).max(60).default(5),
    /** Crates one pet takes. */
    crates_per_pet: z.int().min(1).max(10).default(1),
    /** Search budget; Supabase gives an edge function 2 s of CPU, so keep well under it. */
    time_limit_ms: z.int().min(50).max(1500).default(1000),
    seed: z
      .int()
      .min(0)
      .max(2 ** 31)
      .default(1),
    /**
     * What a plan costs: `fewest_vans` (the default), `pet_taxi` (vans are free, driving time and
     * distance cost), or explicit amounts per van used, per minute a van is out and per km driven.
     */
    cost: z
      .union([
        z.enum(['fewest_vans', 'pet_taxi']),
        z
          .object({
            per_van: z.number().min(0).max(1e6),
            per_minute: z.number().min(0).max(1e4),
            per_km: z.number().min(0).max(1e4),
          })
          .strict(),
      ])
      .default('fewest_vans'),
  })
  .strict();

export type OptimizeInput = z.infer<typeof OptimizeInput>;

/**
 * The body of a hand edit (POST /optimize-route with `edit`): the new stop order of each edited planned
 * route. The stops of the edited routes must stay the same set (moved between them or reordered). Without
 * `confirm`, an edit that breaks a window, the seats or the shift is not written: the answer lists why.
 */
export const EditInput = z
  .object({
    business_id: z.uuid(),
    date: z.iso.date(),
    edit: z
      .array(z.object({ route_id: z.uuid(), stops: z.array(z.uuid()).max(200) }).strict())
      .min(1)
      .max(20),
    confirm: z.boolean().default(false),
    shift_start: hhmm.default('06:00'),
    shift_end: hhmm.default('21:00'),
    service_minutes: z.number().min(0).max(60).default(5),
    crates_per_pet: z.int().min(1).max(10).default(1),
  })
  .strict();

export type EditInput = z.infer<typeof EditInput>;
