import type { StateCreator } from 'zustand';
import type { GrantView } from '../../src-core/api/catalog';
import type { ErrorPayload } from '../../src-core/api/errors';
import type { AppState } from './app-state';

export interface CatalogSlice {
  /** The catalog's users by name; empty when no catalog is open. */
  users: string[];
  grants: GrantView[];
  /** Why the catalog could not be read (NOT_FOUND: this host has none). */
  catalogError: ErrorPayload | null;
  loadCatalog(data: { users: string[]; grants: GrantView[] }): void;
  setCatalogError(error: ErrorPayload): void;
}

export const createCatalogSlice: StateCreator<AppState, [], [], CatalogSlice> = (set) => ({
  users: [],
  grants: [],
  catalogError: null,
  loadCatalog: ({ users, grants }) => set({ users, grants, catalogError: null }),
  setCatalogError: (catalogError) => set({ users: [], grants: [], catalogError }),
});

/** The users granted `image`, by name, sorted. */
export function grantedUsers(grants: GrantView[], image: string): string[] {
  return [
    ...new Set(grants.filter((g) => g.application.image === image).map((g) => g.user.name)),
  ].sort();
}
