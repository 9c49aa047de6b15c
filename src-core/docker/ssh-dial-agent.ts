import { Agent } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import type { EngineSshView, SshNeedView } from '../api/engine-ssh';
import { CoreError } from '../api/errors';
import type { SshProfile } from './engine-profile';
import { addKnownHost } from './known-hosts-add';
import { readProfileFile } from './read-profile-file';
import { connectHop, sshError } from './ssh-connect';
import { SshDialStream } from './ssh-dial-stream';
import type { SshPassphrases } from './ssh-passphrases';
import { routeName, sshRoute, type SshRoute } from './ssh-route';

/** The hops of a route, outermost jump host first, the engine's host last. */
function hopsOf(route: SshRoute): SshRoute[] {
  return route.jump ? [...hopsOf(route.jump), route] : [route];
}

function forward(client: Client, to: SshRoute): Promise<ClientChannel> {
  return new Promise((resolve, reject) =>
    client.forwardOut('127.0.0.1', 0, to.host, to.port, (error, channel) =>
      error
        ? reject(sshError(`ssh ${routeName(to)} through its jump host: ${error.message}`))
        : resolve(channel),
    ),
  );
}

/**
 * An HTTP agent that reaches a remote dockerd through SSH: one SSH connection
 * per engine (through its ProxyJump hosts), kept while it lives, and one
 * `docker system dial-stdio` channel per HTTP connection (what the docker CLI
 * does for ssh:// hosts), kept alive between requests. It says how the
 * address resolved and what it waits for: a passphrase, or a host key to trust.
 */
export class SshDialAgent extends Agent {
  private connection: Promise<Client> | null = null;
  private clients: Client[] = [];
  private readonly route: SshRoute;
  private readonly command: string;
  private identity: string | null = null;
  private need: { view: SshNeedView; hostKey?: Buffer; hop: SshRoute } | null = null;

  constructor(
    private readonly profile: SshProfile,
    private readonly passphrases: SshPassphrases,
    private readonly readyTimeoutMs = 10_000,
  ) {
    // Keep-alive: each dial-stdio starts a docker CLI on the remote side (a fifth of a
    // second here); a kept channel serves the next request at once.
    super({ keepAlive: true, maxFreeSockets: 4 });
    // A key file named in the profile must be there, as `ssh -i` insists.
    if (profile.keyFile) readProfileFile(profile.keyFile, 'keyFile');
    this.route = sshRoute(profile);
    this.command = `${profile.remoteDocker ?? 'docker'} system dial-stdio`;
  }

  /** The engine's host as reached: the HostName of ~/.ssh/config for an alias. */
  get host(): string {
    return this.route.host;
  }

  get address(): string {
    const { user, host, port } = this.route;
    return `ssh://${user}@${host}${port === 22 ? '' : `:${port}`}`;
  }

  status(): EngineSshView {
    const { alias, host, port, user, agent, keyFiles, jump } = this.route;
    return {
      alias,
      host,
      port,
      user,
      identities: [...(agent ? ['agent'] : []), ...keyFiles],
      identity: this.identity,
      jump: jump ? hopsOf(jump).map(routeName) : null,
      needs: this.need?.view ?? null,
    };
  }

  /**
   * Adds the unknown host key last refused, if it has this fingerprint, to
   * its known_hosts. A changed key is never replaced from here.
   */
  trustHostKey(fingerprint: string): void {
    const need = this.need;
    if (need?.view.kind === 'changedHostKey')
      throw new CoreError(
        'CONFLICT',
        `The host key of ${need.view.host} changed (${need.view.fingerprint}, ${need.view.knownHostsFile} has ${need.view.knownFingerprints.join(', ')}): it cannot be trusted from here. Ask the host's administrator; if the change is expected, remove the old key with ssh-keygen -R`,
        { field: 'fingerprint', reason: 'the host key changed' },
      );
    if (need?.view.kind !== 'unknownHostKey' || need.view.fingerprint !== fingerprint)
      throw new CoreError('NOT_FOUND', `No unknown host key ${fingerprint} waits to be trusted`, {
        field: 'fingerprint',
        reason: 'not the key refused',
      });
    const hash = need.hop.hashKnownHosts;
    addKnownHost(need.view.knownHostsFile, need.view.host, need.hostKey!, hash);
    this.need = null;
  }

  private connect(): Promise<Client> {
    this.connection ??= this.open().catch((error: Error) => {
      this.connection = null;
      throw error;
    });
    return this.connection;
  }

  private async open(): Promise<Client> {
    // Kept until this attempt ends, so that a Trust this key meanwhile still finds the key.
    let need: SshDialAgent['need'] = null;
    const hops = hopsOf(this.route);
    const clients: Client[] = [];
    try {
      for (const hop of hops) {
        const last = hop === this.route;
        const sock: Duplex | undefined = clients.length
          ? await forward(clients.at(-1)!, hop)
          : undefined;
        const { client, identity } = await connectHop(hop, {
          passphrases: this.passphrases,
          readyTimeoutMs: this.readyTimeoutMs,
          ...(sock && { sock }),
          ...(last && this.profile.fingerprint && { fingerprint: this.profile.fingerprint }),
          onNeed: (view, hostKey) => {
            need = { view, hop, ...(hostKey && { hostKey }) };
          },
        });
        clients.push(client);
        if (last) this.identity = identity;
      }
    } catch (error) {
      this.need = need;
      for (const client of clients.reverse()) client.end();
      throw error;
    }
    this.need = null;
    const target = clients.at(-1)!;
    // Any hop lost loses the engine's connection: the next request opens a new one.
    for (const client of clients)
      client.once('close', () => {
        if (this.clients === clients) this.drop();
      });
    this.clients = clients;
    return target;
  }

  private drop(): void {
    this.connection = null;
    for (const client of this.clients.reverse()) client.end();
    this.clients = [];
  }

  override createConnection(
    _options: unknown,
    callback: (error: Error | null, socket?: Duplex) => void,
  ): undefined {
    const where = routeName(this.route);
    this.connect()
      .then((client) =>
        client.exec(this.command, (error, channel) => {
          if (error) return callback(sshError(`ssh ${where}: ${error.message}`, 'SSH_EXEC'));
          callback(
            null,
            new SshDialStream(channel, (detail) =>
              sshError(`ssh ${where}: "${this.command}" ${detail}`, 'SSH_DIAL'),
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
    connection?.then(() => this.drop()).catch(() => undefined);
  }
}
