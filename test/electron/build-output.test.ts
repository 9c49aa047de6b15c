import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-core/api/csp';
import { CALL_NAMES, EVENT_NAMES } from '../../src-core/api/contract';
import { buildElectron } from '../../esbuild.config';
import { APP_PAGE_URL, appProtocolHandler } from '../../electron/main/app-protocol';

const ROOT = join(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'remoteapp-build-'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Every module a CommonJS bundle asks `require` for. */
function required(source: string): string[] {
  return [
    ...new Set([...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!)),
  ];
}

beforeAll(async () => {
  // The same two steps as `npm run build`, into a folder of the test's own.
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: join(out, 'renderer'), emptyOutDir: true },
  });
  await buildElectron(out);
}, 120_000);

describe('npm run build', () => {
  it('puts main, preload and the renderer in one folder, the one package.json and electron-builder use', () => {
    expect(readdirSync(out).sort()).toEqual(['main.cjs', 'preload.cjs', 'renderer']);
    expect(pkg.main).toBe('dist/main.cjs');
    expect(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')).toMatch(
      /^\s*- dist\/\*\*\/\*$/m,
    );
  });

  it('bundles the preload into one file that requires only electron', () => {
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    expect(required(preload)).toEqual(['electron']);
    expect(preload).not.toMatch(/\bimport\s*\(/);
  });

  it('runs that preload as a sandboxed one would: exposes one allow-listed object', () => {
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    const exposed: Array<[string, Record<string, unknown>]> = [];
    const asked: string[] = [];
    // The sandbox's `require` gives only `electron` (here a stand-in with the two APIs the preload uses).
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]),
      },
      ipcRenderer: { invoke: async () => ({ ok: true, result: null }), on: () => undefined },
    };
    runInNewContext(preload, {
      require: (name: string) => {
        asked.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return electron;
      },
      module: { exports: {} },
      exports: {},
    });
    expect(asked).toEqual(['electron']);
    expect(exposed).toHaveLength(1);
    expect(exposed[0]![0]).toBe('remoteapp');
    expect(Object.keys(exposed[0]![1]).sort()).toEqual(['invoke', 'on']);
    // The contract's names were written in, not its schemas.
    for (const name of [...CALL_NAMES, ...EVENT_NAMES]) expect(preload).toContain(`"${name}"`);
    expect(preload).not.toContain('ZodError');
  });

  it('bundles main with only electron, Node built-ins and production dependencies left to require', () => {
    const main = readFileSync(join(out, 'main.cjs'), 'utf8');
    const allowed = new Set(['electron', ...builtinModules, ...Object.keys(pkg.dependencies)]);
    // A subpath (`csv-parse/sync`) is its package's: `csv-parse`, or `@scope/name`.
    const packageOf = (name: string) => name.replace(/^node:/, '').match(/^(@[^/]+\/)?[^/]+/)![0];
    const outside = required(main).filter((name) => !allowed.has(packageOf(name)));
    expect(outside).toEqual([]);
    expect(required(main)).toContain('electron');
  });

  it('has main register the app:// scheme and load the page from it, not from a file URL', () => {
    const main = readFileSync(join(out, 'main.cjs'), 'utf8');
    expect(main).toContain('registerSchemesAsPrivileged');
    expect(main).toMatch(/protocol\.handle\(/);
    expect(main).not.toContain('pathToFileURL');
  });

  it('builds the renderer page with the strict CSP first and no inline script', () => {
    const html = readFileSync(join(out, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta?.[1]?.replace(/&#39;/g, "'")).toBe(CONTENT_SECURITY_POLICY);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\.\/assets\/[^"]+\.js"/);
      expect(body!.trim()).toBe('');
    }
  });

  it('loads under the app:// scheme: every URL the page names resolves to a built file of the right type', async () => {
    const renderer = join(out, 'renderer');
    const serve = appProtocolHandler(renderer);
    const html = readFileSync(join(renderer, 'index.html'), 'utf8');
    const named = [...html.matchAll(/<(script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)];
    expect(named.map(([, tag]) => tag)).toContain('script');
    for (const [, tag, ref] of named) {
      const url = new URL(ref!, APP_PAGE_URL);
      expect(url.href, ref).toMatch(/^app:\/\/remoteapp\/assets\//);
      const res = await serve(new Request(url));
      expect(res.status, ref).toBe(200);
      if (tag === 'script')
        expect(res.headers.get('content-type'), ref).toBe('text/javascript; charset=utf-8');
    }
    // And every file of the build is served, none as an unknown type.
    const files = readdirSync(renderer, { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    );
    for (const file of files) {
      const path = relative(renderer, join(file.parentPath, file.name)).split(sep).join('/');
      const res = await serve(new Request(`app://remoteapp/${path}`));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).not.toBe('application/octet-stream');
    }
  });

  it('has a CSP without inline code, eval or outside sources', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
  });
});
