// What a report card takes, shared by the staff form (checked in the browser) and its action (checked again).
export const REPORT_PHOTO_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const;
/** The report-photos bucket's limit (supabase/schemas/1600_report_cards.sql). */
export const REPORT_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const REPORT_MAX_PHOTOS = 8;
export const REPORT_NOTE_MAX = 1000;
/** Photos are scaled so the longer side is at most this many pixels before upload. */
export const REPORT_PHOTO_MAX_SIDE = 1600;
