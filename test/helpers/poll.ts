// Waiting in integration tests for something another process does: a probe asked until it gives a
// value, within a deadline that names what was awaited when it passes.

/** Calls `probe` every `everyMs` until it returns a value other than undefined; throws past `timeoutMs`. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
