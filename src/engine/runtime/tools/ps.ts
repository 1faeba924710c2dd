// ps inside a container lists only that container's processes (its own PID namespace, F10);
// on the host, container processes show up among the host's (they share its kernel, F09).
import type { Container } from '../../model/host-state';
import { ok, tool, type ToolContext } from './tool-context';

interface Proc {
  pid: number;
  user: string;
  command: string;
  tty: string;
  start: number;
}

function mainCommand(container: Container): string {
  const argv = [container.path, ...container.args];
  // Entrypoint scripts exec the real program, so ps shows the program, not the script.
  while (argv.length > 1 && /docker-entrypoint\.sh$/.test(argv[0]!)) argv.shift();
  const program = argv[0]!.split('/').pop();
  if (program === 'nginx') return `nginx: master process ${argv.join(' ')}`;
  return argv.join(' ');
}

function containerProcs(tc: ToolContext, container: Container, self: string): Proc[] {
  const user = container.config.user || 'root';
  const tty = container.config.tty ? 'pts/0' : '?';
  const procs: Proc[] = [];
  if (container.state.status === 'running' || container.state.status === 'paused') {
    procs.push({ pid: 1, user, command: mainCommand(container), tty, start: container.state.startedAt });
    if (container.process?.program === 'nginx') procs.push({ pid: 29, user: 'nginx', command: 'nginx: worker process', tty: '?', start: container.state.startedAt });
  }
  const session = tc.ctx.state.session;
  if (session?.containerId === container.id && session.mode === 'exec') procs.push({ pid: 7, user: session.user || 'root', command: session.program, tty: 'pts/1', start: tc.ctx.now });
  procs.push({ pid: procs.length === 0 ? 1 : 13 + procs.length, user: tc.user || 'root', command: self, tty: session?.containerId === container.id ? 'pts/1' : '?', start: tc.ctx.now });
  return procs;
}

function hostProcs(tc: ToolContext, self: string): Proc[] {
  const boot = tc.ctx.state.createdAt;
  const procs: Proc[] = [
    { pid: 1, user: 'root', command: '/sbin/init', tty: '?', start: boot },
    { pid: 612, user: 'root', command: '/usr/bin/containerd', tty: '?', start: boot },
    { pid: 640, user: 'root', command: '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock', tty: '?', start: boot },
  ];
  let pid = 2000;
  for (const container of Object.values(tc.ctx.state.containers)) {
    if (container.state.status !== 'running' && container.state.status !== 'paused') continue;
    procs.push({ pid: pid++, user: 'root', command: `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${container.id} -address /run/containerd/containerd.sock`, tty: '?', start: container.state.startedAt });
    procs.push({ pid: container.state.pid, user: container.config.user || 'root', command: mainCommand(container), tty: '?', start: container.state.startedAt });
  }
  procs.push({ pid: 3100, user: tc.user, command: '-bash', tty: 'pts/0', start: tc.ctx.now });
  procs.push({ pid: 3171, user: tc.user, command: self, tty: 'pts/0', start: tc.ctx.now });
  return procs.sort((a, b) => a.pid - b.pid);
}

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

export function psTool(tc: ToolContext) {
  return tool('ps', (args) => {
    const self = ['ps', ...args].join(' ');
    const procs = tc.container ? containerProcs(tc, tc.container, self) : hostProcs(tc, self);
    const busybox = tc.container !== null && tc.fs.getNode('/bin/busybox') !== undefined;
    if (busybox) {
      const rows = procs.map((proc) => `${String(proc.pid).padStart(5)} ${proc.user.padEnd(8).slice(0, 8)}  0:00 ${proc.command}`);
      return ok(`PID   USER     TIME  COMMAND\n${rows.join('\n')}\n`);
    }
    const wide = args.some((arg) => /^-?[a-zA-Z]*[aAex]/.test(arg));
    if (!wide) {
      const mine = procs.filter((proc) => proc.tty !== '?' || tc.container !== null);
      const rows = mine.map((proc) => `${String(proc.pid).padStart(7)} ${proc.tty.padEnd(8)} 00:00:00 ${proc.command.split(' ')[0]!.split('/').pop()}`);
      return ok(`    PID TTY          TIME CMD\n${rows.join('\n')}\n`);
    }
    if (args.some((arg) => arg.includes('f') && arg.startsWith('-'))) {
      const rows = procs.map((proc) => `${proc.user.padEnd(8).slice(0, 8)} ${String(proc.pid).padStart(7)} ${String(proc.pid === 1 ? 0 : 1).padStart(7)}  0 ${hhmm(proc.start)} ${proc.tty.padEnd(8)} 00:00:00 ${proc.command}`);
      return ok(`UID          PID    PPID  C STIME TTY          TIME CMD\n${rows.join('\n')}\n`);
    }
    const rows = procs.map((proc) => `${proc.user.padEnd(8).slice(0, 8)} ${String(proc.pid).padStart(7)}  0.0  0.1  12024  6144 ${proc.tty.padEnd(8)} Ss   ${hhmm(proc.start)}   0:00 ${proc.command}`);
    return ok(`USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n${rows.join('\n')}\n`);
  });
}
