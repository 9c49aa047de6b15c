import type { ReadStream } from 'node:tty';

/**
 * Reads one line from the terminal without echoing it, as ssh reads a
 * passphrase: the prompt on stderr, the answer never shown nor kept beyond
 * the caller. Null on Ctrl-C or Ctrl-D.
 */
export function askSecret(
  prompt: string,
  input: ReadStream = process.stdin as ReadStream,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string | null> {
  return new Promise((resolve) => {
    let typed: string[] = [];
    const done = (answer: string | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(answer);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(typed.join(''));
        if (char === '\u0003' || char === '\u0004') return done(null);
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed.push(char);
      }
    };
    output.write(prompt);
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}
