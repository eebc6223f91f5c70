/** Terminal styling with node:util's styleText, off when stdout is not a terminal or NO_COLOR is set. */
import { styleText } from 'node:util';

const enabled = process.stdout.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';

type Style = Parameters<typeof styleText>[0];

function paint(style: Style): (text: string) => string {
  return (text) => (enabled ? styleText(style, text) : text);
}

/** Named styles used by the command line. */
export const c = {
  bold: paint('bold'),
  dim: paint('dim'),
  red: paint('red'),
  green: paint('green'),
  yellow: paint('yellow'),
  cyan: paint('cyan'),
};

/** Ends the process quietly when the reader of `stream` goes away (`npm run demo ring | head`). */
export function exitOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
