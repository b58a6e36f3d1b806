// Builds the authenticator from the config: the methods RELATA_AUTHN_METHOD names, always asked
// in the same order whatever the variable's order (preshared keys are an exact match and never
// refuse, API client keys have their own prefix, JWTs their own shape), so no method can refuse
// a credential that a later one would have accepted.
import { createAuthenticator, createOidcMethod, createPresharedMethod } from '../auth/index.js';
import type { AuthMethod, Authenticator, AuthObserver } from '../auth/index.js';
import type { AuthConfig } from '../config/index.js';
import type { Logger } from '../observability/index.js';

export interface AuthMethodFactories {
  /**
   * The `clients` method (API clients in the datastore). MERGE(h-clients): the clients branch
   * supplies this from the composition root.
   */
  clients?: () => AuthMethod;
}

export function buildAuthenticator(config: AuthConfig, observer: AuthObserver, logger: Logger, factories: AuthMethodFactories = {}): Authenticator {
  if (config.methods.length === 0) {
    if (config.exposedWithoutAuth.length > 0) {
      logger.warn(
        { listeners: config.exposedWithoutAuth },
        'RELATA_AUTHN_METHOD=none on a non-loopback address: anyone who reaches these listeners can read and change every store',
      );
    }
    return createAuthenticator({ methods: [], required: false, observer });
  }
  const methods: AuthMethod[] = [];
  if (config.methods.includes('preshared')) methods.push(createPresharedMethod(config.presharedKeys));
  if (config.methods.includes('clients')) {
    if (!factories.clients) throw new Error('RELATA_AUTHN_METHOD includes clients, which this build cannot serve');
    methods.push(factories.clients());
  }
  if (config.oidc) methods.push(createOidcMethod(config.oidc));
  logger.info({ methods: methods.map((method) => method.name) }, 'authentication required');
  const slowdown = { threshold: config.slowdownAfter === 0 ? Infinity : config.slowdownAfter, maxDelayMs: config.slowdownMaxDelayMs };
  return createAuthenticator({ methods, required: true, observer, slowdown });
}
