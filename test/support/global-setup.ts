import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { buildCli } from '../../esbuild.config';
import { connectDockerHost } from '../../src-core/docker/docker-host';
import { pingDocker, startDockerd, type PrivateDockerd } from './dockerd';
import { buildFixtureImages } from './fixture-images';

declare module 'vitest' {
  export interface ProvidedContext {
    dockerHost: string;
  }
}

function hasDockerd(): boolean {
  try {
    execFileSync('dockerd', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every Docker test runs against a real engine: DOCKER_HOST or the default
 * socket when one answers, else a private dockerd started for this run. The
 * command line's tests run its bundle, built here as `npm run build` does.
 */
export default async function setup(project: TestProject) {
  await buildCli();
  let host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  let own: PrivateDockerd | undefined;
  if (!(await pingDocker(connectDockerHost(host).docker))) {
    if (process.getuid?.() !== 0 || !hasDockerd())
      throw new Error(
        `No Docker engine answers at ${host}, and a private one needs root and dockerd (apt-get install docker.io)`,
      );
    own = await startDockerd('test');
    host = own.host;
  }
  await buildFixtureImages(connectDockerHost(host).docker);
  project.provide('dockerHost', host);
  return async () => {
    await own?.stop();
  };
}
