import { readdirSync, readFileSync } from 'node:fs';

// /proc counts in clock ticks of 1/100 s (USER_HZ) on Linux.
const MS_PER_TICK = 10;

/** CPU time (ms, user + system) a process has used, with its children that it has reaped. */
export function processCpuMs(pid: number): number {
  // Fields after the command name: state is the first, utime the 12th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return (utime! + stime! + cutime! + cstime!) * MS_PER_TICK;
}

/** The CPU time (ms) of several processes together. */
export function sumCpuMs(pids: number[]): number {
  return pids.reduce((ms, pid) => ms + processCpuMs(pid), 0);
}

/** CPU time (ms) all cores together spent on anything but idling, interrupts included. */
export function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user! + nice! + system! + irq! + softirq!) * MS_PER_TICK;
}

/** The children of a process (e.g. a container's app under its init), from /proc. */
export function childPids(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(' ').map(Number) : [];
}

/** dockerd's userland proxy that listens on a published host port, when dockerd runs one. */
export function dockerProxyPid(hostPort: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (args[0]?.endsWith('docker-proxy') && args[args.indexOf('-host-port') + 1] === `${hostPort}`)
      return Number(entry);
  }
  return null;
}
