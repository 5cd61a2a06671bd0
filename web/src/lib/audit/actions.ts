// The audit log's kinds of change, as the database allows them (audit_log_action_known in
// supabase/schemas/1900_audit_log.sql) and as the log viewer names them: the page's filter offers these,
// and its load accepts only these. actions.spec.ts fails when the schema's list and this one part.

export const AUDIT_ACTIONS = {
  INSERT: 'added',
  UPDATE: 'changed',
  DELETE: 'removed',
  /** a vaccine-gate override, with its reason */
  OVERRIDE: 'overrode the vaccine gate',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

/** How the log says a change: "added", …; an action this app does not know yet as it is stored. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : action;
}
