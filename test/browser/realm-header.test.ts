import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGES } from '../support/fixture-images';
import { testRealm } from '../support/test-realm';
import { row, showContainers, startUiSession, type UiSession } from '../support/ui-session';

let ui: UiSession;
const other = testRealm('ui-realm-other');

beforeAll(async () => {
  ui = await startUiSession('ui-realm');
  await Promise.all([
    ui.env.manager().startContainer({ user: 'rhea', image: IMAGES.webapp, mappingId: 'app' }),
    other.manager().startContainer({ user: 'otto', image: IMAGES.webapp, mappingId: 'app' }),
  ]);
});

afterAll(async () => {
  await ui?.close();
  await other.cleanup();
});

describe('the realm the window works on, in Chromium against serve mode', () => {
  it("names the core's realm in the header, and lists only that realm's containers", async () => {
    const { page } = ui;
    const realm = page.locator('header .brand .realm-name');
    await realm.waitFor();
    expect(await realm.innerText()).toBe(`realm ${ui.env.realm}`);
    expect(ui.env.realm).not.toBe(other.realm);
    await showContainers(page);
    await row(page, 'rhea').waitFor();
    expect(await row(page, 'otto').count()).toBe(0);
  });
});
