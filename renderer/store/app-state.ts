import type { CatalogSlice } from './catalog-slice';
import type { ContainersSlice } from './containers-slice';
import type { EnginesSlice } from './engines-slice';
import type { ImagesSlice } from './images-slice';
import type { OperationsSlice } from './operations-slice';
import type { PreferencesSlice } from './preferences-slice';
import type { ProxySlice } from './proxy-slice';
import type { StatsSlice } from './stats-slice';

/** The whole renderer state: one store made of slices, one per domain. */
export type AppState = EnginesSlice &
  ContainersSlice &
  ImagesSlice &
  OperationsSlice &
  PreferencesSlice &
  ProxySlice &
  CatalogSlice &
  StatsSlice;
