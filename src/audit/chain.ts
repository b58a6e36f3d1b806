// The hash chain: each record's hash covers the previous record's hash, its own chain and position
// and its canonical body, so changing, removing, inserting or reordering a record breaks every
// hash after it (and the chain head, which holds the last one).
import { hash } from 'node:crypto';

/** One chain per store for changes, one per store for decisions, and '' for store-less changes. */
export function changeChain(storeId: string | undefined): string {
  return `c:${storeId ?? ''}`;
}

export function decisionChain(storeId: string): string {
  return `d:${storeId}`;
}

/** SHA-256 (hex) of `prevHash \n chain \n seq \n body` (UTF-8). */
export function chainHash(prevHash: string, chain: string, seq: bigint, body: string): string {
  // One-shot: a fraction of createHash's cost per record (the decision log hashes every decision).
  return hash('sha256', `${prevHash}\n${chain}\n${seq}\n${body}`, 'hex');
}
