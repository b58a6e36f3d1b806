// ConsistencyPreference enum names as they arrive on the wire (unknown numbers arrive as
// numeric strings and are left for the service to reject).
import type { ConsistencyPreference } from '../../service/index.js';

export function consistencyOf(value: string | undefined): ConsistencyPreference | undefined {
  if (!value) return undefined;
  return value as ConsistencyPreference;
}
