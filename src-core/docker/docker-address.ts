import { CoreError } from '../api/errors';
import type { SocketProfile, SshAuth, SshProfile, TcpProfile, TlsFiles } from './engine-profile';

export type AddressProfile = SocketProfile | TcpProfile | SshProfile;

/**
 * A docker CLI address (`unix://`, `npipe://`, `tcp://`, `ssh://`, or a bare
 * `host:port`) as a concrete profile. `tls` applies to tcp only.
 */
export function profileFromAddress(
  address: string,
  field: string,
  options: { tls?: TlsFiles; ssh?: SshAuth } = {},
): AddressProfile {
  const text = address.includes('://') ? address : `tcp://${address}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw CoreError.validation(field, `"${address}" is not a Docker address`);
  }
  switch (url.protocol) {
    case 'unix:':
      return { kind: 'socket', ...(url.pathname && { path: decodeURIComponent(url.pathname) }) };
    case 'npipe:':
      // npipe:////./pipe/docker_engine: the pipe path follows the scheme.
      return { kind: 'socket', path: text.slice('npipe://'.length) || '//./pipe/docker_engine' };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      if (!url.hostname) throw CoreError.validation(field, `"${address}" names no host`);
      const tls = options.tls;
      return {
        kind: 'tcp',
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: Number(url.port || (tls ? 2376 : 2375)),
        ...(tls && { tls }),
      };
    }
    case 'ssh:':
      if (!url.hostname) throw CoreError.validation(field, `"${address}" names no host`);
      return {
        kind: 'ssh',
        host: url.hostname.replace(/^\[|\]$/g, ''),
        ...(url.port && { port: Number(url.port) }),
        // Without one, ~/.ssh/config's User, as ssh would.
        ...(url.username && { user: decodeURIComponent(url.username) }),
        ...options.ssh,
      };
    default:
      throw CoreError.validation(field, `unsupported scheme "${url.protocol}" in "${address}"`);
  }
}
