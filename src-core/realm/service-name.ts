/** Swarm's limit: a service name is one DNS label. */
const MAX_SERVICE_NAME = 63;

/**
 * The seed's container name as a valid service name: a DNS label of at most
 * 63 characters, so `.` becomes `_2E` (escape's spelling of it) and a long
 * prefix is cut, keeping the random suffix that makes the name unique.
 */
export function serviceName(namePrefix: string, nameSuffix: string): string {
  const prefix = namePrefix.replaceAll('.', '_2E');
  const room = MAX_SERVICE_NAME - nameSuffix.length - 1;
  return `${prefix.slice(0, room).replace(/[-_]+$/, '')}-${nameSuffix}`;
}
