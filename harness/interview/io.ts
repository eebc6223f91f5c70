/**
 * Line input for the interview runner, the same over a terminal and a pipe: node:readline reads
 * the lines; lines that arrive before they are asked for (piped input) wait in a queue, so none is
 * lost; on a pipe each line read is echoed after its prompt, so a transcript reads like a session.
 *
 * @module
 */
import { createInterface } from 'node:readline';

/** Reads answers, one line at a time. */
export interface LineInput {
  /** Shows `prompt` and resolves the next line, or `undefined` once the input has ended. */
  ask(prompt: string): Promise<string | undefined>;
  /** Runs `work` (a demo) with the terminal out of raw mode, so that Ctrl-C reaches the process as SIGINT. */
  suspend<T>(work: () => Promise<T>): Promise<T>;
  /** Stops reading and gives the terminal back in its normal mode. */
  close(): void;
}

/** Where the lines come from and go to, and what Ctrl-C does. */
export interface LineInputOptions {
  /** Where lines are read: `process.stdin`, a terminal or a pipe. */
  readonly input: NodeJS.ReadStream;
  /** Where prompts are written: `process.stdout`. */
  readonly output: NodeJS.WriteStream;
  /** Called on Ctrl-C at a prompt (or SIGINT while suspended); it is expected to end the process. */
  readonly onInterrupt: () => void;
}

/** Opens line input over `input` (a terminal or a pipe). */
export function openLineInput({ input, output, onInterrupt }: LineInputOptions): LineInput {
  const terminal = input.isTTY === true && output.isTTY === true;
  const rl = createInterface({ input, output, terminal });
  const queued: string[] = [];
  let waiting: ((line: string | undefined) => void) | undefined;
  let ended = false;
  const take = (line: string | undefined): void => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.(line);
  };
  rl.on('line', (line) => (waiting === undefined ? queued.push(line) : take(line)));
  rl.on('close', () => {
    ended = true;
    take(undefined);
  });
  // On a terminal readline turns Ctrl-C into this event; on a pipe (or while suspended) it is a signal.
  rl.on('SIGINT', onInterrupt);
  process.on('SIGINT', onInterrupt);

  const echo = (line: string | undefined): string | undefined => {
    if (!terminal) output.write(`${line ?? ''}\n`);
    return line;
  };

  return {
    ask(prompt) {
      // readline redraws only the prompt's last line as the user edits: the lines above it are written once.
      const cut = prompt.lastIndexOf('\n') + 1;
      output.write(prompt.slice(0, cut));
      if (ended) {
        output.write(`${prompt.slice(cut)}\n`);
        return Promise.resolve(undefined);
      }
      rl.setPrompt(prompt.slice(cut));
      rl.prompt();
      if (queued.length > 0) return Promise.resolve(echo(queued.shift()));
      return new Promise((resolve) => {
        waiting = (line) => resolve(echo(line));
      });
    },
    async suspend(work) {
      if (!terminal) return work();
      rl.pause();
      input.setRawMode(false);
      try {
        return await work();
      } finally {
        input.setRawMode(true);
        rl.resume();
      }
    },
    close() {
      process.off('SIGINT', onInterrupt);
      rl.close();
    },
  };
}
