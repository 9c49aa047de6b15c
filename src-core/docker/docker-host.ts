import Docker from 'dockerode';
import { CoreError } from '../api/errors';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface EngineConnection {
  docker: Docker;
  /** Where ports this engine publishes are reached from here. */
  ip: string;
}

/**
 * A dockerode client for a `DOCKER_HOST`-style address (`unix://`, `npipe://`
 * or plain `tcp://`), with the ip its published ports are reached on.
 */
export function connectDockerHost(host: string = `unix://${DEFAULT_SOCKET}`): EngineConnection {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw CoreError.validation('dockerHost', `"${host}" is not a Docker address`);
  }
  switch (url.protocol) {
    case 'unix:':
      return { docker: new Docker({ socketPath: url.pathname }), ip: '127.0.0.1' };
    case 'npipe:':
      return { docker: new Docker({ socketPath: host.slice('npipe://'.length) }), ip: '127.0.0.1' };
    case 'tcp:':
    case 'http:':
      return {
        docker: new Docker({
          protocol: 'http',
          host: url.hostname,
          port: Number(url.port || 2375),
        }),
        ip: url.hostname,
      };
    default:
      throw CoreError.validation('dockerHost', `unsupported scheme "${url.protocol}"`);
  }
}
