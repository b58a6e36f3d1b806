import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { httpCorsOrigins } from './http.js';

const fail = (message: string) => new ConfigError(message);
const withKeys = { RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: 'a-preshared-key-0123456789' };

describe('RELATA_HTTP_CORS_ORIGINS', () => {
  it('is off by default and reads a comma list of exact origins', () => {
    expect(loadConfig({}).httpCorsOrigins).toEqual([]);
    expect(httpCorsOrigins(' https://app.example.com, http://localhost:3000 ,https://app.example.com', false, fail)).toEqual(['https://app.example.com', 'http://localhost:3000']);
  });

  it.each([
    ['https://app.example.com/', /not an origin/],
    ['https://app.example.com/path', /not an origin/],
    ['HTTPS://APP.EXAMPLE.COM', /not an origin/],
    ['https://app.example.com:443', /not an origin/],
    ['app.example.com', /not an origin/],
    ['null', /not an origin/],
    ['ftp://files.example.com', /not an origin/],
    ['https://user:pw@app.example.com', /not an origin/],
    ['https://a.example,*', /cannot be combined/],
  ])('refuses %s naming the variable', (value, message) => {
    expect(() => loadConfig({ RELATA_HTTP_CORS_ORIGINS: value, ...withKeys })).toThrow(/RELATA_HTTP_CORS_ORIGINS/);
    expect(() => httpCorsOrigins(value, true, fail)).toThrow(/RELATA_HTTP_CORS_ORIGINS/);
    expect(() => httpCorsOrigins(value, true, fail)).toThrow(message);
  });

  it('allows * only when calls need credentials', () => {
    expect(() => loadConfig({ RELATA_HTTP_CORS_ORIGINS: '*' })).toThrow(/RELATA_HTTP_CORS_ORIGINS=\* needs authentication/);
    expect(() => loadConfig({ RELATA_HTTP_CORS_ORIGINS: '*', RELATA_AUTHN_METHOD: 'none' })).toThrow(ConfigError);
    expect(loadConfig({ RELATA_HTTP_CORS_ORIGINS: '*', ...withKeys }).httpCorsOrigins).toBe('*');
  });

  it('bounds the list', () => {
    const many = Array.from({ length: 101 }, (_, i) => `https://a${i}.example`).join(',');
    expect(() => httpCorsOrigins(many, false, fail)).toThrow(/at most 100/);
  });
});
