// Lost updates between two editors (issue 10, defect 5). Every edit form carries the row's `updated_at`
// from when it was opened; the save is an update that only matches while the row still has that version
// (server/db/versioned.ts). When someone else saved in between, the form comes back with what the user
// typed kept, a sentence, and both values of every field the two disagree on, so nothing is reverted
// silently: saving again (with the newer version) keeps the user's values on purpose.

export const CHANGED_SINCE_OPENED =
  'This was changed by someone else since you opened it. Their values are shown beside yours below; save again to keep yours, or reload to take theirs.';

export interface FieldConflict {
  name: string;
  label: string;
  /** The value saved now (someone else's), as a person reads it. */
  theirs: string;
  /** The value this form holds (what the user typed). */
  yours: string;
}

/** A stored value as a form holds it: text as is, numbers as typed, booleans as a ticked checkbox. */
function asFormText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'on' : '';
  return String(value);
}

function readable(text: string, kind: 'text' | 'checkbox'): string {
  if (kind === 'checkbox') return text === 'on' || text === 'true' ? 'yes' : 'no';
  return text === '' ? '(empty)' : text;
}

/**
 * The fields whose saved value differs from what the form holds. `fields` names each field, its label
 * and whether it is a checkbox (an unticked checkbox is absent from a form).
 */
export function fieldConflicts(
  fields: { name: string; label: string; checkbox?: boolean }[],
  saved: Record<string, unknown>,
  typed: Record<string, string>,
): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const f of fields) {
    const kind = f.checkbox ? 'checkbox' : 'text';
    const theirs = asFormText(saved[f.name]);
    const yours = typed[f.name] ?? '';
    const same = f.checkbox
      ? (theirs === 'on') === (yours === 'on' || yours === 'true')
      : theirs.trim() === yours.trim();
    if (!same) out.push({ name: f.name, label: f.label, theirs: readable(theirs, kind), yours: readable(yours, kind) });
  }
  return out;
}
