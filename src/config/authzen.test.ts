import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('AuthZEN config', () => {
  it('is off by default', () => {
    expect(loadConfig({}).authzen).toEqual({ defaultStoreId: undefined, baseUrl: undefined });
  });

  it('reads a default store and a base URL (trailing slashes dropped)', () => {
    const config = loadConfig({ RELATA_AUTHZEN_DEFAULT_STORE: '01HV8V4QW3S6Y8F2N1G5K7M9PA', RELATA_AUTHZEN_BASE_URL: 'https://pdp.example.com/authz/' });
    expect(config.authzen).toEqual({ defaultStoreId: '01HV8V4QW3S6Y8F2N1G5K7M9PA', baseUrl: 'https://pdp.example.com/authz' });
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ RELATA_AUTHZEN_DEFAULT_STORE: 'my-store' })).toThrow(ConfigError);
    expect(() => loadConfig({ RELATA_AUTHZEN_DEFAULT_STORE: 'my-store' })).toThrow(/RELATA_AUTHZEN_DEFAULT_STORE/);
    for (const url of ['pdp.example.com', 'ftp://pdp.example.com', 'https://pdp.example.com/?a=1', 'https://user:pw@pdp.example.com', 'https://pdp.example.com/#x']) {
      expect(() => loadConfig({ RELATA_AUTHZEN_BASE_URL: url })).toThrow(/RELATA_AUTHZEN_BASE_URL/);
    }
  });
});
