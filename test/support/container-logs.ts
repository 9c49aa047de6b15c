import type Docker from 'dockerode';

/**
 * Writes lines to a fixture container's own stdout (fd 1) or stderr (fd 2),
 * as an app would: the fixture apps print nothing of their own. `gapSeconds`
 * between lines keeps their order across the two streams.
 */
export async function writeToLogs(
  container: Docker.Container,
  lines: Array<{ fd: 1 | 2; text: string }>,
  gapSeconds = 0,
): Promise<void> {
  const script = lines
    .map(({ fd, text }) => `echo '${text}' > /proc/1/fd/${fd}`)
    .join(gapSeconds ? `; sleep ${gapSeconds}; ` : '; ');
  const exec = await container.exec({ Cmd: ['sh', '-c', script] });
  const stream = await exec.start({});
  await new Promise((resolve) => stream.on('end', resolve).resume());
}
