// Errors as the Storage API renders them: a JSON body `{statusCode, code, error, message}` where
// statusCode is the *logical* status as a string. Like the real server, the HTTP status itself is 400
// for every client error and 500 for server errors, unless an error pins its own (JWT role checks).
// storage-js reads `message`, `statusCode` and `code` from the body, so the body is what must match.
import type { ServerResponse } from 'node:http';

export class StorageError extends Error {
  readonly status: number;
  readonly code: string;
  readonly error: string;
  /** The HTTP status actually sent; defaults to 400 (500 for server errors), as storage does. */
  readonly httpStatus: number;
  /** Whether the connection must close after the reply (the request body was not read to its end). */
  closeConnection = false;

  constructor(opts: { status: number; code: string; error?: string; message: string; httpStatus?: number }) {
    super(opts.message);
    this.status = opts.status;
    this.code = opts.code;
    this.error = opts.error ?? opts.code;
    this.httpStatus = opts.httpStatus ?? (opts.status >= 500 ? 500 : 400);
  }

  render(): { statusCode: string; code: string; error: string; message: string } {
    return { statusCode: String(this.status), code: this.code, error: this.error, message: this.message };
  }
}

const e = (status: number, code: string, message: string, error?: string, httpStatus?: number) =>
  new StorageError({ status, code, message, error, httpStatus });

export const ERRORS = {
  noSuchBucket: () => e(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => e(404, 'NoSuchKey', 'Object not found', 'not_found'),
  accessDenied: (message = 'Access denied', httpStatus?: number) =>
    e(403, 'AccessDenied', message, 'Unauthorized', httpStatus),
  rlsViolation: () => e(403, 'AccessDenied', 'new row violates row-level security policy', 'Unauthorized'),
  keyAlreadyExists: () => e(409, 'KeyAlreadyExists', 'The resource already exists', 'Duplicate'),
  bucketAlreadyExists: () => e(409, 'BucketAlreadyExists', 'The resource already exists', 'Duplicate'),
  resourceAlreadyExists: () => e(409, 'ResourceAlreadyExists', 'The resource already exists', 'Duplicate'),
  bucketNotEmpty: () => e(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
  invalidKey: (key: string) => e(400, 'InvalidKey', `Invalid key: ${key}`),
  invalidBucketName: () => e(400, 'InvalidBucketName', 'Bucket name invalid', 'Invalid Input'),
  invalidMimeType: (mime: string) =>
    e(415, 'InvalidMimeType', `mime type ${mime} is not supported`, 'invalid_mime_type'),
  entityTooLarge: (entity = 'object') =>
    e(413, 'EntityTooLarge', `The ${entity} exceeded the maximum allowed size`, 'Payload too large'),
  invalidFileSizeLimit: () => e(400, 'InvalidRequest', 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'),
  invalidJwt: (message: string) => e(400, 'InvalidJWT', message),
  invalidSignature: (message = 'Invalid signature') => e(400, 'InvalidSignature', message),
  expiredSignature: () => e(400, 'ExpiredToken', 'The provided token has expired.'),
  invalidRequest: (message: string) => e(400, 'InvalidRequest', message),
  missingParameter: (name: string) => e(400, 'MissingParameter', `Missing Required Parameter ${name}`),
  invalidParameter: (name: string) => e(400, 'InvalidParameter', `Invalid Parameter ${name}`),
  noContent: () => e(400, 'InvalidRequest', 'No content provided'),
  invalidRange: () => e(416, 'InvalidRange', 'invalid range provided', 'invalid_range', 416),
  notSupported: (feature: string) => e(409, 'NotSupported', `The feature ${feature} is not enabled for this resource`),
  referenced: () =>
    e(409, 'ResourceReferenced', 'The resource could not be updated or removed due to a foreign key constraint'),
  relatedNotFound: () => e(404, 'InvalidRequest', 'The related resource does not exist'),
  routeNotFound: (method: string, path: string) =>
    e(404, 'NotFound', `Route ${method}:${path} not found`, 'Not Found', 404),
  databaseError: (code: string) => e(500, 'DatabaseError', `database error, code: ${code}`),
  internal: (message = 'Internal server error') => e(500, 'InternalError', message),
};

/** Maps a Postgres error raised while acting as the caller to the error storage would report. */
export function fromPgError(err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  const pgErr = err as { code?: string; message?: string; detail?: string };
  switch (pgErr?.code) {
    case '42501':
      return pgErr.message?.includes('row-level security') ? ERRORS.rlsViolation() : ERRORS.accessDenied(pgErr.message);
    case '23505':
      return ERRORS.resourceAlreadyExists();
    case '23503':
      return pgErr.detail?.includes('is still referenced') ? ERRORS.referenced() : ERRORS.relatedNotFound();
    case '57014':
      return new StorageError({
        status: 544,
        code: 'DatabaseTimeout',
        message: 'The connection to the database timed out',
        httpStatus: 544,
      });
    case '22021':
      // A NUL byte (or other text Postgres cannot store) in a name, prefix or path sent to it.
      return ERRORS.invalidRequest('Names, prefixes and paths may not contain NUL bytes or invalid UTF-8');
    case '22P02':
      return e(400, 'InvalidParameter', pgErr.message || 'Invalid value format or type conversion failed');
    case undefined:
      return ERRORS.internal(pgErr?.message);
    default:
      return ERRORS.databaseError(pgErr.code);
  }
}

export function sendError(res: ServerResponse, err: StorageError): void {
  const body = JSON.stringify(err.render());
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
  };
  if (err.closeConnection) headers.connection = 'close';
  res.writeHead(err.httpStatus, headers);
  res.end(body);
}
