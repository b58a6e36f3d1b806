// Counts what the pg driver sends from this process while a function runs: round trips (one per
// query call) and statements (a simple-protocol script of several statements counts each).
import pg from 'pg';

export interface QueryCount {
  roundTrips: number;
  statements: number;
  /** The first 60 characters of each query, in order. */
  texts: string[];
}

export async function countQueries(fn: () => Promise<unknown>): Promise<QueryCount> {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  const counted: QueryCount = { roundTrips: 0, statements: 0, texts: [] };
  proto.query = function (this: unknown, ...a: unknown[]) {
    const config = a[0];
    const text = typeof config === 'string' ? config : typeof config === 'object' && config !== null && 'text' in config ? String((config as { text: unknown }).text) : '';
    counted.roundTrips++;
    counted.statements += Math.max(1, text.split(';').filter((part) => part.trim() !== '').length);
    counted.texts.push(text.replace(/\s+/g, ' ').slice(0, 60));
    return original.apply(this, a);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return counted;
}
