// The one line `relata serve` prints when a dependency is down at start (e.g. the datastore):
// the error and its cause, not a stack trace. A cluster worker sends it to the primary instead.

export function startFailureLine(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
