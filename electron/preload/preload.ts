// The sandboxed preload: one object on `window`, allow-listed from the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from '../../src-core/api/bridge';
import { createBridge } from './contract-bridge';

// The contract's names, written in by the build (esbuild.config.ts), so that
// the preload carries the lists and not the schemas.
declare const CONTRACT_CALLS: readonly string[];
declare const CONTRACT_EVENTS: readonly string[];

contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridge(ipcRenderer, { calls: CONTRACT_CALLS, events: CONTRACT_EVENTS }),
);
