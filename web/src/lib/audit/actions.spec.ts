import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionLabel, isAuditAction } from './actions.ts';

describe('audit actions', () => {
  it('lists exactly the actions the audit_log check constraint allows', () => {
    const schema = readFileSync(join(import.meta.dirname, '../../../../supabase/schemas/1900_audit_log.sql'), 'utf8');
    const check = /audit_log_action_known check \(action in \(([^)]*)\)\)/.exec(schema);
    expect(check, 'the constraint is declared in 1900_audit_log.sql').not.toBeNull();
    const allowed = [...check![1].matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    expect(Object.keys(AUDIT_ACTIONS).sort()).toEqual(allowed.sort());
  });

  it('accepts a known action and nothing else, not even names every object has', () => {
    expect(isAuditAction('OVERRIDE')).toBe(true);
    for (const value of ['override', 'UPSERT', '', 'toString', 'constructor', '__proto__']) {
      expect(isAuditAction(value)).toBe(false);
    }
  });

  it('names an action in words and passes an unknown one through as stored', () => {
    expect(auditActionLabel('DELETE')).toBe('removed');
    expect(auditActionLabel('TRUNCATE')).toBe('TRUNCATE');
  });
});
