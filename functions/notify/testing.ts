// The few assertions the tests use (no jsr: imports on these machines): node:assert under Deno.
import assertNode from 'node:assert/strict';

export function assert(cond: unknown, msg?: string): asserts cond {
  assertNode.ok(cond, msg);
}
export const assertEquals = <T>(a: T, b: T, msg?: string) => assertNode.deepStrictEqual(a, b, msg);
export const assertMatch = (s: string, re: RegExp) => assertNode.match(s, re);
export const assertStringIncludes = (s: string, part: string) =>
  assertNode.ok(s.includes(part), `expected ${JSON.stringify(s)} to include ${JSON.stringify(part)}`);
export async function assertRejects(fn: () => Promise<unknown>, type?: new (...a: never[]) => Error): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    if (type && !(e instanceof type)) throw new Error(`expected ${type.name}, got ${String(e)}`, { cause: e });
    return e as Error;
  }
  throw new Error('expected a rejection');
}
