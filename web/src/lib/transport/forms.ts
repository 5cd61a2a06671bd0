// The pet taxi's form schemas (zod 4), outside the routes so their rules are unit-tested.
import { z } from 'zod';

const coordinate = (label: string, limit: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}, or click the map.`)
    .regex(
      /^-?\d{1,3}(\.\d+)?$/,
      `Enter the ${label} as a decimal number, e.g. ${limit === 90 ? '51.5362' : '-0.1031'}.`,
    )
    .transform(Number)
    .refine((v) => Math.abs(v) <= limit, `The ${label} lies between −${limit} and ${limit}.`);

export const latitude = coordinate('latitude', 90);
export const longitude = coordinate('longitude', 180);

export const vehicleForm = z.object({
  id: z
    .union([z.uuid(), z.literal('')])
    .optional()
    .transform((v) => v || null),
  name: z.string().trim().min(1, 'Name the van, e.g. “Blue van”.').max(80, 'Keep the name under 80 characters.'),
  seats: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, 'Enter how many pets the van carries, from 1 to 60.')
    .transform(Number)
    .refine((v) => v >= 1 && v <= 60, 'Enter how many pets the van carries, from 1 to 60.'),
  depot_lat: latitude,
  depot_lng: longitude,
  active: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
  default_driver_id: z
    .union([z.uuid('Choose a driver from the list.'), z.literal('')])
    .optional()
    .transform((v) => v || null),
});

export type VehicleForm = z.output<typeof vehicleForm>;

export const removeVehicleForm = z.object({ id: z.uuid('That van was not found.') });

const optionalCoordinate = (schema: typeof latitude) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.union([z.literal('').transform(() => null), schema]));

const clock = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter the ${label} as a time, e.g. 07:30.`);

/** Staff adding or editing a pickup or drop-off on the dispatch page (the day comes from the page). */
export const transportForm = z
  .object({
    id: z
      .union([z.uuid(), z.literal('')])
      .optional()
      .transform((v) => v || null),
    booking_id: z
      .union([z.uuid(), z.literal('')])
      .optional()
      .transform((v) => v || null),
    pet_id: z.uuid('Choose the pet.'),
    kind: z.enum(['pickup', 'dropoff'], 'Choose pickup or drop-off.'),
    date: z.iso.date('Choose a day.'),
    from: clock('start of the window'),
    to: clock('end of the window'),
    // blank: the client's address on file
    address: z.string().trim().max(300, 'Keep the address under 300 characters.').optional().default(''),
    lat: optionalCoordinate(latitude),
    lng: optionalCoordinate(longitude),
    notes: z.string().trim().max(500, 'Keep the notes for the driver under 500 characters.').optional().default(''),
  })
  .refine((f) => f.to > f.from, { path: ['to'], message: 'The window must end after it starts.' })
  .refine((f) => (f.lat === null) === (f.lng === null), {
    path: ['lng'],
    message: 'Set both latitude and longitude, or neither (then the address is looked up).',
  });

export type TransportForm = z.output<typeof transportForm>;

/** A stop moved on the plan: up or down its route, or to another van's route (at the end). */
export const moveStopForm = z.object({
  date: z.iso.date('Choose a day.'),
  request_id: z.uuid('That stop was not found.'),
  op: z.enum(['up', 'down', 'to', 'place'], 'Choose how to move the stop.'),
  to_route: z
    .union([z.uuid(), z.literal('')])
    .optional()
    .transform((v) => v || null),
  /** For `place` (drag and drop): 1-based position in the target route. */
  position: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number().int().min(1).max(500).nullable()),
  confirm: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

export type MoveStopForm = z.output<typeof moveStopForm>;
