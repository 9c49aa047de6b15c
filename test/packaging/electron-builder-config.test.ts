import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, projectDir, validateBuilderConfig } from './builder-config';

const config = await loadBuilderConfig();
const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function targetsOf(platform: 'linux' | 'win' | 'mac'): unknown {
  return config[platform]?.target;
}

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Widths of the images in a Windows .ico (a width byte of 0 means 256). */
function icoWidths(file: string): number[] {
  const ico = readFileSync(file);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
}

/** Element types in a macOS .icns (ic10 is the 1024 px image). */
function icnsTypes(file: string): string[] {
  const icns = readFileSync(file);
  expect(icns.subarray(0, 4).toString('latin1'), `${file} is an ICNS`).toBe('icns');
  const types: string[] = [];
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
    types.push(icns.subarray(at, at + 4).toString('latin1'));
  }
  return types;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema, which rejects a misspelt option', async () => {
    // loadBuilderConfig has validated the file; a typo must not pass silently.
    expect(config.appId).toBe('eu.simphony-project.remoteapp-admin');
    expect(config.productName).toBe('RemoteApp Admin');
    const misspelt = { ...config, electronFuses: { runAsNod: false } };
    await expect(validateBuilderConfig(misspelt)).rejects.toThrow(/electronFuses/);
  });

  it('flips the hardening fuses: no run-as-node, NODE_OPTIONS or --inspect; only the checked app.asar; no extra file:// privileges', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar with native modules unpacked beside it', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('rebuilds the native production dependency better-sqlite3 for Electron', () => {
    expect(config.npmRebuild).not.toBe(false);
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    expect(pkg.devDependencies['better-sqlite3']).toBeUndefined();
  });

  it('includes only package.json and the built bundle; never sources, maps or tests', () => {
    const [set] = config.files as [{ filter: string[] }];
    const includes = set.filter.filter((p) => !p.startsWith('!'));
    expect(includes.sort()).toEqual(['dist/**/*', 'package.json']);
    expect(set.filter).toEqual(
      expect.arrayContaining(['!**/*.map', '!**/{test,tests,__tests__,__mocks__}/**']),
    );
  });

  it('builds AppImage and deb on Linux, an NSIS installer on Windows and a dmg on macOS', () => {
    expect(targetsOf('linux')).toEqual(['AppImage', 'deb']);
    expect(targetsOf('win')).toEqual(['nsis']);
    expect(targetsOf('mac')).toEqual(['dmg']);
    // deb needs a maintainer; without one electron-builder stops at packaging.
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
  });

  it('has an icon for every platform at the sizes its file names promise', () => {
    const linuxIcons = path.join(projectDir, config.linux!.icon!);
    const pngs = readdirSync(linuxIcons).filter((f) => f.endsWith('.png'));
    expect(pngs).toEqual(expect.arrayContaining(['16x16.png', '256x256.png', '512x512.png']));
    for (const name of pngs) {
      const side = Number(name.split('x')[0]);
      expect(pngSize(path.join(linuxIcons, name)), name).toEqual({ width: side, height: side });
    }
    expect(icoWidths(path.join(projectDir, config.win!.icon!))).toEqual(
      expect.arrayContaining([16, 32, 48, 256]),
    );
    expect(icnsTypes(path.join(projectDir, config.mac!.icon!))).toEqual(
      expect.arrayContaining(['ic09', 'ic10']),
    );
  });

  it('`npm run dist` builds the bundle, then the installers of this platform without publishing', () => {
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder --publish never');
  });
});
