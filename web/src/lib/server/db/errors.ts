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

/**
 * A sentence for a write the database refused that the form did not foresee, by SQLSTATE class. The
 * database's own message never reaches the page: it names tables and constraints, and can quote data.
 */
export function refusalSentence(code: string | undefined, what: string): string | null {
  if (!code) return null;
  if (code === '23505') return `${what} could not be saved: it would duplicate one already recorded.`;
  if (code === '23503') return `${what} could not be saved: something it refers to no longer exists.`;
  if (code === '42501') return `${what} could not be saved: your role may not make this change here.`;
  if (code.startsWith('23') || code.startsWith('22'))
    return `${what} could not be saved: one of the values is not accepted. Check the form and try again.`;
  return null;
}
