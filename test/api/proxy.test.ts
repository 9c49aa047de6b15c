import { describe, expect, it } from 'vitest';
import { proxySettings } from '../../src-core/api/proxy';
import { parseOrThrow } from '../../src-core/api/validation';
import { settingsOrigin } from '../../src-core/proxy/proxy-url';

const chp = { apiUrl: 'http://127.0.0.1:8001', publicUrl: 'http://127.0.0.1:8000', token: 't' };

function refusal(input: unknown) {
  try {
    parseOrThrow(proxySettings, input);
  } catch (error) {
    return (error as { code: string; details: unknown }).code === 'VALIDATION'
      ? (error as { details: unknown }).details
      : error;
  }
  throw new Error('accepted');
}

describe('proxy settings', () => {
  it('default to the embedded proxy on 127.0.0.1:8470, the address every front end prints', () => {
    const settings = parseOrThrow(proxySettings, {});
    expect(settings).toEqual({
      backend: 'embedded',
      host: '127.0.0.1',
      port: 8470,
      readyTimeoutSeconds: 30,
      chp: null,
    });
    expect(settingsOrigin(settings)).toBe('http://127.0.0.1:8470');
    expect(settingsOrigin({ ...settings, host: '::1' })).toBe('http://[::1]:8470');
    expect(settingsOrigin({ ...settings, backend: 'chp', chp })).toBe('http://127.0.0.1:8000');
  });

  it('name the field and the reason when refused', () => {
    expect(refusal({ host: '0.0.0.0' })).toEqual({
      field: 'host',
      reason: 'must be a loopback address (127.0.0.1, ::1 or localhost)',
    });
    expect(refusal({ port: 70000 })).toEqual({ field: 'port', reason: 'must be 1 to 65535' });
    expect(refusal({ port: 80.5 })).toEqual({ field: 'port', reason: 'must be an integer' });
    expect(refusal({ readyTimeoutSeconds: 0 })).toEqual({
      field: 'readyTimeoutSeconds',
      reason: 'must be at least 1',
    });
    expect(refusal({ backend: 'chp' })).toEqual({
      field: 'chp',
      reason: 'is required when backend is "chp"',
    });
    expect(refusal({ backend: 'chp', chp: { ...chp, apiUrl: 'file:///etc/passwd' } })).toEqual({
      field: 'chp.apiUrl',
      reason: 'must be an http(s) URL without credentials',
    });
    expect(refusal({ backend: 'chp', chp: { ...chp, publicUrl: 'http://u:p@h/' } })).toEqual({
      field: 'chp.publicUrl',
      reason: 'must be an http(s) URL without credentials',
    });
    expect(refusal({ backend: 'chp', chp: { ...chp, token: '' } })).toEqual({
      field: 'chp.token',
      reason: 'must not be empty',
    });
  });
});
