import type { ContainerView } from '../api/containers';
import type { RealmContainer } from '../realm/container';
import type { HostServices } from './services';

/** A realm container as it crosses the contract: with its engine, its URL and its last activity. */
export function toContainerView(
  services: HostServices,
  engine: string,
  container: RealmContainer,
): ContainerView {
  const active = services.activity?.lastActivity(container) ?? null;
  return {
    ...container,
    engine,
    url: services.urls.urlOf(engine, container),
    lastActivity: active === null ? null : new Date(active).toISOString(),
    node: container.node ?? null,
    service: container.service ?? null,
  };
}
