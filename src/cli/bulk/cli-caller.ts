// Who runs a local command, for the audit trail: `cli:<os user>`. A command talks to the datastore
// directly, so nothing authenticated it; the OS account is the best name there is.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Caller } from '../../service/index.js';

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the numeric uid still tells operators apart.
    return process.env.USER ?? `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

export function cliCaller(user: string = osUser()): Caller {
  return { principal: { kind: 'cli', id: user, scopes: new Map() }, requestId: randomUUID() };
}
