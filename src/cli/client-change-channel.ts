// The Redis channel on which API client changes are announced (see src/auth/clients/change-push.ts):
// servers listen on it, and both the admin RPCs and `relata clients` publish on it, so a
// revocation reaches every replica within milliseconds instead of at its next change-log poll.
import { defaultCacheOptions, RedisBroadcast } from '../cache/index.js';
import type { RelataConfig } from '../config/index.js';
import type { Logger } from '../observability/index.js';

export function openClientChangeChannel(config: Pick<RelataConfig, 'redisUrl' | 'cache'>, logger?: Logger): RedisBroadcast | undefined {
  if (!config.redisUrl) return undefined;
  const prefix = config.cache.redisKeyPrefix ?? defaultCacheOptions.redisKeyPrefix;
  return new RedisBroadcast({
    url: config.redisUrl,
    channel: `${prefix}api-clients`,
    commandTimeoutMs: 250,
    onError: (operation, error) => logger?.debug({ err: error, operation }, 'api client change channel degraded: the change-log poll carries changes'),
  });
}
