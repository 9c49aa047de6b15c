// Packs the app the way `npm run dist` does, short of the downloads: a copy of
// the working tree runs `npm run build`, then electron-builder itself packs it
// (its file matching, its production-dependency collection, its asar) with
// the `dir` target, which makes no installer. Electron's binary cannot be
// downloaded here, so a stand-in directory holding an empty `electron` file
// takes its place (the one fake). With no real binary, the fuses (flipped in
// that binary) and the rebuild for Electron's ABI (which downloads Electron's
// headers) are off for this run only: the configuration test checks them, and
// CI's e2e job packs with both.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractAll } from '@electron/asar';
import { Platform, archFromString, build } from 'electron-builder';
import { projectDir } from './builder-config';

const run = promisify(execFile);

export interface PackedApp {
  /** The project copy that was built and packed. */
  project: string;
  /** The app as Electron would see it: app.asar extracted, unpacked files included. */
  app: string;
  /** Every file in `app`, relative, with forward slashes. */
  files: string[];
  remove(): void;
}

/** The working tree's files as git sees them: tracked and new, never ignored ones. */
async function workingTreeFiles(): Promise<string[]> {
  const { stdout } = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: projectDir,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout.split('\0').filter(Boolean);
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix + entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${relative}/`) : [relative];
  });
}

export async function packApp(): Promise<PackedApp> {
  const root = mkdtempSync(path.join(tmpdir(), 'pack-app-'));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    const project = path.join(root, 'project');
    for (const file of await workingTreeFiles()) {
      const from = path.join(projectDir, file);
      // git still lists a tracked file that was deleted and not yet committed.
      if (!existsSync(from)) continue;
      const to = path.join(project, file);
      mkdirSync(path.dirname(to), { recursive: true });
      cpSync(from, to);
    }
    symlinkSync(path.join(projectDir, 'node_modules'), path.join(project, 'node_modules'), 'dir');

    await run('npm', ['run', 'build'], { cwd: project, maxBuffer: 64 * 1024 * 1024 });

    const electronStandIn = path.join(root, 'electron-stand-in');
    mkdirSync(electronStandIn);
    writeFileSync(path.join(electronStandIn, 'electron'), '', { mode: 0o755 });
    const output = path.join(root, 'release');
    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir', archFromString(process.arch)),
      publish: 'never',
      config: {
        electronDist: electronStandIn,
        npmRebuild: false,
        electronFuses: null,
        directories: { output },
      },
    });

    const unpacked = readdirSync(output).find((name) => name.endsWith('-unpacked'));
    if (!unpacked) throw new Error(`electron-builder left no *-unpacked folder in ${output}`);
    const app = path.join(root, 'app');
    extractAll(path.join(output, unpacked, 'resources', 'app.asar'), app);
    return { project, app, files: listFiles(app), remove };
  } catch (error) {
    remove();
    throw error;
  }
}
