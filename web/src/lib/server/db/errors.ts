// The typed error every data module raises when Supabase refuses a query it did not expect to fail,
// so routes can tell data failures from programming errors and keep PostgREST's code.

export class DataError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'DataError';
    this.code = code;
  }
}
