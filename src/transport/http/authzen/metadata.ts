// The PDP metadata document (spec §9), public like every discovery document. Per store, at the
// spec's derivation of the PDP id `<base>/stores/<id>` (`/.well-known/authzen-configuration/stores/<id>`)
// and at OpenFGA's path (`/.well-known/authzen-configuration/<id>`); at the root when a default
// store serves the unscoped paths. Store existence is not revealed (no credential is asked).
// The base URL is RELATA_AUTHZEN_BASE_URL, else the request's own scheme and Host: the PEP checks
// `policy_decision_point` against the URL it asked, and the answer is marked uncacheable then.
import { badRequest, ulidPattern } from './wire.js';

export interface PdpMetadata {
  policy_decision_point: string;
  access_evaluation_endpoint: string;
  access_evaluations_endpoint: string;
  search_subject_endpoint: string;
  search_resource_endpoint: string;
  search_action_endpoint: string;
}

const hostPattern = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The base URL from the request, or undefined when its Host header is unusable. */
export function requestBaseUrl(protocol: string, host: string | undefined): string {
  if (!host || !hostPattern.test(host)) throw badRequest('Host header', 'value must be host[:port]');
  return `${protocol === 'https' ? 'https' : 'http'}://${host}`;
}

export function requireStoreId(storeId: string): string {
  if (!ulidPattern.test(storeId)) throw badRequest('store_id', 'value must be a store id (a ULID)');
  return storeId;
}

export function metadataFor(pdp: string): PdpMetadata {
  return {
    policy_decision_point: pdp,
    access_evaluation_endpoint: `${pdp}/access/v1/evaluation`,
    access_evaluations_endpoint: `${pdp}/access/v1/evaluations`,
    search_subject_endpoint: `${pdp}/access/v1/search/subject`,
    search_resource_endpoint: `${pdp}/access/v1/search/resource`,
    search_action_endpoint: `${pdp}/access/v1/search/action`,
  };
}
