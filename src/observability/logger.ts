// The pino logger factory. Every layer logs through the `Logger` type so that tests can pass a
// silent logger and production gets JSON lines with request ids.
import { pino } from 'pino';
import type { Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export interface LoggerOptions {
  level?: string;
  /** Static fields on every line (service name, replica id). */
  base?: Record<string, unknown>;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino({
    level: options.level ?? 'info',
    base: { service: 'relata', ...options.base },
    // Secrets must not reach the logs even when a caller logs a whole config or request.
    redact: { paths: ['*.password', '*.authorization', '*.apiKey', 'config.datastore.url', 'config.redisUrl'], censor: '***' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** A logger that writes nothing, for tests and embedded use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
