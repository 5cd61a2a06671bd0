// Form parsing shared by every action: zod validates, and failures come back as one message per field
// so pages can show them beside the inputs. No framework imports, so it is unit-tested directly.
import type { z } from 'zod';

/** One message per field, plus `form` for problems that belong to no single field. */
export type FieldErrors = Partial<Record<string, string>>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates a form's fields (strings only; files are ignored) against `schema`. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): Parsed<z.output<S>> {
  const raw: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value === 'string' && !(name in raw)) raw[name] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : 'form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A form field's value as text (empty when absent), for echoing what the user typed. */
export function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** Errors for a problem that belongs to the whole form rather than one field. */
export function formError(message: string): FieldErrors {
  return { form: message };
}

export type ReadForm = { ok: true; form: FormData } | { ok: false; tooLarge: true };

/**
 * The posted form, or `tooLarge` when the body is over the server's limit (adapter-node's BODY_SIZE_LIMIT
 * errors the body stream with status 413 as it is read). The action can then show its form again with a
 * message beside the file field instead of the bare "Payload Too Large" page. Other faults are thrown.
 */
export async function readForm(request: Request): Promise<ReadForm> {
  try {
    return { ok: true, form: await request.formData() };
  } catch (cause) {
    const status = (cause as { status?: unknown } | null)?.status;
    if (status === 413) return { ok: false, tooLarge: true };
    throw cause;
  }
}
