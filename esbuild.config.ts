/**
 * Bundles the desktop app's main process and preload into dist/, beside the
 * renderer that vite builds there: the folder electron-builder packs. With
 * `cli`, bundles the command line into dist/cli/ instead.
 */
import { mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { CALL_NAMES, EVENT_NAMES } from './src-core/api/contract';

const common = {
  bundle: true,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
} as const;

export async function buildElectron(outdir = 'dist'): Promise<void> {
  await Promise.all([
    // Main: the core bundled in; npm dependencies stay packages (electron-builder ships them).
    build({
      ...common,
      entryPoints: [join(import.meta.dirname, 'electron/main/main.ts')],
      outfile: join(outdir, 'main.cjs'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
    }),
    // Preload: one CommonJS file that requires only `electron`, as a sandboxed preload must.
    build({
      ...common,
      entryPoints: [join(import.meta.dirname, 'electron/preload/preload.ts')],
      outfile: join(outdir, 'preload.cjs'),
      platform: 'browser',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
      // The contract's names only, not its schemas.
      define: {
        CONTRACT_CALLS: JSON.stringify(CALL_NAMES),
        CONTRACT_EVENTS: JSON.stringify(EVENT_NAMES),
      },
    }),
  ]);
}

// Pure JavaScript read at every start: one file of the bundle loads faster than its many
// files do (zod, dockerode), and p-limit is ESM only, which require() cannot take on Node 20.
const CLI_BUNDLED = ['zod', 'p-limit', 'dockerode'];

// What bundled dockerode loads at start but a command uses in few runs, if any, each
// loaded at its first use instead: BuildKit's session (gRPC and protobufjs, ~100 ms; we
// never build with BuildKit), build contexts (tar-fs, .dockerignore), and docker-modem's
// SSH agent (ssh2, for ssh:// engines) and duplex stream (attach and exec).
const DEFERRED: Array<{ importer: string; request: string }> = [
  { importer: '/node_modules/dockerode/lib/docker.js', request: './session' },
  { importer: '/node_modules/dockerode/lib/util.js', request: 'tar-fs' },
  { importer: '/node_modules/dockerode/lib/util.js', request: '@balena/dockerignore' },
  { importer: '/node_modules/docker-modem/lib/modem.js', request: './ssh' },
  { importer: '/node_modules/docker-modem/lib/modem.js', request: './http_duplex' },
];

/** Each deferred module becomes a stand-in that loads it when first called, constructed or read. */
const deferModules: Plugin = {
  name: 'defer-modules',
  setup(build) {
    build.onResolve({ filter: /.*/ }, ({ path, importer, namespace, resolveDir }) => {
      if (namespace === 'deferred') return undefined;
      const from = importer.replaceAll('\\', '/');
      const deferred = DEFERRED.some((d) => d.request === path && from.endsWith(d.importer));
      return deferred ? { path, namespace: 'deferred', pluginData: resolveDir } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'deferred' }, ({ path, pluginData }) => ({
      contents: `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(path)}));
module.exports = new Proxy(function () {}, {
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  construct: (_, args) => Reflect.construct(load(), args),
  get: (_, key) => load()[key],
});`,
      resolveDir: pluginData as string,
      loader: 'js',
    }));
  },
};

/** Where `npm run build` puts the command line, which `src-core/cli/bin.mjs` runs. */
export const CLI_BUNDLE = join('cli', 'remoteapp-admin.cjs');

/**
 * The command line as one CommonJS file: no TypeScript compiled at each run,
 * and what a command does not use (serve mode, the proxy, the catalog, SSH)
 * loaded only by the commands that do, where the source imports it with
 * `import()`. Its modification time is the build's start, so that a source
 * saved while it builds still counts as newer. Written under a temporary
 * name and renamed: a command starting meanwhile reads the old file or the
 * new one, whole.
 */
export async function buildCli(outdir = 'dist'): Promise<void> {
  const started = new Date();
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8'));
  const outfile = join(outdir, CLI_BUNDLE);
  const { outputFiles } = await build({
    ...common,
    entryPoints: [join(import.meta.dirname, 'src-core/cli/main.ts')],
    outfile,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: [
      ...Object.keys(pkg.dependencies).filter((name) => !CLI_BUNDLED.includes(name)),
      // What BuildKit's session and builds load: packages of dockerode's, never read at start.
      '@grpc/grpc-js',
      '@grpc/proto-loader',
      'protobufjs',
    ],
    plugins: [deferModules],
    // import() of a package becomes require(): the bin runs the bundle as a vm script,
    // which has no module loader.
    supported: { 'dynamic-import': false },
    // dist/cli/ is as deep as src-core/cli/: paths made from the module's URL hold.
    define: { 'import.meta.url': '__moduleUrl' },
    banner: { js: "const __moduleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  mkdirSync(dirname(outfile), { recursive: true });
  const temporary = `${outfile}.${process.pid}.tmp`;
  writeFileSync(temporary, outputFiles[0]!.contents);
  utimesSync(temporary, started, started);
  renameSync(temporary, outfile);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await (process.argv[2] === 'cli' ? buildCli() : buildElectron());
