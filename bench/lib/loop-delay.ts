// The event-loop delay a server reports on /metrics (`relata_event_loop_delay_seconds`, a window
// that each scrape closes and restarts): scraped right before a bench row to open the window and
// right after it to read how long work held the server's loop during that row.

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The aim every row is held to: no request holds the loop long enough to delay the others. */
export const loopDelayAimMs = 50;

export async function scrapeLoopDelay(metricsAddress: string): Promise<LoopDelay | undefined> {
  const text = await (await fetch(`http://${metricsAddress}/metrics`)).text();
  const quantile = (q: string): number | undefined => {
    const match = new RegExp(`^relata_event_loop_delay_seconds\\{quantile="${q.replace('.', '\\.')}"\\} (\\S+)`, 'm').exec(text);
    return match ? Number(match[1]) * 1000 : undefined;
  };
  const [p50Ms, p99Ms, maxMs] = [quantile('0.5'), quantile('0.99'), quantile('1')];
  return p50Ms === undefined || p99Ms === undefined || maxMs === undefined ? undefined : { p50Ms, p99Ms, maxMs };
}

export function describeLoopDelay(delay: LoopDelay | undefined): string {
  if (!delay) return 'loop delay n/a';
  const over = delay.p99Ms > loopDelayAimMs ? ` (over the ${loopDelayAimMs} ms aim)` : '';
  return `loop delay p99 ${delay.p99Ms.toFixed(1)} ms${over}, max ${delay.maxMs.toFixed(0)} ms`;
}
