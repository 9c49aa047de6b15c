import { describe, expect, it } from 'vitest';
import { restricted } from '../support/lint';

describe('electron lint floors', () => {
  it('rejects a preload file importing a main process file', async () => {
    const code =
      "import { APP_SCHEME } from '../main/app-protocol';\nexport const s = APP_SCHEME;\n";
    expect(await restricted('electron/preload/x.ts', code)).toEqual([
      expect.stringContaining('main process'),
    ]);
  });

  it('rejects a main process file importing a preload file', async () => {
    const code =
      "import { createBridge } from '../preload/contract-bridge';\nexport const b = createBridge;\n";
    expect(await restricted('electron/main/x.ts', code)).toEqual([
      expect.stringContaining('preload'),
    ]);
  });

  it('rejects a preload import of src-core beyond the contract', async () => {
    const code = "import type { Host } from '../../src-core/host/host';\nexport type H = Host;\n";
    expect(await restricted('electron/preload/x.ts', code)).toEqual([
      expect.stringContaining('src-core/api'),
    ]);
  });

  it('passes the imports each process is meant to make', async () => {
    const preload =
      "import { BRIDGE_KEY } from '../../src-core/api/bridge';\nimport { createBridge } from './contract-bridge';\nexport const p = [BRIDGE_KEY, createBridge];\n";
    const main =
      "import type { Host } from '../../src-core/host/host';\nimport { isOwnPage } from './url-policy';\nexport const m: [Host?, unknown?] = [undefined, isOwnPage];\n";
    expect(await restricted('electron/preload/x.ts', preload)).toEqual([]);
    expect(await restricted('electron/main/x.ts', main)).toEqual([]);
  });
});
