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
