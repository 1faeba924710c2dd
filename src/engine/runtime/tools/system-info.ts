// hostname, uname, id, whoami, date: small programs whose answers teach something. uname
// prints the same kernel on the host and in every container: containers share the host's
// kernel (F09).
import { fail, ok, tool, type ToolContext } from './tool-context';

export const KERNEL_RELEASE = '6.8.0-49-generic';
const KERNEL_VERSION = '#49-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov  4 02:06:24 UTC 2024';
export const HOST_NAME = 'baleia';

export function machineHostname(tc: ToolContext): string {
  return tc.container ? tc.container.config.hostname : HOST_NAME;
}

export function hostnameTool(tc: ToolContext) {
  return tool('hostname', () => ok(`${machineHostname(tc)}\n`));
}

export function unameTool(tc: ToolContext) {
  return tool('uname', (args) => {
    const flags = new Set(args.flatMap((arg) => (arg.startsWith('-') ? [...arg.slice(1)] : [])));
    if (args.includes('--all')) flags.add('a');
    const parts: string[] = [];
    const all = flags.has('a');
    if (all || flags.has('s') || flags.size === 0) parts.push('Linux');
    if (all || flags.has('n')) parts.push(machineHostname(tc));
    if (all || flags.has('r')) parts.push(KERNEL_RELEASE);
    if (all || flags.has('v')) parts.push(KERNEL_VERSION);
    if (all || flags.has('m')) parts.push('x86_64');
    if (all || flags.has('o')) parts.push(tc.container && tc.fs.getNode('/bin/busybox') ? 'Linux' : 'GNU/Linux');
    return ok(`${parts.join(' ')}\n`);
  });
}

interface Identity {
  uid: number;
  gid: number;
  name: string;
  groups: string;
}

function identity(tc: ToolContext): Identity {
  const user = tc.user;
  if (user === '' || user === 'root' || user === '0') return { uid: 0, gid: 0, name: 'root', groups: '0(root)' };
  if (!tc.container) return { uid: 1000, gid: 1000, name: user, groups: `1000(${user}),27(sudo),999(docker)` };
  const [name = user] = user.split(':');
  if (/^\d+$/.test(name)) return { uid: Number(name), gid: Number(name), name: '', groups: name };
  let passwd = '';
  try {
    passwd = tc.fs.readText('/etc/passwd');
  } catch {
    /* scratch images have no passwd */
  }
  const line = passwd.split('\n').find((entry) => entry.startsWith(`${name}:`));
  const [, , uid = '1000', gid = '1000'] = line?.split(':') ?? [];
  return { uid: Number(uid), gid: Number(gid), name, groups: `${gid}(${name})` };
}

export function idTool(tc: ToolContext) {
  return tool('id', (args) => {
    const who = identity(tc);
    if (args.includes('-u')) return ok(args.includes('-n') ? `${who.name}\n` : `${who.uid}\n`);
    if (args.includes('-g')) return ok(`${who.gid}\n`);
    const uid = who.name ? `${who.uid}(${who.name})` : `${who.uid}`;
    const gid = who.name ? `${who.gid}(${who.name})` : `${who.gid}`;
    return ok(`uid=${uid} gid=${gid} groups=${who.groups}\n`);
  });
}

export function whoamiTool(tc: ToolContext) {
  return tool('whoami', () => {
    const who = identity(tc);
    if (!who.name) return fail(`whoami: cannot find name for user ID ${who.uid}\n`);
    return ok(`${who.name}\n`);
  });
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `date` in UTC from the engine clock (containers default to UTC). */
export function formatDate(ms: number, format?: string): string {
  const d = new Date(ms);
  if (!format) {
    return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
  }
  const codes: Record<string, string> = {
    Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()), S: pad(d.getUTCSeconds()), s: String(Math.floor(ms / 1000)), a: DAYS[d.getUTCDay()]!,
    b: MONTHS[d.getUTCMonth()]!, Z: 'UTC', z: '+0000', F: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    T: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`, '%': '%', n: '\n',
  };
  return format.replace(/%(.)/g, (match, code: string) => codes[code] ?? match);
}

export function dateTool(tc: ToolContext) {
  return tool('date', (args) => {
    const format = args.find((arg) => arg.startsWith('+'));
    return ok(`${formatDate(tc.ctx.now, format?.slice(1))}\n`);
  });
}
