import type { ContainerPreviewView } from '../../../src-core/api/containers';
import { formatBytes } from '../../format/resources';

type Placement = Pick<ContainerPreviewView, 'resources' | 'service'>;

/** "0.5 CPU, 64.0 MiB memory", or "no limit". */
export function resourcesText({ cpus, memoryBytes }: Placement['resources']): string {
  const parts = [
    ...(cpus !== null ? [`${cpus} CPU${cpus > 1 ? 's' : ''}`] : []),
    ...(memoryBytes !== null ? [`${formatBytes(memoryBytes)} memory`] : []),
  ];
  return parts.length ? parts.join(', ') : 'no limit';
}

/**
 * One user's limits and, on a Swarm engine, the service spec the launch
 * creates as Docker receives it: collapsed, for it is long.
 */
export function PreviewPlacement({ resources, service }: Placement) {
  const limited = resources.cpus !== null || resources.memoryBytes !== null;
  return (
    <>
      <dt>Resources</dt>
      <dd className="preview-resources">
        {resourcesText(resources)}
        {service && limited && <span className="muted"> (limit and reservation)</span>}
      </dd>
      {service && (
        <>
          <dt>Service</dt>
          <dd>
            <details className="preview-service">
              <summary>Service spec</summary>
              <code className="block">{JSON.stringify(service, null, 2)}</code>
            </details>
          </dd>
        </>
      )}
    </>
  );
}
