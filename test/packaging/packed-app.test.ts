// What an installer would carry: the bundle built by `npm run build` and
// packed by electron-builder itself (see pack-app.ts for the one stand-in).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleImports, isNodeBuiltin, packageName } from './bundle-imports';
import { projectDir } from './builder-config';
import { packApp, type PackedApp } from './pack-app';

interface PackageJson {
  main: string;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}

let packed: PackedApp;
let sourcePackage: PackageJson;

beforeAll(async () => {
  packed = await packApp();
  sourcePackage = JSON.parse(readFileSync(path.join(packed.project, 'package.json'), 'utf8'));
});

afterAll(() => packed?.remove());

function packedJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(packed.app, file), 'utf8')) as T;
}

/** Folders of the packed npm packages, e.g. `node_modules/ws`, `node_modules/a/node_modules/b`. */
function packedModules(): string[] {
  const modules = packed.files
    .map((file) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(file)?.[1])
    .filter((dir): dir is string => dir !== undefined);
  return [...new Set(modules)].sort();
}

/** `name@version` of the package in a folder. */
function packageId(dir: string): string {
  const { name, version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return `${name}@${version}`;
}

/**
 * The production tree as npm itself sees it, as `name@version`: electron-builder
 * hoists on its own, so the folders may differ while the packages must not.
 */
async function npmProductionPackages(): Promise<Set<string>> {
  const { stdout } = await promisify(execFile)(
    'npm',
    ['ls', '--omit=dev', '--all', '--parseable'],
    // Asked of the project itself: the packed copy reaches node_modules through a
    // link, and npm then takes the tree's own hidden lockfile as a foreign one.
    { cwd: projectDir, maxBuffer: 16 * 1024 * 1024 },
  );
  const dirs = stdout.split('\n').filter((dir) => dir && dir !== projectDir);
  return new Set(dirs.map(packageId));
}

/** The CSP a page declares in its meta tag, as directive → sources. */
function metaCsp(html: string): Map<string, string[]> {
  const tag = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  expect(tag, 'a Content-Security-Policy meta tag').not.toBeNull();
  const policy = tag![1]!
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('the packed app', () => {
  it("has package.json's main pointing at the built main bundle, packed", () => {
    const { main } = packedJson<PackageJson>('package.json');
    expect(main).toBe(sourcePackage.main);
    expect(main).toMatch(/^dist\//);
    expect(packed.files).toContain(main);
  });

  it('loads main with only electron, Node built-ins and declared production dependencies, all packed', async () => {
    const { main } = packedJson<PackageJson>('package.json');
    const { external, files } = await bundleImports(path.join(packed.app, main));
    expect(files, 'main is one self-contained file').toHaveLength(1);
    const declared = Object.keys(sourcePackage.dependencies);
    const unexpected = external.filter(
      (spec) =>
        spec !== 'electron' && !isNodeBuiltin(spec) && !declared.includes(packageName(spec)),
    );
    expect(
      unexpected,
      'imports that are neither electron, Node nor a production dependency',
    ).toEqual([]);
    const needed = [...new Set(external.filter((s) => s !== 'electron' && !isNodeBuiltin(s)))];
    expect(needed).toContain('better-sqlite3');
    for (const spec of needed) {
      expect(packed.files, `${spec} is packed`).toContain(
        `node_modules/${packageName(spec)}/package.json`,
      );
    }
    expect(packed.files).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  });

  it('has one preload file that needs nothing but electron, as a sandboxed preload must', async () => {
    const preloads = packed.files.filter((f) => /^dist\/.*preload.*\.[cm]?js$/.test(f));
    expect(preloads).toEqual(['dist/preload.cjs']);
    const { external, files } = await bundleImports(path.join(packed.app, preloads[0]!));
    expect(files).toHaveLength(1);
    expect(external).toEqual(['electron']);
    // The main bundle is what points the window at it.
    const { main } = packedJson<PackageJson>('package.json');
    expect(readFileSync(path.join(packed.app, main), 'utf8')).toContain('"preload.cjs"');
  });

  it('serves a renderer page whose CSP allows scripts only from the app, none inline', () => {
    const html = readFileSync(path.join(packed.app, 'dist/renderer/index.html'), 'utf8');
    const csp = metaCsp(html);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // The CSP comes before any script, and every script is a packed file.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body!.trim(), 'no inline script').toBe('');
      const src = /\bsrc="([^"]+)"/.exec(attrs!)![1]!;
      expect(packed.files).toContain(path.posix.join('dist/renderer', src));
    }
  });

  it('carries only the bundle and package.json of the app itself', () => {
    const own = packed.files.filter((f) => !f.startsWith('node_modules/'));
    expect(own.filter((f) => f !== 'package.json' && !f.startsWith('dist/'))).toEqual([]);
    // Built beside it by `npm run build`, for Node from a checkout: not the app's.
    expect(own.filter((f) => f.startsWith('dist/cli/'))).toEqual([]);
    expect(packed.files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))).toEqual([]);
  });

  it('carries no test, source map or dev dependency', async () => {
    const tests = packed.files.filter(
      (f) =>
        /(^|\/)(test|tests|__tests__|__mocks__)\//.test(f) ||
        /\.(test|spec)\.[cm]?[jt]sx?$/.test(f) ||
        /(^|\/)test_[^/]*\.node$/.test(f),
    );
    expect(tests).toEqual([]);
    expect(packed.files.filter((f) => f.endsWith('.map'))).toEqual([]);

    const modules = packedModules();
    const devOnly = Object.keys(sourcePackage.devDependencies ?? {}).filter((name) =>
      modules.some((dir) => dir.endsWith(`node_modules/${name}`)),
    );
    expect(devOnly, 'devDependencies in the package').toEqual([]);
    const production = await npmProductionPackages();
    const outside = modules
      .map((dir) => packageId(path.join(packed.app, dir)))
      .filter((id) => !production.has(id));
    expect(outside, 'packed packages outside npm’s production tree').toEqual([]);
  });
});
