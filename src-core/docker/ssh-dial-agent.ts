import { Agent } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { Client, type ConnectConfig } from 'ssh2';
import { CoreError } from '../api/errors';
import type { SshProfile } from './engine-profile';
import { readProfileFile } from './read-profile-file';
import { hostKeyProblem } from './ssh-host-key';
import { SshDialStream } from './ssh-dial-stream';

/** An error of the SSH leg, with a code that docker-error maps to ENGINE_UNREACHABLE. */
function sshError(message: string, code = 'SSH_FAILED'): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * An HTTP agent that reaches a remote dockerd through SSH: one SSH connection
 * per engine, kept while it lives, and one `docker system dial-stdio` channel
 * per HTTP connection (what the docker CLI does for ssh:// hosts), kept alive
 * between requests.
 */
export class SshDialAgent extends Agent {
  private connection: Promise<Client> | null = null;
  private readonly config: ConnectConfig;
  private readonly where: string;
  private readonly command: string;
  private rejected: string | null = null;

  constructor(profile: SshProfile, readyTimeoutMs = 10_000) {
    // Keep-alive: each dial-stdio starts a docker CLI on the remote side (a fifth of a
    // second here); a kept channel serves the next request at once.
    super({ keepAlive: true, maxFreeSockets: 4 });
    const port = profile.port ?? 22;
    this.where = `${profile.user}@${profile.host}:${port}`;
    this.command = `${profile.remoteDocker ?? 'docker'} system dial-stdio`;
    const policy = {
      host: profile.host,
      port,
      knownHostsFile: profile.knownHostsFile ?? join(homedir(), '.ssh', 'known_hosts'),
      ...(profile.fingerprint && { fingerprint: profile.fingerprint }),
    };
    const agent = profile.agent ?? (profile.keyFile ? undefined : process.env.SSH_AUTH_SOCK);
    const privateKey = profile.keyFile ? readProfileFile(profile.keyFile, 'keyFile') : undefined;
    if (!privateKey && !agent)
      throw CoreError.validation(
        'keyFile',
        'give a key file or an ssh-agent (agent or SSH_AUTH_SOCK)',
      );
    this.config = {
      host: profile.host,
      port,
      username: profile.user,
      readyTimeout: readyTimeoutMs,
      keepaliveInterval: 15_000,
      ...(privateKey && { privateKey }),
      ...(profile.passphrase && { passphrase: profile.passphrase }),
      ...(agent && { agent }),
      hostVerifier: (key: Buffer) => {
        this.rejected = hostKeyProblem(policy, key);
        return this.rejected === null;
      },
    };
  }

  private connect(): Promise<Client> {
    this.connection ??= new Promise<Client>((resolve, reject) => {
      const client = new Client();
      let ready = false;
      const forget = () => {
        this.connection = null;
      };
      client
        .once('ready', () => {
          ready = true;
          resolve(client);
        })
        .on('error', (error: Error & { level?: string }) => {
          forget();
          if (ready) return;
          const reason = this.rejected
            ? sshError(`ssh ${this.where}: ${this.rejected}`, 'SSH_HOST_KEY')
            : sshError(
                `ssh ${this.where}: ${error.message}`,
                (error as { code?: string }).code ?? 'SSH_FAILED',
              );
          reject(reason);
        })
        .once('close', () => {
          forget();
          if (!ready) reject(sshError(`ssh ${this.where}: connection closed during handshake`));
        });
      this.rejected = null;
      client.connect(this.config);
    });
    return this.connection;
  }

  override createConnection(
    _options: unknown,
    callback: (error: Error | null, socket?: Duplex) => void,
  ): undefined {
    this.connect()
      .then((client) =>
        client.exec(this.command, (error, channel) => {
          if (error) return callback(sshError(`ssh ${this.where}: ${error.message}`, 'SSH_EXEC'));
          callback(
            null,
            new SshDialStream(channel, (detail) =>
              sshError(`ssh ${this.where}: "${this.command}" ${detail}`, 'SSH_DIAL'),
            ),
          );
        }),
      )
      .catch((error: Error) => callback(error));
    return undefined;
  }

  override destroy(): void {
    super.destroy();
    const connection = this.connection;
    this.connection = null;
    connection?.then((client) => client.end()).catch(() => undefined);
  }
}
