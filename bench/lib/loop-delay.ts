// How a bench row reports the server's event-loop delay (ServerProcess.loopDelay scrapes it).
import type { LoopDelay } from './server-process.js';

/** The aim every row is held to: no request holds the loop long enough to delay the others. */
export const loopDelayAimMs = 50;

export function describeLoopDelay(delay: LoopDelay | undefined): string {
  if (!delay) return 'loop delay n/a';
  const over = delay.p99Ms > loopDelayAimMs ? ` (over the ${loopDelayAimMs} ms aim)` : '';
  return `loop delay p99 ${delay.p99Ms.toFixed(1)} ms${over}, max ${delay.maxMs.toFixed(0)} ms`;
}
