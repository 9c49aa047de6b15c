import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesHolding } from '../support/ssh-home';
import { startSshEngineHome, type SshEngineHome } from '../support/ssh-engine-home';
import { showView, startUiSession, type UiSession } from '../support/ui-session';

/**
 * The Engines view of serve mode, in Chromium, with SSH engines that wait
 * for the operator: an unknown host key to trust, a changed one to refuse,
 * an encrypted key's passphrase. The core runs in a HOME of the test's own.
 */

let home: SshEngineHome;
let leave: () => void;
let ui: UiSession;

beforeAll(async () => {
  home = await startSshEngineHome('ui');
  leave = home.enter();
  ui = await startUiSession('ui-ssh', {
    profiles: ['stranger', 'stale', 'locked'].map((alias) => ({
      kind: 'ssh',
      id: alias,
      name: `Over SSH (${alias})`,
      host: alias,
    })),
  });
  await showView(ui.page, 'Engines');
});

afterAll(async () => {
  await ui?.close();
  leave?.();
  await home?.close();
});

const card = (id: string) => ui.page.locator(`.engine-card[data-engine="${id}"]`);

describe('SSH engines in the Engines view, in Chromium against serve mode', () => {
  it('an unknown host key: refused, its fingerprint shown; Trust this key writes known_hosts and the engine connects', async () => {
    const stranger = card('stranger');
    const unknown = stranger.locator('.ssh-unknown-key');
    await unknown.waitFor();
    expect(await stranger.getAttribute('data-state')).toBe('unreachable');
    expect(await unknown.locator('.fingerprint').innerText()).toBe(home.sshd.fingerprint);
    const before = readFileSync(home.knownHosts, 'utf8');

    await unknown.getByRole('button', { name: 'Trust this key' }).click();
    await ui.page.locator('.engine-card[data-engine="stranger"][data-state=connected]').waitFor();
    const added = readFileSync(home.knownHosts, 'utf8').slice(before.length);
    expect(added).toBe(`[localhost]:${home.sshd.port} ${home.sshd.hostKey}\n`);
    // As ssh reads it.
    const found = execFileSync(
      'ssh-keygen',
      ['-F', `[localhost]:${home.sshd.port}`, '-f', home.knownHosts],
      { encoding: 'utf8' },
    );
    expect(found).toContain(home.sshd.hostKey);
    // The card says how the alias resolved, and with which key it signed in.
    expect(await stranger.locator('.ssh-alias').innerText()).toBe('stranger');
    expect(await stranger.locator('.ssh-target').innerText()).toBe(
      `${home.sshd.user}@localhost:${home.sshd.port}`,
    );
    expect(await stranger.locator('.ssh-identity').innerText()).toBe(
      join(home.sshDir, 'engine_key'),
    );
    expect(await stranger.locator('.ssh-need').count()).toBe(0);
  });

  it('a changed host key: refused with both fingerprints, and nothing offers to trust it', async () => {
    const stale = card('stale');
    const changed = stale.locator('.ssh-changed-key');
    await changed.waitFor();
    expect(await changed.locator('.fingerprint.presented').innerText()).toBe(home.sshd.fingerprint);
    expect(await changed.locator('.fingerprint.known').innerText()).toBe(home.staleFingerprint);
    expect(await stale.getByRole('button', { name: 'Trust this key' }).count()).toBe(0);
    expect(await stale.getAttribute('data-state')).toBe('unreachable');
  });

  it('an encrypted key: the card asks for its passphrase, refuses a wrong one, connects with the right one', async () => {
    const locked = card('locked');
    const form = locked.locator('.ssh-passphrase');
    await form.waitFor();
    expect(await form.innerText()).toContain(join(home.sshDir, 'locked_key'));
    const input = form.locator('input[type=password]');
    await input.fill('not it');
    await form.getByRole('button', { name: 'Unlock' }).click();
    await form.locator('.error-notice[data-code=VALIDATION]').waitFor();
    // Cleared from the page, right or wrong.
    expect(await input.inputValue()).toBe('');

    await input.fill(home.passphrase);
    await form.getByRole('button', { name: 'Unlock' }).click();
    await ui.page.locator('.engine-card[data-engine="locked"][data-state=connected]').waitFor();
    expect(await locked.locator('.ssh-identity').innerText()).toBe(join(home.sshDir, 'locked_key'));
    expect(filesHolding(home.passphrase, home.home)).toEqual([]);
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
