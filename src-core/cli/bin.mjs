#!/usr/bin/env node
// The `remoteapp-admin` command: runs the bundle that `npm run build` makes
// (dist/cli/remoteapp-admin.cjs), so that no TypeScript is compiled at each
// run. From a checkout, a bundle that is missing or older than its sources
// (after a pull, an edit) is built first, once, and the command runs the
// code as it is now.
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist', 'cli', 'remoteapp-admin.cjs');
const codeCache = `${bundle}.v8-cache`;

const modified = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;

/** Whether a file the bundle is made of (or how: the build, the installed packages) is newer than it. */
function stale() {
  const built = modified(bundle);
  const build = ['package.json', 'esbuild.config.ts', 'node_modules/.package-lock.json'];
  if (build.some((file) => modified(join(root, file)) > built)) return true;
  const sources = readdirSync(join(root, 'src-core'), { recursive: true, withFileTypes: true });
  return sources.some((f) => f.isFile() && modified(join(f.parentPath, f.name)) > built);
}

function readCodeCache() {
  try {
    return readFileSync(codeCache);
  } catch {
    return undefined;
  }
}

if (stale()) {
  process.stderr.write('remoteapp-admin: building the command line (npm run build:cli)...\n');
  const { register } = await import('tsx/esm/api');
  register();
  const { buildCli } = await import('../../esbuild.config.ts');
  await buildCli(join(root, 'dist'));
}

// Node 20 keeps no compiled code between runs (22 has module.enableCompileCache): V8's
// code cache beside the bundle spares compiling it at each run, a fifth of what `ls`
// costs beyond Node's own start. One that V8 refuses (another bundle, another Node) is
// written again, at exit, to hold the functions this run compiled.
const cachedData = readCodeCache();
const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), {
  filename: bundle,
  cachedData,
});
if (!cachedData || script.cachedDataRejected)
  process.once('exit', () => {
    try {
      writeFileSync(`${codeCache}.${process.pid}`, script.createCachedData());
      renameSync(`${codeCache}.${process.pid}`, codeCache);
    } catch {
      // A checkout this user cannot write to: the next run compiles again.
    }
  });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
