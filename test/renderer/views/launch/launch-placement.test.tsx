import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../../src-core/api/client';
import { PREVIEW_RANDOM } from '../../../../src-core/api/containers';
import type { Engines } from '../../../../src-core/engines/engine-registry';
import { directUrls } from '../../../../src-core/host/container-urls';
import { createHost, type Host } from '../../../../src-core/host/host';
import { inProcessTransport } from '../../../../src-core/host/in-process-transport';
import { planService } from '../../../../src-core/realm/service-plan';
import { validateStartRequest, type StartRequest } from '../../../../src-core/realm/start-request';
import { launchForUsers } from '../../../../renderer/store/actions';
import { createAppStore } from '../../../../renderer/store/app-store';
import {
  checkForm,
  constraintsError,
  EMPTY_FORM,
  launchSettings,
} from '../../../../renderer/views/launch/launch-form';
import { PreviewPlacement } from '../../../../renderer/views/launch/preview-placement';
import { realmContainer } from '../../../support/realm-container';
import { memoryStorage } from '../../store/fixtures';

const MIB = 1024 ** 2;
const form = {
  ...EMPTY_FORM,
  users: 'ann',
  image: 'remoteapp-test/webapp:1',
  engine: 'swarm',
  cpus: '0.5',
  memory: '1.5',
  memoryUnit: 'GiB' as const,
  constraints: 'node.role==worker,\n node.labels.zone==a\n',
};

let host: Host | undefined;
afterEach(() => host?.close());

/**
 * A window's contract on a real host whose engine is a Swarm engine that
 * runs services, faked below the manager: its launches are recorded, its
 * previews are the real service plan of the request.
 */
function windowOnSwarm() {
  const started: StartRequest[] = [];
  const manager = {
    async previewContainer(request: StartRequest) {
      const { plan, spec } = planService(
        'remoteexec',
        validateStartRequest(request),
        PREVIEW_RANDOM,
        10,
      );
      return { plan, binds: [], replaces: null, service: spec };
    },
  };
  const engines = {
    realm: 'remoteexec',
    onEngine: () => () => {},
    onContainer: () => () => {},
    manager: () => manager,
    planEngines: (engine: string, launches: unknown[]) =>
      launches.map(() => ({ engine, alsoOn: [] })),
  } as unknown as Engines;
  const launcher = {
    async launch(_choice: string, request: StartRequest) {
      started.push(request);
      return { engine: 'swarm', container: realmContainer('svc-1'), skippedVolumes: [] };
    },
  };
  host = createHost({ engines, launcher, urls: directUrls });
  const contract = createClient(
    inProcessTransport(host, { transport: 'in-process', label: 'test' }),
  );
  return { contract, started };
}

describe("the launch form's resources and placement", () => {
  it('sends CPUs, memory (in bytes, from GiB) and each constraint; the core starts with them', async () => {
    expect(checkForm(form)).toEqual({});
    const settings = launchSettings(form);
    expect(settings).toMatchObject({
      cpus: 0.5,
      memory: 1536 * MIB,
      constraints: ['node.role==worker', 'node.labels.zone==a'],
    });

    const { contract, started } = windowOnSwarm();
    const store = createAppStore(memoryStorage());
    const [outcome] = await launchForUsers(store, contract, ['ann'], settings, 'webapp');
    expect(outcome!.ok).toBe(true);
    expect(started[0]).toMatchObject({
      resources: { NanoCpus: 5e8, Memory: 1536 * MIB },
      constraints: ['node.role==worker', 'node.labels.zone==a'],
    });
  });

  it('shows what is wrong at each field: not a number, too little memory, a bad constraint', () => {
    const errors = checkForm({
      ...form,
      cpus: 'half',
      memory: '2',
      memoryUnit: 'MiB',
      constraints: 'node.role==worker\nzone a',
    });
    expect(errors.cpus).toBe('must be a number');
    expect(errors.memory).toBe("must be at least 6 MiB (6291456 bytes), Docker's minimum");
    expect(constraintsError(errors)).toMatch(/^constraint 2: is not a placement constraint/);
    // An engine of plain containers refuses the list itself, as the core names it.
    expect(constraintsError({ constraints: 'placement constraints need a Swarm engine' })).toBe(
      'placement constraints need a Swarm engine',
    );
  });

  it("shows the preview's limits, and the service spec a Swarm engine's launch creates", async () => {
    const { contract } = windowOnSwarm();
    const { containers } = await contract.call('containers.preview', {
      ...launchSettings(form),
      users: ['ann'],
    });
    const [entry] = containers;
    const html = renderToStaticMarkup(
      <dl>
        <PreviewPlacement resources={entry!.resources} service={entry!.service} />
      </dl>,
    );
    const text = html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"');
    expect(text).toContain('Resources0.5 CPU, 1.5 GiB memory (limit and reservation)');
    expect(html).toMatch(/<details class="preview-service"><summary>Service spec<\/summary>/);
    const spec = JSON.parse(text.slice(text.indexOf('Service spec') + 'Service spec'.length));
    expect(spec.TaskTemplate.Resources).toEqual({
      Limits: { NanoCPUs: 5e8, MemoryBytes: 1536 * MIB },
      Reservations: { NanoCPUs: 5e8, MemoryBytes: 1536 * MIB },
    });
    expect(spec.TaskTemplate.Placement).toEqual({
      Constraints: ['node.role==worker', 'node.labels.zone==a'],
    });
  });

  it('shows no service spec for an engine of plain containers, and no limit when none is set', () => {
    const html = renderToStaticMarkup(
      <dl>
        <PreviewPlacement resources={{ cpus: null, memoryBytes: null }} service={null} />
      </dl>,
    );
    expect(html.replace(/<[^>]+>/g, '')).toBe('Resourcesno limit');
  });
});
