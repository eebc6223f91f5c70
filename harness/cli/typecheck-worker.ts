/** Worker entry: type-checks one file off the main thread and posts the warnings. */
import { parentPort, workerData } from 'node:worker_threads';
import { typeWarnings } from './typecheck.js';

parentPort!.postMessage(typeWarnings((workerData as { file: string }).file));
