#!/usr/bin/env node
// The `remoteapp-admin` command from a checkout: runs the TypeScript source
// through tsx, so that `npx remoteapp-admin` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
