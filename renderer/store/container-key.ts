/** Containers are keyed by (engine id, container id) everywhere in the store. */
export type ContainerKey = `${string}/${string}`;

export function containerKey(engine: string, id: string): ContainerKey {
  return `${engine}/${id}`;
}

export function splitKey(key: ContainerKey): { engine: string; id: string } {
  const at = key.indexOf('/');
  return { engine: key.slice(0, at), id: key.slice(at + 1) };
}
