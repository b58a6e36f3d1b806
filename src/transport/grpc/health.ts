// grpc.health.v1.Health: SERVING while the server accepts calls, NOT_SERVING once shutdown
// begins. It does no I/O, so the bench can use Check as the no-op RPC floor; the datastore's
// health is reported by the HTTP /healthz endpoint.
import { status } from '@grpc/grpc-js';
import type { HealthHandlers } from './generated/grpc/health/v1/Health.js';
import type { _grpc_health_v1_HealthCheckResponse_ServingStatus__Output as ServingStatus } from './generated/grpc/health/v1/HealthCheckResponse.js';

const knownServices = new Set(['', 'openfga.v1.OpenFGAService', 'grpc.health.v1.Health']);

export interface HealthState {
  serving: boolean;
}

export function healthHandlers(state: HealthState): HealthHandlers {
  const current = (): ServingStatus => (state.serving ? 'SERVING' : 'NOT_SERVING');
  const Check: HealthHandlers['Check'] = (call, callback) => {
    if (!knownServices.has(call.request.service)) {
      callback({ code: status.NOT_FOUND, details: `unknown service '${call.request.service}'` });
      return;
    }
    callback(null, { status: current() });
  };
  const Watch: HealthHandlers['Watch'] = (call) => {
    call.write({ status: knownServices.has(call.request.service) ? current() : 'SERVICE_UNKNOWN' });
    // The stream stays open until the client goes away or the server shuts down.
    call.on('cancelled', () => call.end());
  };
  return { Check, Watch };
}
