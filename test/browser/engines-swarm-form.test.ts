import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { startSwarm, type TestSwarm } from '../support/swarm';
import { showView, startUiSession, type UiSession } from '../support/ui-session';

let swarm: TestSwarm;
let ui: UiSession;
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-ui-swarm-form-'));
const enginesPath = join(configDir, 'engines.json');
const saved = (id: string) =>
  (JSON.parse(readFileSync(enginesPath, 'utf8')).engines as Array<{ id: string }>).find(
    (e) => e.id === id,
  );

beforeAll(async () => {
  // No image is launched here: the nodes need none.
  swarm = await startSwarm({ images: [] });
  ui = await startUiSession('ui-swarm-form', { enginesPath });
  await showView(ui.page, 'Engines');
}, 180_000);

afterAll(async () => {
  await ui?.close();
  await swarm?.close();
  rmSync(configDir, { recursive: true, force: true });
}, 60_000);

const form = () => ui.page.locator('form.add-engine');
const card = (id: string) => ui.page.locator(`.engine-card[data-engine="${id}"]`);
const probeSwarm = (text: string) =>
  form().locator('.engine-test-result .probe-swarm', { hasText: text });

/** A node's socket as an operator enters it, with the Docker Swarm group unfolded. */
async function enterSocket(id: string, socketPath: string, mode: string) {
  await form().locator('#engine-kind').selectOption('socket');
  await form().locator('#engine-name').fill(id);
  await form().locator('#engine-id').fill(id);
  await form().locator('#engine-path').fill(socketPath);
  const group = form().locator('details.swarm-group');
  if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
  await form().locator('#engine-mode').selectOption(mode);
}

const click = (name: string) => form().getByRole('button', { name, exact: true }).click();

describe('the Engines form on a real two-node Swarm (Chromium, serve mode)', () => {
  it("Test on the manager's socket says it is a manager, its nodes, and what launches make", async () => {
    await enterSocket('manager', swarm.manager.socketPath, '');
    await click('Test');
    await probeSwarm('Swarm manager').waitFor();
    expect(await probeSwarm('Swarm manager').innerText()).toBe(
      'Swarm manager, 2 nodes: launches will make services',
    );
  });

  it('refuses a bad node-address line and a bad address at the field, naming the line', async () => {
    await enterSocket('manager', swarm.manager.socketPath, 'containers');
    const addresses = form().locator('#engine-nodeAddresses');
    const error = form().locator('#engine-nodeAddresses-error');
    await addresses.fill(`${swarm.worker.hostname}=${swarm.worker.address}\nworker-9 10.0.0.9`);
    await click('Add');
    expect(await error.innerText()).toBe('line 2: write hostname=IP, such as worker-7=10.0.3.7');
    expect(await addresses.getAttribute('aria-invalid')).toBe('true');

    // The address itself is the contract's to judge: its error comes back to the line.
    await addresses.fill(`\n${swarm.worker.hostname}=10.0.0.999`);
    await click('Add');
    expect(await error.innerText()).toBe(
      `line 2 (${swarm.worker.hostname}): must be an IP address (such as 127.0.0.1 or ::1)`,
    );

    await form().locator('#engine-placementTimeout').fill('0');
    await click('Add');
    expect(await form().locator('#engine-placementTimeout-error').innerText()).toBe(
      'must be a whole number of seconds from 1 to 3600',
    );
    expect(await card('manager').count()).toBe(0);
    // The unfolded group, a refusal showing, reads as well as the rest of the form.
    expect(await seriousViolations(ui.page)).toEqual([]);
  });

  it('adds the manager in containers mode: its card says so, and engines.json keeps the Swarm fields', async () => {
    await form()
      .locator('#engine-nodeAddresses')
      .fill(`${swarm.worker.hostname}=${swarm.worker.address}`);
    await form().locator('#engine-placementTimeout').fill('120');
    await click('Add');
    await ui.page.locator('.engine-card[data-engine="manager"][data-state=connected]').waitFor();
    expect(await card('manager').locator('.swarm-summary').innerText()).toBe(
      'containers on the manager alone, 2 nodes, 1 manager',
    );
    expect(saved('manager')).toEqual({
      kind: 'socket',
      id: 'manager',
      name: 'manager',
      path: swarm.manager.socketPath,
      mode: 'containers',
      placementTimeoutSeconds: 120,
      nodeAddresses: { [swarm.worker.hostname]: swarm.worker.address },
    });
  });

  it('the worker asked for Swarm services: Test says to choose Containers, and its card says why it is refused', async () => {
    await enterSocket('worker', swarm.worker.socketPath, 'services');
    await click('Test');
    await probeSwarm('Swarm worker').waitFor();
    expect(await probeSwarm('Swarm worker').innerText()).toBe(
      'Swarm worker: Swarm services need a manager, choose Containers',
    );
    await click('Add');
    const refusal = card('worker').locator('.engine-error', { hasText: 'needs a Swarm manager' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('this engine is a Swarm worker');
    expect(saved('worker')).toMatchObject({ mode: 'services' });
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
