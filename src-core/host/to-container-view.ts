import type { ContainerView } from '../api/containers';
import type { RealmContainer } from '../realm/container';
import type { HostServices } from './services';

/** A realm container as it crosses the contract: with its engine and its URL. */
export function toContainerView(
  services: HostServices,
  engine: string,
  container: RealmContainer,
): ContainerView {
  return { ...container, engine, url: services.urls.urlOf(engine, container) };
}
