import type Docker from 'dockerode';

export interface LoggedRequest {
  method: string;
  path: string;
  options: unknown;
}

/** Records every Docker API request a client makes, by wrapping its modem. */
export function logRequests(docker: Docker): LoggedRequest[] {
  const log: LoggedRequest[] = [];
  const modem = docker.modem as unknown as {
    dial: (opts: Record<string, unknown>, cb: unknown) => unknown;
  };
  const dial = modem.dial.bind(modem);
  modem.dial = (opts, cb) => {
    log.push({ method: String(opts.method), path: String(opts.path), options: opts.options });
    return dial(opts, cb);
  };
  return log;
}
