import { CoreError } from '../api/errors';

export const USAGE = `Usage: remoteapp-admin <command> [options]

Commands:
  ls [--json]                         list the realm's containers on every engine
  launch --user U --image I [--mapping-id M] [--base-urlpath P]
         [--volume SRC:DST:MODE]... [--env K=V]... [--cpus N] [--memory SIZE]
         [--constraint EXPR]... [--json]
                                      start an image for a user; --cpus (0.5) and
                                      --memory (512m, 2g) limit it, and a Swarm engine
                                      also reserves them; --constraint places its
                                      service (node.labels.zone==a), Swarm only
  stop ID... [--json]                 stop and remove containers (each on the engine
                                      that has it, unless --engine)
  relaunch ID... | --all-exited [--json]
                                      launch containers again as they were made (after a
                                      reboot or a daemon restart), replacing them
  check [--fix] [--json]              find duplicates, exited or never started containers,
                                      users, grants and images gone; --fix fixes them all
                                      (exit 1 while anything is left)
  cull [--idle-for DURATION] [--dry-run] [--json]
                                      stop and remove the containers idle (no request
                                      through the proxy) past the cull policy's idle time,
                                      or DURATION (90s, 15m, 2h); for cron
  top [--json] [--interval S] [--once]
                                      the realm's running containers, the busiest first,
                                      every S seconds (default 2) until Ctrl-C, or once
  nodes [--engine E] [--json]         the nodes of each Swarm engine (or of E): role,
                                      availability, state, address, CPUs, memory, the
                                      realm's running tasks
  drain NODE --engine E               drain a Swarm node (its id or hostname): Swarm moves
                                      its tasks, of every realm, to the other nodes; audited
  activate NODE --engine E            make a drained node active again; audited
  serve [--port N] [--bind ADDR --public-host NAME]
                                      the UI in a browser, on 127.0.0.1 by default; off
                                      loopback only for NAME, the host the operator opens
                                      (plain HTTP: the token travels unencrypted unless
                                      TLS fronts it)

Every command takes:
  --realm R          the realm (default $REMOTEAPP_REALM, else remoteexec)
  --engine E         an engine id (the start-up one's, a saved one's), or a Docker context
                     name; launch also takes "any"
  --engines-file F   the saved engines, added as the app adds them (default engines.json in
                     the configuration folder); "none" for none

Exit codes: 0 done; 1 the operation failed (the message starts with its error code);
2 the command line is wrong.`;

/** A command line that cannot be run as written: exit code 2. */
export class UsageError extends CoreError {
  constructor(field: string, reason: string) {
    super('VALIDATION', `${field}: ${reason}`, { field, reason });
  }
}
