// Request ids: taken from the caller (`x-request-id`) when it is sane, otherwise generated, so
// that one id follows a request through logs, metrics exemplars and the response metadata.
import { randomUUID } from 'node:crypto';

export const requestIdHeader = 'x-request-id';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(incoming: string | undefined): string {
  return incoming && acceptable.test(incoming) ? incoming : randomUUID();
}
