// The database's enums as the app uses them, taken from the generated types (scripts/gen-types.ts) so
// a value added or renamed in a migration reaches every list and `switch` here through the type
// checker, instead of drifting from copies of the literals.
import { Constants, type Enums } from './database.types.ts';

export type BookingStatus = Enums<'booking_status'>;
export type MemberRole = Enums<'member_role'>;
export type IncidentSeverity = Enums<'incident_severity'>;
export type MedicalRecordKind = Enums<'medical_record_kind'>;
export type ScanAction = Enums<'scan_action'>;
export type TagKind = Enums<'tag_kind'>;
export type VaccinationSource = Enums<'vaccination_source'>;

const ENUMS = Constants.public.Enums;

export const BOOKING_STATUSES: readonly BookingStatus[] = ENUMS.booking_status;
/** In the order forms offer them: least to most serious, as the enum declares them. */
export const SEVERITIES = ENUMS.incident_severity;
export const RECORD_KINDS = ENUMS.medical_record_kind;
export const TAG_KINDS = ENUMS.tag_kind;

/** Whether `value` (e.g. from a realtime broadcast) is one of the enum's values. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
