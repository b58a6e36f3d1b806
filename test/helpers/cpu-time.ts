// CPU time of a call, for the generous "finishes in well under a second" bounds of the model
// tests: unlike wall time it does not grow when other processes share the machine's cores.

/** Milliseconds of CPU (user + system) this process spent while `fn` ran, and its result. */
export async function cpuTime<T>(fn: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const before = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, result };
}
