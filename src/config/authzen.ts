// AuthZEN 1.0's settings: the store the unscoped `/access/v1/...` paths answer for (off-the-shelf
// AuthZEN clients know no store ids), and the base URL published in the PDP metadata document.

export interface AuthzenConfig {
  /** RELATA_AUTHZEN_DEFAULT_STORE: a store id (ULID); undefined = the unscoped paths are not served. */
  defaultStoreId: string | undefined;
  /**
   * RELATA_AUTHZEN_BASE_URL: the PDP identifier (`policy_decision_point`) and the prefix of every
   * endpoint URL in the metadata; undefined = derived from each request's Host header.
   */
  baseUrl: string | undefined;
}

const ulid = /^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$/;

/** Reads the AuthZEN variables; `fail` builds the error naming the bad variable (config.ts's ConfigError). */
export function authzenConfig(env: Record<string, string | undefined>, fail: (message: string) => Error): AuthzenConfig {
  const store = env.RELATA_AUTHZEN_DEFAULT_STORE?.trim() || undefined;
  if (store !== undefined && !ulid.test(store)) throw fail(`RELATA_AUTHZEN_DEFAULT_STORE must be a store id (a ULID), got '${store.slice(0, 64)}'`);
  const base = env.RELATA_AUTHZEN_BASE_URL?.trim() || undefined;
  if (base !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(base);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      throw fail(`RELATA_AUTHZEN_BASE_URL must be an http(s) URL without query, fragment or credentials, got '${base.slice(0, 128)}'`);
    }
  }
  return { defaultStoreId: store, baseUrl: base?.replace(/\/+$/, '') };
}
