// Who runs a CLI command that changes the datastore directly: the local operator, recorded in the
// audit trail as `cli:<os user>` (the OS account is the only identity such a command has; whoever
// holds the datastore's credentials could write rows without Relata at all).
import { userInfo } from 'node:os';
import { ulid } from 'ulid';
import type { Caller } from '../service/caller.js';

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    // No passwd entry for the uid (e.g. some containers).
    return process.env.USER ?? process.env.LOGNAME ?? `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/** The caller of one CLI command; `reason` from its `--reason` option. */
export function operatorCaller(command: string, reason?: string): Caller {
  return {
    principal: { kind: 'cli', id: osUser(), scopes: new Map() },
    requestId: `cli-${ulid()}`,
    userAgent: `relata ${command}`,
    reason,
  };
}

export const reasonOption = ['--reason <text>', 'why (kept in the audit trail with the change)'] as const;
