#!/usr/bin/env node
// The `cachecraft` command: the same command line as the npm scripts.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
