// What a built bundle needs at run time, read by esbuild from the file itself:
// every import or require that leaves the bundle (relative chunks are followed).
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

export interface BundleImports {
  /** Bare specifiers and Node built-ins the bundle loads, e.g. `electron`, `node:fs`, `better-sqlite3`. */
  external: string[];
  /** Files of the bundle itself: the entry plus any chunks it imports. */
  files: string[];
}

export async function bundleImports(entry: string): Promise<BundleImports> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
  });
  const inputs = Object.values(result.metafile.inputs);
  const external = inputs.flatMap((input) =>
    input.imports.filter((i) => i.external).map((i) => i.original ?? i.path),
  );
  return { external: [...new Set(external)].sort(), files: Object.keys(result.metafile.inputs) };
}

const builtins = new Set(builtinModules);

export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]!);
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
