import { waitForHttp2xx } from '../../src-core/proxy/readiness-probe';
import { startChp } from '../../test/proxy/support/chp-process';

export interface ChpReference {
  origin: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * configurable-http-proxy from npm (what fronts simphony-remote and
 * JupyterHub) as its own process, with its defaults, routing `prefix` to
 * `target` through its REST API: the proxy the embedded one replaces.
 */
export async function startChpReference(prefix: string, target: string): Promise<ChpReference> {
  const chp = await startChp();
  try {
    const added = await chp.api('POST', prefix, { target });
    if (added.status !== 201)
      throw new Error(`configurable-http-proxy refused the route: ${added.status}`);
    await waitForHttp2xx(`${chp.publicUrl}${prefix}/`, { timeoutMs: 10_000 });
  } catch (error) {
    await chp.stop();
    throw error;
  }
  return { origin: chp.publicUrl, pid: chp.pid, stop: chp.stop };
}
