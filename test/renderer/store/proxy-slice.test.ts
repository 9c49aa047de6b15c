import { describe, expect, it } from 'vitest';
import { events } from '../../../src-core/api/contract';
import type { EventPayload } from '../../../src-core/api/contract';
import { createAppStore } from '../../../renderer/store/app-store';
import { container, memoryStorage } from './fixtures';

const readiness = (id: string, state: string | null, url: string | null = null) =>
  events['proxy.readiness'].payload.parse({
    engine: 'local',
    id,
    readiness: state,
    url,
  }) as EventPayload<'proxy.readiness'>;

describe('readiness through the proxy', () => {
  it("follows one container's app from starting to ready, and forgets it when nobody waits", () => {
    const store = createAppStore(memoryStorage());
    store.getState().applyReadiness(readiness('a', 'starting'));
    store.getState().applyReadiness(readiness('b', 'unresponsive'));
    expect(store.getState().readiness).toEqual({
      'local/a': 'starting',
      'local/b': 'unresponsive',
    });
    const before = store.getState().readiness;
    store.getState().applyReadiness(readiness('a', 'starting'));
    expect(store.getState().readiness).toBe(before);
    store.getState().applyReadiness(readiness('a', 'ready'));
    store.getState().applyReadiness(readiness('b', null));
    expect(store.getState().readiness).toEqual({ 'local/a': 'ready' });
  });

  it("patches the URL into the container's row once it is routed, and touches no other row", () => {
    const store = createAppStore(memoryStorage());
    store.getState().loadListing({
      engines: [
        {
          engine: 'local',
          containers: [container('local', 'a', { url: null }), container('local', 'b')],
        },
      ],
    });
    const b = store.getState().containers['local/b'];
    store
      .getState()
      .applyReadiness(readiness('a', 'ready', 'http://127.0.0.1:8470/user/a/containers/x/'));
    expect(store.getState().containers['local/a']!.url).toBe(
      'http://127.0.0.1:8470/user/a/containers/x/',
    );
    expect(store.getState().containers['local/b']).toBe(b);
  });
});
