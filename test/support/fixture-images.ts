import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';

/** Locally built test images; no registry is reachable from these machines. */
export const IMAGES = {
  /** Serves its environment on 8888, at / and at its urlpath; stops on SIGTERM. */
  webapp: 'remoteapp-test/webapp:1',
  /** The webapp with simphony image labels (ui_name, description, icon, type, env.*). */
  labeled: 'remoteapp-test/labeled-app:1',
  /** Created fine, fails to start. */
  broken: 'remoteapp-test/broken:1',
  /** Runs but never answers HTTP. */
  silent: 'remoteapp-test/silent:1',
  /** Ignores SIGTERM. */
  sleeper: 'remoteapp-test/sleeper:1',
  /** The webapp with a busy loop beside it: one CPU fully used. */
  busy: 'remoteapp-test/busy:1',
  /** The webapp holding HOLDER_BYTES in memory (a file in its /dev/shm tmpfs). */
  holder: 'remoteapp-test/holder:1',
} as const;

/** What the holder image keeps in memory: 48 MiB. */
export const HOLDER_BYTES = 48 * 1024 * 1024;

const SOURCES = join(import.meta.dirname, 'images');
const BUSYBOX = '/bin/busybox';
// Order matters: the others build FROM the webapp.
const BUILD_ORDER: Array<[keyof typeof IMAGES, string]> = [
  ['webapp', 'webapp.Dockerfile'],
  ['labeled', 'labeled.Dockerfile'],
  ['broken', 'broken.Dockerfile'],
  ['silent', 'silent.Dockerfile'],
  ['sleeper', 'sleeper.Dockerfile'],
  ['busy', 'busy.Dockerfile'],
  ['holder', 'holder.Dockerfile'],
];

export async function buildFixtureImages(docker: Docker): Promise<void> {
  const context = mkdtempSync(join(tmpdir(), 'remoteapp-images-'));
  try {
    for (const file of readdirSync(SOURCES)) copyFileSync(join(SOURCES, file), join(context, file));
    copyFileSync(BUSYBOX, join(context, 'busybox'));
    const src = readdirSync(context);
    for (const [key, dockerfile] of BUILD_ORDER) {
      const stream = await docker.buildImage(
        { context, src },
        { t: IMAGES[key], dockerfile, rm: true },
      );
      await new Promise<void>((resolve, reject) =>
        docker.modem.followProgress(stream, (error, output) => {
          const failed = (output as Array<{ error?: string }> | undefined)?.find((o) => o.error);
          if (error || failed)
            reject(error ?? new Error(`building ${IMAGES[key]}: ${failed!.error}`));
          else resolve();
        }),
      );
    }
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
