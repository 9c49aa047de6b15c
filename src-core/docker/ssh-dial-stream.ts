import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';

/**
 * The byte stream of one remote `docker system dial-stdio`, as an HTTP
 * client's socket. The remote command's end is held back until its exit
 * status is known (sshd may send the end of output first), so that a command
 * that failed (no docker CLI, no daemon) fails the request with its own
 * words, not with a bare "socket hang up".
 */
export class SshDialStream extends Duplex {
  private output = '';
  private ended = false;
  private exit: { failed: boolean; text: string } | null = null;

  constructor(
    private readonly channel: ClientChannel,
    failure: (detail: string) => Error,
  ) {
    super();
    channel.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-500);
    });
    channel.once('exit', (code: number | null, signal?: string) => {
      const failed = Boolean(code) || Boolean(signal);
      this.exit = { failed, text: signal ? `signal ${signal}` : `status ${code}` };
      this.settle(failure);
    });
    channel.once('end', () => {
      this.ended = true;
      this.settle(failure);
    });
    channel.once('close', () => {
      // A channel closed without an exit status ended however it ended.
      this.exit ??= { failed: false, text: '' };
      this.ended = true;
      this.settle(failure);
    });
    channel.on('error', (error: Error) => this.destroy(error));
  }

  private settle(failure: (detail: string) => Error): void {
    if (!this.ended || !this.exit || this.destroyed) return;
    if (this.exit.failed)
      this.destroy(failure(`exited with ${this.exit.text}: ${this.output.trim()}`));
    else this.push(null);
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, done: (error?: Error | null) => void) {
    this.channel.write(chunk, encoding, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.channel.end();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.channel.destroy();
    done(error);
  }

  // The HTTP agent tunes its sockets as TCP ones; a channel has none of these knobs.
  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setTimeout(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }
}
