// What happens to a fault nobody planned for (Kit's `handleError`, kind `unknown`): it gets an id, one
// log line carrying the id, the route and the stack, and the visitor sees only a sentence and the id —
// never the error's own message, which may quote the database. Errors we raise on purpose
// (`error(404, …)`) and Kit's own (404s, refused methods) keep their messages and are not logged.
export const FAULT_MESSAGE = 'Something went wrong on our side. Try again in a moment.';

export interface FaultScene {
  method: string;
  path: string;
  routeId: string | null;
}

export interface PublicFault {
  status: number;
  message: string;
  id: string;
}

/** The stack (with any causes) of whatever was thrown, as one string. */
export function describeThrown(thrown: unknown): string {
  const parts: string[] = [];
  let current: unknown = thrown;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.stack ?? `${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.join('\nCaused by: ');
}

/** One log line (JSON, so the stack's newlines stay inside it) that finds the fault again by its id. */
export function faultLogLine(id: string, scene: FaultScene, thrown: unknown): string {
  return JSON.stringify({
    level: 'error',
    fault: id,
    method: scene.method,
    path: scene.path,
    route: scene.routeId,
    stack: describeThrown(thrown),
  });
}

/**
 * The body `handleError` returns: for an unexpected fault, a fresh id and the friendly sentence (and
 * the line is written through `log`); for anything else, nothing, so Kit keeps the status and message.
 */
export function reportFault(
  caught: { kind: 'app' | 'framework' | 'validation' | 'unknown'; error: unknown },
  scene: FaultScene,
  log: (line: string) => void = console.error,
  newId: () => string = () => crypto.randomUUID(),
): PublicFault | undefined {
  if (caught.kind !== 'unknown') return undefined;
  const id = newId();
  log(faultLogLine(id, scene, caught.error));
  return { status: 500, message: FAULT_MESSAGE, id };
}
