import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { CoreError } from '../api/errors';
import { dockerStatus, toCoreError, type EngineLabel } from '../docker/docker-error';
import { LogLineReader, type LogLine } from '../docker/log-lines';
import { fromInspect, type RealmContainer } from './container';
import { imageFromInspect, type AppImage } from './image';
import { RUNINFO } from './labels';

/** What the details view shows of one container, beyond its list entry. */
export interface ContainerDetails {
  container: RealmContainer;
  labels: Record<string, string>;
  env: string[];
  mounts: Array<{ source: string; target: string; readOnly: boolean }>;
  command: string[];
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
}

/** The realm on one engine, as these reads need it: the client, the realm, who errors name. */
export interface RealmScope {
  docker: Docker;
  realm: string;
  engine?: EngineLabel;
}

/** Docker's zero time, used for "never started" and "not finished". */
const NEVER = /^0001-01-01/;

/** Inspects a container, refusing one that is not of `realm` (REALM_VIOLATION). */
export async function inspectInRealm(
  { docker, realm, engine }: RealmScope,
  id: string,
): Promise<Docker.ContainerInspectInfo> {
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(id).inspect();
  } catch (error) {
    if (dockerStatus(error) === 404)
      throw new CoreError('NOT_FOUND', `Container ${id} does not exist`, { id });
    throw toCoreError(error, `inspecting container ${id}`, engine);
  }
  const labels = info.Config.Labels ?? {};
  if (labels[RUNINFO.realm] !== realm)
    throw new CoreError(
      'REALM_VIOLATION',
      `Container ${id} is not in realm "${realm}": refusing to show it`,
      { id, realm: labels[RUNINFO.realm] ?? null },
    );
  return info;
}

function at(time: string | undefined): string | null {
  return time && !NEVER.test(time) ? time : null;
}

export async function containerDetails(
  scope: RealmScope,
  ip: string,
  id: string,
): Promise<ContainerDetails> {
  const info = await inspectInRealm(scope, id);
  return {
    container: fromInspect(info, ip),
    labels: info.Config.Labels ?? {},
    env: info.Config.Env ?? [],
    mounts: (info.Mounts ?? []).map((m) => ({
      source: m.Source,
      target: m.Destination,
      readOnly: !m.RW,
    })),
    command: [...(info.Config.Entrypoint ?? []), ...(info.Config.Cmd ?? [])],
    startedAt: at(info.State.StartedAt),
    finishedAt: at(info.State.FinishedAt),
    exitCode: info.State.Running ? null : info.State.ExitCode,
  };
}

/** The last `tail` lines of a realm container's output, stdout and stderr apart. */
export async function readLogs(scope: RealmScope, id: string, tail: number): Promise<LogLine[]> {
  const info = await inspectInRealm(scope, id);
  let bytes: Buffer;
  try {
    bytes = (await scope.docker
      .getContainer(info.Id)
      .logs({ stdout: true, stderr: true, tail, follow: false })) as Buffer;
  } catch (error) {
    throw toCoreError(error, `reading the logs of ${id}`, scope.engine);
  }
  const reader = new LogLineReader(!info.Config.Tty);
  return [...reader.push(bytes), ...reader.end()];
}

export interface LogFollower {
  onLines(lines: LogLine[]): void;
  /** The stream ended: the container stopped, or `stop()` was called. */
  onEnd(error?: CoreError): void;
}

/** Streams a realm container's output from its last `tail` lines on, until stopped. */
export async function followLogs(
  scope: RealmScope,
  id: string,
  tail: number,
  follower: LogFollower,
): Promise<{ stop(): void }> {
  const info = await inspectInRealm(scope, id);
  let stream: Readable;
  try {
    stream = (await scope.docker
      .getContainer(info.Id)
      .logs({ stdout: true, stderr: true, tail, follow: true })) as unknown as Readable;
  } catch (error) {
    throw toCoreError(error, `following the logs of ${id}`, scope.engine);
  }
  return streamLogLines(stream, !info.Config.Tty, follower, (error) =>
    toCoreError(error, `following the logs of ${id}`, scope.engine),
  );
}

/** Hands a log stream's lines to `follower` until it ends or `stop()` is called. */
export function streamLogLines(
  stream: NodeJS.ReadableStream,
  multiplexed: boolean,
  follower: LogFollower,
  fail: (error: Error) => CoreError,
): { stop(): void } {
  const reader = new LogLineReader(multiplexed);
  let ended = false;
  const end = (error?: CoreError) => {
    if (ended) return;
    ended = true;
    const rest = reader.end();
    if (rest.length) follower.onLines(rest);
    follower.onEnd(error);
  };
  stream.on('data', (chunk: Buffer) => {
    const lines = reader.push(chunk);
    if (lines.length) follower.onLines(lines);
  });
  stream.on('end', () => end());
  stream.on('close', () => end());
  stream.on('error', (error: Error) => end(fail(error)));
  return { stop: () => (stream as Readable).destroy() };
}

/** The engine's tagged images with their simphony metadata, in one Docker call. */
export async function listAppImages({ docker, engine }: RealmScope): Promise<AppImage[]> {
  let entries: Docker.ImageInfo[];
  try {
    entries = await docker.listImages();
  } catch (error) {
    throw toCoreError(error, 'listing images', engine);
  }
  return entries
    .filter((entry) => (entry.RepoTags ?? []).some((tag) => tag !== '<none>:<none>'))
    .map((entry) =>
      imageFromInspect({
        Id: entry.Id,
        RepoTags: (entry.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
        Config: { Labels: entry.Labels ?? {} } as Docker.ImageInspectInfo['Config'],
      }),
    );
}
