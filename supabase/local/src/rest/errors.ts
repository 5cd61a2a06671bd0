// PostgREST's error contract: a JSON body {code, message, details, hint} and an HTTP status chosen
// from the error's code. Errors raised by our own request handling carry PGRSTxxx codes; errors from
// Postgres are mapped from their SQLSTATE the way PostgREST maps them.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly hint: unknown;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    code: string,
    message: string,
    details: unknown = null,
    hint: unknown = null,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.hint = hint;
    this.headers = headers;
  }

  body(): { code: string; message: string; details: unknown; hint: unknown } {
    return { code: this.code, details: this.details, hint: this.hint, message: this.message };
  }
}

/** PGRST100: a query parameter that does not parse. */
export const parseError = (message: string, details: string) => new ApiError(400, 'PGRST100', message, details);

/** PGRST127: grammar PostgREST accepts but this server does not implement (never a silent difference). */
export const notImplemented = (details: string) => new ApiError(400, 'PGRST127', 'Feature not implemented', details);

/** A column referenced in select/filter/order that does not exist, worded as Postgres words it. */
export const undefinedColumn = (table: string, column: string) =>
  new ApiError(400, '42703', `column ${table}.${column} does not exist`);

export const tableNotFound = (schema: string, table: string) =>
  new ApiError(404, 'PGRST205', `Could not find the table '${schema}.${table}' in the schema cache`);

export const columnNotFound = (table: string, column: string) =>
  new ApiError(400, 'PGRST204', `Could not find the '${column}' column of '${table}' in the schema cache`);

export const singularityError = (rows: number) =>
  new ApiError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${rows} rows`);

export function jwtError(reason: string, message: string): ApiError {
  // PGRST303 is PostgREST's "claims validation failed" (exp, nbf, aud); PGRST301 a token it cannot read.
  const code = reason === 'expired' || reason === 'claims' ? 'PGRST303' : 'PGRST301';
  return new ApiError(401, code, message, null, null, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(message)}`,
  });
}

interface PgErrorLike {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
}

/**
 * PostGIS reports unreadable WKT/WKB/GeoJSON input as XX000 (internal error) although the fault is the
 * client's; these messages are its input parsers', so they answer 400 like any other bad value (22P02).
 */
const POSTGIS_INPUT = new RegExp(
  '^(' +
    [
      'parse error - invalid geometry',
      'invalid (geometry|geography|GML|KML|GeoJSON)',
      'unknown (WKB|GeoJSON) type',
      'WKB structure does not match expected size',
      'Invalid endian flag',
      'Invalid hex string',
      'geometry requires more points',
      'geometry contains non-closed rings',
      'Unknown geometry type',
      'Geometry type \\(\\w+\\) does not match column type',
      'Column has [MZ] dimension',
      'Geometry has [MZ] dimension',
      'Geometry SRID \\(-?\\d+\\) does not match column SRID',
      'lwgeom_from_geojson',
      'Unable to parse GeoJSON',
    ].join('|') +
    ')',
  'i',
);

/** The HTTP status PostgREST gives a Postgres error (authed: the request carried a non-anon role). */
export function statusForSqlState(code: string, message: string, authed: boolean): number {
  if (code.startsWith('08')) return 503;
  if (code.startsWith('09')) return 500;
  if (code.startsWith('0L') || code.startsWith('0P')) return 403;
  switch (code) {
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '21000':
      return message.endsWith('requires a WHERE clause') ? 400 : 500;
    case '22023':
      return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
    case '53400':
      return 500;
    case '57P01':
      return 503;
    case 'P0001':
      return 400;
    case '42883':
      return 404;
    case '42P01':
      return 404;
    case '42P17':
      return 500;
    case '42501':
      return authed ? 403 : 401;
  }
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  if (code === 'XX000' && POSTGIS_INPUT.test(message)) return 400;
  for (const prefix of ['25', '2D', '38', '39', '3B', '40', '54', '55', '57', '58', 'F0', 'HV', 'P0', 'XX']) {
    if (code.startsWith(prefix)) return 500;
  }
  if (code.startsWith('28')) return 403;
  if (code.startsWith('53')) return 503;
  return 400;
}

/**
 * Turns an error from Postgres into PostgREST's response, including `RAISE SQLSTATE 'PGRST'` whose
 * MESSAGE is the JSON error body and DETAIL the JSON {status, status_text?, headers}.
 */
export function fromPgError(e: PgErrorLike, authed: boolean): ApiError {
  const code = e.code ?? 'PGRSTX00';
  if (code === 'PGRST') return fromRaisePgrst(e);
  const status = statusForSqlState(code, e.message, authed);
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  return new ApiError(status, code, e.message, e.detail ?? null, e.hint ?? null, headers);
}

function fromRaisePgrst(e: PgErrorLike): ApiError {
  let msg: any;
  try {
    msg = JSON.parse(e.message);
  } catch {
    msg = undefined;
  }
  if (!msg || typeof msg !== 'object' || typeof msg.code !== 'string' || typeof msg.message !== 'string') {
    return new ApiError(
      500,
      'PGRST121',
      `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
      `Invalid JSON value for MESSAGE: '${e.message}'`,
      "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.",
    );
  }
  if (e.detail === undefined || e.detail === null) {
    return new ApiError(
      500,
      'PGRST121',
      `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
      'DETAIL is missing in the RAISE statement',
      "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.",
    );
  }
  let det: any;
  try {
    det = JSON.parse(e.detail);
  } catch {
    det = undefined;
  }
  if (!det || typeof det !== 'object' || typeof det.status !== 'number' || typeof det.headers !== 'object') {
    return new ApiError(
      500,
      'PGRST121',
      `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
      `Invalid JSON value for DETAIL: '${e.detail}'`,
      "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.",
    );
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(det.headers ?? {})) headers[k] = String(v);
  return new ApiError(det.status, msg.code, msg.message, msg.details ?? null, msg.hint ?? null, headers);
}
