import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, eslint, restricted } from '../support/lint';

const importOf = (from: string) => `import * as x from '${from}';\nexport const y = x;\n`;

describe('src-core lint floors', () => {
  it.each([
    ['docker', '../realm/container-manager'],
    ['docker', '../engines/engine-registry'],
    ['realm', '../engines/launcher'],
    ['realm', '../proxy/proxy-service'],
    ['engines', '../catalog/catalog'],
    ['proxy', '../catalog/catalog-service'],
    ['catalog', '../proxy/proxy-service'],
    ['catalog', '../host/host'],
    ['host', '../cli/cli'],
    ['api', '../docker/docker-error'],
  ])('rejects src-core/%s importing %s', async (folder, from) => {
    expect(await restricted(`src-core/${folder}/x.ts`, importOf(from))).toEqual([
      expect.stringContaining(`src-core/${folder} must not import a floor above it`),
    ]);
  });

  it('rejects a node: import in the contract, which the renderer loads too', async () => {
    expect(await restricted('src-core/api/x.ts', importOf('node:fs'))).toEqual([
      expect.stringContaining('no node: imports'),
    ]);
  });

  it('passes imports from the floors below and from the same folder', async () => {
    for (const [folder, from] of [
      ['docker', '../api/errors'],
      ['realm', '../docker/docker-error'],
      ['engines', '../realm/container-manager'],
      ['catalog', '../engines/launcher'],
      ['host', '../proxy/proxy-service'],
      ['cli', '../serve/serve-server'],
      ['engines', './engine-load'],
    ])
      expect(await restricted(`src-core/${folder}/x.ts`, importOf(from!))).toEqual([]);
  });

  it('places every folder of src-core on a floor', async () => {
    // A folder left off the list would import anything unchecked.
    for (const folder of readdirSync(join(ROOT, 'src-core'))) {
      const messages = await restricted(`src-core/${folder}/x.ts`, importOf('../nowhere/x'));
      const config = await eslint.calculateConfigForFile(join(ROOT, `src-core/${folder}/x.ts`));
      const [, options] = config.rules['no-restricted-imports'];
      expect(messages).toEqual([]);
      expect(JSON.stringify(options), folder).toContain('must not import a floor above it');
    }
  });
});

describe('the one launch sequence', () => {
  const reserving =
    "export function launch(engines: { reserveEngines(c: string, l: never[]): unknown }) {\n  return engines.reserveEngines('any', []);\n}\n";

  it('refuses a reservation taken outside the launcher', async () => {
    const [result] = await eslint.lintText(reserving, {
      filePath: join(ROOT, 'src-core/host/x.ts'),
    });
    expect(result!.messages.map((m) => m.message)).toEqual([
      expect.stringContaining('Launches go through the Launcher'),
    ]);
  });

  it('lets the launcher take them', async () => {
    const [result] = await eslint.lintText(reserving, {
      filePath: join(ROOT, 'src-core/engines/launcher.ts'),
    });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax')).toEqual([]);
  });
});
