// Entry of a TypeScript worker thread: worker threads do not inherit tsx's loader, so register
// it here, then load the module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
