import { describe, expect, it } from 'vitest';
import { DataError } from './db/errors.ts';
import { FAULT_MESSAGE, faultLogLine, reportFault } from './faults.ts';

const scene = { method: 'GET', path: '/b/happy-paws/roster', routeId: '/(staff)/b/[slug]/roster' };

function capture() {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line) };
}

describe('reportFault', () => {
  it('gives an unexpected fault a uuid and a sentence that never quotes the database', () => {
    const { lines, log } = capture();
    const thrown = new DataError('could not load: invalid input syntax for type uuid: "x"', '22P02');
    const body = reportFault({ kind: 'unknown', error: thrown }, scene, log);
    expect(body?.status).toBe(500);
    expect(body?.message).toBe(FAULT_MESSAGE);
    expect(body?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.stringify(body)).not.toMatch(/invalid input|22P02|uuid:/);
    expect(lines).toHaveLength(1);
  });

  it('writes one line carrying the id, the route and the stack', () => {
    const { lines, log } = capture();
    const thrown = new Error('boom', { cause: new Error('deeper') });
    const body = reportFault({ kind: 'unknown', error: thrown }, scene, log, () => 'fault-1');
    expect(body?.id).toBe('fault-1');
    expect(lines[0]).not.toContain('\n');
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ fault: 'fault-1', method: 'GET', path: scene.path, route: scene.routeId });
    expect(line.stack).toContain('Error: boom');
    expect(line.stack).toContain('faults.spec.ts');
    expect(line.stack).toContain('Caused by: Error: deeper');
  });

  it('gives each fault its own id', () => {
    const { log } = capture();
    const a = reportFault({ kind: 'unknown', error: new Error('a') }, scene, log);
    const b = reportFault({ kind: 'unknown', error: new Error('b') }, scene, log);
    expect(a?.id).not.toBe(b?.id);
  });

  it('leaves errors raised on purpose and Kit’s own errors alone, unlogged', () => {
    const { lines, log } = capture();
    expect(reportFault({ kind: 'app', error: { status: 404, message: 'Not found' } }, scene, log)).toBeUndefined();
    expect(reportFault({ kind: 'framework', error: { status: 405, message: 'Nope' } }, scene, log)).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it('describes a thrown value that is not an Error', () => {
    expect(JSON.parse(faultLogLine('x', scene, 'plain string')).stack).toBe('plain string');
  });
});
