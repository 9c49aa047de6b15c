import { StringDecoder } from 'node:string_decoder';

export type LogStream = 'stdout' | 'stderr';

export interface LogLine {
  stream: LogStream;
  text: string;
}

const HEADER = 8;

/**
 * Turns Docker's log bytes into lines. Without a TTY, Docker multiplexes
 * stdout and stderr in frames (1 byte stream, 3 zero bytes, 4 bytes length);
 * with one, the bytes are raw stdout. Frames and lines may be split across
 * chunks, so both are buffered until complete.
 */
export class LogLineReader {
  private pending: Buffer = Buffer.alloc(0);
  private readonly partial: Record<LogStream, string> = { stdout: '', stderr: '' };
  // A character may be split between chunks or frames.
  private readonly decoders = {
    stdout: new StringDecoder('utf8'),
    stderr: new StringDecoder('utf8'),
  };

  constructor(private readonly multiplexed: boolean) {}

  /** The complete lines in `chunk` (with what earlier chunks left over). */
  push(chunk: Buffer): LogLine[] {
    if (!this.multiplexed) return this.text('stdout', chunk);
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const lines: LogLine[] = [];
    while (this.pending.length >= HEADER) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < HEADER + size) break;
      const stream: LogStream = this.pending[0] === 2 ? 'stderr' : 'stdout';
      lines.push(...this.text(stream, this.pending.subarray(HEADER, HEADER + size)));
      this.pending = this.pending.subarray(HEADER + size);
    }
    return lines;
  }

  /** What is left once the stream ended: a last line without its newline. */
  end(): LogLine[] {
    const lines: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.partial[stream] + this.decoders[stream].end();
      if (rest !== '') lines.push({ stream, text: rest });
      this.partial[stream] = '';
    }
    return lines;
  }

  private text(stream: LogStream, bytes: Buffer): LogLine[] {
    const parts = (this.partial[stream] + this.decoders[stream].write(bytes)).split('\n');
    this.partial[stream] = parts.pop()!;
    return parts.map((line) => ({ stream, text: line.replace(/\r$/, '') }));
  }
}
