// Password limits shared by the form schema (server) and the page's hints (browser). Kept apart from
// the zod schemas so the browser does not download zod for a number.

/** Supabase's default minimum (supabase/config.toml `minimum_password_length`). */
export const MIN_PASSWORD_LENGTH = 8;

/** GoTrue refuses longer passwords (bcrypt reads only 72 bytes). */
export const MAX_PASSWORD_LENGTH = 72;
