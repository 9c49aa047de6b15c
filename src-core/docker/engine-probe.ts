import { failureText } from './docker-error';
import { resolveEndpoint } from './engine-endpoint';
import { engineUnreachable } from './docker-error';
import { defaultEngineId, validateProfile, type EngineProfile } from './engine-profile';
import { swarmRole, type SwarmInfo, type SwarmRole } from './swarm-role';
import { within } from '../util/within';

export interface EngineProbe {
  id: string;
  name: string;
  endpoint: string;
  ip: string;
  dockerId: string | null;
  dockerVersion: string | null;
  apiVersion: string | null;
  os: string | null;
  latencyMs: number;
  swarm: SwarmRole;
}

/**
 * Connects with a profile once, without registering it: ping, then the
 * daemon's version and info (with its Swarm role). Bad fields and unreadable files are VALIDATION;
 * anything on the way to a working daemon is ENGINE_UNREACHABLE naming the
 * engine and the cause, after at most `timeoutMs` per request.
 */
export async function probeEngine(profile: EngineProfile, timeoutMs = 5_000): Promise<EngineProbe> {
  validateProfile(profile);
  const id = profile.id ?? defaultEngineId(profile);
  const endpoint = resolveEndpoint(profile);
  const label = { id, name: profile.name ?? id, endpoint: endpoint.endpoint };
  try {
    const started = performance.now();
    await within(timeoutMs, '_ping', endpoint.docker.ping());
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const [version, info] = await Promise.all([
      within(timeoutMs, 'GET /version', endpoint.docker.version()),
      within(
        timeoutMs,
        'GET /info',
        endpoint.docker.info() as Promise<{ ID?: string; Swarm?: SwarmInfo }>,
      ),
    ]);
    return {
      ...label,
      ip: endpoint.ip,
      dockerId: info.ID ?? null,
      dockerVersion: version.Version ?? null,
      apiVersion: version.ApiVersion ?? null,
      os: version.Os ? `${version.Os}/${version.Arch}` : null,
      latencyMs,
      swarm: swarmRole(info.Swarm),
    };
  } catch (error) {
    throw engineUnreachable(label, failureText(error), (error as { code?: string }).code);
  } finally {
    endpoint.close();
  }
}
