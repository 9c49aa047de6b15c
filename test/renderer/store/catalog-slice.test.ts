import { describe, expect, it } from 'vitest';
import { grant } from '../../../src-core/api/catalog';
import { createAppStore } from '../../../renderer/store/app-store';
import { grantedUsers } from '../../../renderer/store/catalog-slice';
import { memoryStorage } from './fixtures';

const policy = {
  id: 1,
  appLicense: null,
  allowHome: true,
  allowView: false,
  allowCommon: false,
  volume: null,
  allowStartupData: false,
};
const granted = (n: number, user: string, image: string) =>
  grant.parse({
    id: n.toString(16).padStart(32, '0'),
    user: { id: n, name: user },
    application: { id: image.length, image },
    policy,
  });

describe('users and grants', () => {
  it('lists who is granted an application, once each, sorted', () => {
    const store = createAppStore(memoryStorage());
    store.getState().loadCatalog({
      users: ['bob', 'alice', 'carol'],
      grants: [
        granted(1, 'bob', 'app:1'),
        granted(2, 'alice', 'app:1'),
        granted(3, 'carol', 'other:1'),
      ],
    });
    expect(grantedUsers(store.getState().grants, 'app:1')).toEqual(['alice', 'bob']);
    expect(grantedUsers(store.getState().grants, 'none:1')).toEqual([]);
  });

  it('empties when the host has no catalog, and says why', () => {
    const store = createAppStore(memoryStorage());
    store.getState().loadCatalog({ users: ['bob'], grants: [granted(1, 'bob', 'app:1')] });
    store.getState().setCatalogError({
      code: 'NOT_FOUND',
      message: 'No catalog is open in this host',
      details: {},
    });
    expect(store.getState().users).toEqual([]);
    expect(store.getState().grants).toEqual([]);
    expect(store.getState().catalogError?.code).toBe('NOT_FOUND');
  });
});
