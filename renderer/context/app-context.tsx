import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState } from '../store/app-state';
import type { AppStore } from '../store/app-store';
import type { ContractLink } from '../store/contract-link';

export interface AppServices {
  store: AppStore;
  contract: ContractLink;
  /** Opens a container's URL: the system browser in the desktop app, a new tab in serve mode. */
  openUrl(url: string): void;
}

const Services = createContext<AppServices | null>(null);

export function AppProvider({
  services,
  children,
}: {
  services: AppServices;
  children: ReactNode;
}) {
  return <Services.Provider value={services}>{children}</Services.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(Services);
  if (!services) throw new Error('useServices outside <AppProvider>');
  return services;
}

/** Subscribes to one slice of the store; pair with `useShallow` for object or array results. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}
