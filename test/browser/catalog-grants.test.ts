import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import {
  row,
  showContainers,
  showView,
  startUiSession,
  type UiSession,
} from '../support/ui-session';
import { scratch } from '../catalog/catalog-files';

const files = scratch();
let ui: UiSession;

beforeAll(async () => {
  ui = await startUiSession('ui-catalog', { catalogPath: files.path('app-catalog.db') });
});

afterAll(async () => {
  await ui?.close();
  files.remove();
});

describe('the catalog, in Chromium against serve mode', () => {
  it('grants an application in the matrix under a policy with CPUs and memory, launches it, and it runs with those limits', async () => {
    const { page } = ui;
    await showView(page, 'Catalog');

    await page.getByRole('tab', { name: 'Users' }).click();
    await page.locator('#new-user').fill('grace@example.org');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('tr[data-user="grace@example.org"]').waitFor();

    await page.getByRole('tab', { name: 'Applications' }).click();
    await page.locator('#new-application').fill(IMAGES.webapp);
    await page.getByRole('button', { name: 'Add application' }).click();
    await page.locator(`tr[data-image="${IMAGES.webapp}"]`).waitFor();

    await page.getByRole('tab', { name: 'Grants' }).click();
    await page.locator('#policy-license').fill('UI-LICENCE');
    await page.locator('#policy-cpus').fill('0.5');
    await page.locator('#policy-memory').fill('64');
    const cell = page.getByRole('checkbox', { name: `grace@example.org may run ${IMAGES.webapp}` });
    // The box ticks when the catalog has the grant, not before: click, then wait for it.
    await cell.click();
    await page.locator(`td[data-image="${IMAGES.webapp}"][data-granted="true"]`).waitFor();

    await showView(page, 'Launch');
    await page.getByRole('tab', { name: 'From grants' }).click();
    await page.locator('#grant-app').selectOption(IMAGES.webapp);
    await page.locator('label[data-user="grace@example.org"] input').waitFor();
    expect(await page.locator('label[data-user="grace@example.org"]').textContent()).toMatch(
      /0\.5 CPUs, 64\.0 MiB/,
    );
    await page.getByRole('button', { name: 'Launch for 1 user(s)' }).click();
    await page
      .locator('.grant-result[data-user="grace@example.org"][data-state="running"]')
      .waitFor();

    // It runs, as the grant says: the grant's id is its mapping id, the licence is in its
    // environment, its CPUs and memory are its limits.
    const [grant] = ui.env.core.catalog!.catalog.listGrants({ user: 'grace@example.org' });
    const [container] = await ui.env.docker.listContainers({
      filters: { label: [`${RUNINFO.realm}=${ui.env.realm}`] },
    });
    expect(container!.State).toBe('running');
    expect(container!.Labels[RUNINFO.mappingId]).toBe(grant!.id);
    const info = await ui.env.docker.getContainer(container!.Id).inspect();
    expect(info.Config.Env).toContain('APP_LICENSE=UI-LICENCE');
    expect([info.HostConfig.NanoCpus, info.HostConfig.Memory]).toEqual([500_000_000, 67108864]);

    await showContainers(page);
    await row(page, 'grace@example.org').waitFor();
    expect(await row(page, 'grace@example.org').getAttribute('data-state')).toBe('running');
  });

  it('shows the operator actions in the audit log', async () => {
    const { page } = ui;
    await showView(page, 'Catalog');
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.locator('tr[data-action="grant.launch"][data-result="ok"]').waitFor();
    const actions = await page
      .locator('.audit-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(['grant.launch', 'grant.add', 'application.add', 'user.add']);
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
