// What each docker flag type accepts (pflag's built-in values and docker/cli's opts package),
// with the client's own error words. A value that fails here is a flag-parsing error (exit 125).

import {
  type GoResult,
  parseGoBool,
  parseGoDuration,
  parseGoFloat,
  parseGoInt,
  parseGoUint,
  parseNanoCpus,
  ramInBytes,
  readCsvLine,
} from './go-values';
import { parseNormalizedNamed } from './reference';

export type FlagValue = boolean | string | string[] | number;

type Validator = (value: string) => GoResult<string>;

const ok = (value: string): GoResult<string> => ({ ok: true, value });
const fail = (error: string): GoResult<string> => ({ ok: false, error });

function validateEnv(val: string): GoResult<string> {
  const k = val.split('=')[0] ?? '';
  if (k === '') return fail('invalid environment variable: ' + val);
  return ok(val);
}

function validateLabel(value: string): GoResult<string> {
  const key = (value.split('=')[0] ?? '').replace(/^[ \t]+/, '');
  if (key === '') return fail(`invalid label '${value}': empty name`);
  if (/[ \t]/.test(key)) return fail(`label '${key}' contains whitespaces`);
  return ok(value);
}

/** net.ParseIP, enough for the addresses students type. */
export function parseIp(s: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    return s.split('.').every((p) => Number(p) <= 255 && (p === '0' || !p.startsWith('0')));
  }
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = [...groups(dbl[0]!), ...(dbl.length === 2 ? groups(dbl[1]!) : [])];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i]!;
    if (i === all.length - 1 && g.includes('.')) {
      if (!parseIp(g) || g.includes(':')) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count += 1;
    else return false;
  }
  return dbl.length === 2 ? count < 8 : count === 8;
}

function validateIpAddress(val: string): GoResult<string> {
  const t = val.trim();
  if (parseIp(t)) return ok(t);
  return fail(`IP address is not correctly formatted: ${val}`);
}

const domainRegexp =
  /^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\.?\s*$/;

function validateDnsSearch(raw: string): GoResult<string> {
  const val = raw.replace(/^ +| +$/g, '');
  if (val === '.') return ok(val);
  if (!/[a-zA-Z]/.test(val)) return fail(`${val} is not a valid domain`);
  const m = domainRegexp.exec(val);
  if (m && m[1] !== undefined && m[1].length < 255) return ok(m[1]);
  return fail(`${val} is not a valid domain`);
}

function validateExtraHost(val: string): GoResult<string> {
  let sep = val.indexOf('=');
  if (sep < 0) sep = val.indexOf(':');
  const k = sep < 0 ? '' : val.slice(0, sep);
  let v = sep < 0 ? '' : val.slice(sep + 1);
  if (sep < 0 || k === '' || k.includes(':')) return fail(`bad format for add-host: "${val}"`);
  if (v !== 'host-gateway') {
    if (v.length > 2 && v[0] === '[' && v[v.length - 1] === ']') v = v.slice(1, -1);
    if (!parseIp(v.trim())) return fail(`invalid IP address in add-host: "${v}"`);
  }
  return ok(`${k}:${v}`);
}

function validateLink(val: string): GoResult<string> {
  if (val === '') return fail('empty string specified for links');
  if (val.split(':').length > 2) return fail('bad format for links: ' + val);
  return ok(val);
}

function validateAttach(val: string): GoResult<string> {
  const s = val.toLowerCase();
  if (s === 'stdin' || s === 'stdout' || s === 'stderr') return ok(s);
  return fail('valid streams are STDIN, STDOUT and STDERR');
}

function validateDeviceCgroupRule(val: string): GoResult<string> {
  if (/^[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}$/.test(val)) return ok(val);
  return fail(`invalid device cgroup format '${val}'`);
}

function deviceParts(val: string): GoResult<[string, string]> {
  const i = val.indexOf(':');
  const k = i < 0 ? '' : val.slice(0, i);
  if (i < 0 || k === '') return { ok: false, error: `bad format: ${val}` };
  if (!k.startsWith('/dev/')) return { ok: false, error: `bad format for device path: ${val}` };
  return { ok: true, value: [k, val.slice(i + 1)] };
}

function validateThrottleBps(val: string): GoResult<string> {
  const p = deviceParts(val);
  if (!p.ok) return p;
  const rate = ramInBytes(p.value[1]);
  if (!rate.ok || rate.value < 0) {
    return fail(
      `invalid rate for device: ${val}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb`,
    );
  }
  return ok(val);
}

function validateThrottleIops(val: string): GoResult<string> {
  const p = deviceParts(val);
  if (!p.ok) return p;
  if (!parseGoUint(p.value[1], 64, 10).ok) {
    return fail(
      `invalid rate for device: ${val}. The correct format is <device-path>:<number>. Number must be a positive integer`,
    );
  }
  return ok(val);
}

function validateWeightDevice(val: string): GoResult<string> {
  const p = deviceParts(val);
  if (!p.ok) return p;
  const w = parseGoUint(p.value[1], 16, 10);
  if (!w.ok || (w.value > 0 && (w.value < 10 || w.value > 1000))) return fail(`invalid weight for device: ${val}`);
  return ok(val);
}

const SYSCTL_NAMES = new Set([
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.sem',
  'kernel.shmall',
  'kernel.shmmax',
  'kernel.shmmni',
  'kernel.shm_rmid_forced',
]);

function validateSysctl(val: string): GoResult<string> {
  const i = val.indexOf('=');
  const k = i < 0 ? '' : val.slice(0, i);
  if (i < 0 || k === '') return fail(`sysctl '${val}' is not allowed`);
  if (SYSCTL_NAMES.has(k) || k.startsWith('net.') || k.startsWith('fs.mqueue.')) return ok(val);
  return fail(`sysctl '${val}' is not allowed`);
}

function validateTag(val: string): GoResult<string> {
  const r = parseNormalizedNamed(val);
  return r.ok ? ok(val) : fail(r.error);
}

const CONTAINER_VALIDATORS: Record<string, Validator> = {
  attach: validateAttach,
  'blkio-weight-device': validateWeightDevice,
  dns: validateIpAddress,
  'dns-search': validateDnsSearch,
  'device-cgroup-rule': validateDeviceCgroupRule,
  'device-read-bps': validateThrottleBps,
  'device-read-iops': validateThrottleIops,
  'device-write-bps': validateThrottleBps,
  'device-write-iops': validateThrottleIops,
  env: validateEnv,
  'add-host': validateExtraHost,
  label: validateLabel,
  link: validateLink,
  sysctl: validateSysctl,
};

/** Validators docker/cli attaches to list/map flags, by canonical command path. */
const VALIDATORS: Record<string, Record<string, Validator>> = {
  'container run': CONTAINER_VALIDATORS,
  'container create': CONTAINER_VALIDATORS,
  'container exec': { env: validateEnv },
  'image build': { tag: validateTag, 'build-arg': validateEnv, label: validateLabel, 'add-host': validateExtraHost },
  'network connect': { link: validateLink },
  'network create': { label: validateLabel },
  'volume create': { label: validateLabel },
};

function validateFilter(value: string): GoResult<string> {
  if (!value.includes('=')) return fail('bad format of filter (expected name=value)');
  const i = value.indexOf('=');
  return ok(`${value.slice(0, i).trim().toLowerCase()}=${value.slice(i + 1).trim()}`);
}

function validateMount(value: string): GoResult<string> {
  const csv = readCsvLine(value);
  if (!csv.ok) return csv;
  let type = 'volume';
  let target = '';
  let readOnly = false;
  let bindRecursive = '';
  let propagation = '';
  const used = { volume: false, image: false, bind: false, tmpfs: false };
  for (const field of csv.value) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro') readOnly = true;
      else if (key === 'volume-nocopy') used.volume = true;
      else if (key === 'bind-nonrecursive') used.bind = true;
      else return fail(`invalid field '${field}' must be a key=value pair`);
      continue;
    }
    switch (key) {
      case 'type':
        type = val.toLowerCase();
        break;
      case 'source':
      case 'src':
      case 'consistency':
        break;
      case 'target':
      case 'dst':
      case 'destination':
        target = val;
        break;
      case 'readonly':
      case 'ro': {
        const b = parseGoBool(val);
        if (!b.ok) return fail(`invalid value for ${key}: ${val}`);
        readOnly = b.value;
        break;
      }
      case 'bind-propagation':
        used.bind = true;
        propagation = val.toLowerCase();
        break;
      case 'bind-nonrecursive':
        used.bind = true;
        if (!parseGoBool(val).ok) return fail(`invalid value for ${key}: ${val}`);
        break;
      case 'bind-recursive':
        used.bind = true;
        if (!['enabled', 'disabled', 'writable', 'readonly'].includes(val)) {
          return fail(`invalid value for ${key}: ${val} (must be "enabled", "disabled", "writable", or "readonly")`);
        }
        bindRecursive = val;
        break;
      case 'volume-subpath':
      case 'volume-label':
      case 'volume-driver':
      case 'volume-opt':
        used.volume = true;
        break;
      case 'volume-nocopy':
        used.volume = true;
        if (!parseGoBool(val).ok) return fail(`invalid value for volume-nocopy: ${val}`);
        break;
      case 'image-subpath':
        used.image = true;
        break;
      case 'tmpfs-size':
        used.tmpfs = true;
        if (!ramInBytes(val).ok) return fail(`invalid value for ${key}: ${val}`);
        break;
      case 'tmpfs-mode':
        used.tmpfs = true;
        if (!parseGoUint(val, 32, 8).ok) return fail(`invalid value for ${key}: ${val}`);
        break;
      default:
        return fail(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (type === '') return fail('type is required');
  if (target === '') return fail('target is required');
  for (const kind of ['volume', 'image', 'bind', 'tmpfs'] as const) {
    if (used[kind] && type !== kind) return fail(`cannot mix '${kind}-*' options with mount type '${type}'`);
  }
  if (bindRecursive === 'writable' && !readOnly) {
    return fail("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
  }
  if (bindRecursive === 'readonly') {
    if (!readOnly) return fail("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
    if (propagation !== 'rprivate') {
      return fail("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
    }
  }
  return ok(value);
}

function validateNetwork(value: string): GoResult<string> {
  if (!/\w+=\w+(,\w+=\w+)*/.test(value)) return ok(value);
  const csv = readCsvLine(value);
  if (!csv.ok) return csv;
  let target = '';
  for (const field of csv.value) {
    const lower = field.toLowerCase();
    const eq = lower.indexOf('=');
    if (eq <= 0) return fail(`invalid field ${field}`);
    const key = lower.slice(0, eq).trim();
    const val = lower.slice(eq + 1).trim();
    switch (key) {
      case 'name':
        target = val;
        break;
      case 'alias':
      case 'ip':
      case 'ip6':
      case 'mac-address':
      case 'link-local-ip':
        break;
      case 'driver-opt': {
        const e = val.indexOf('=');
        if (e <= 0 || val.slice(0, e).trim() === '') return fail('invalid key value pair format in driver options');
        break;
      }
      case 'gw-priority': {
        const n = parseGoInt(val, 64, 10);
        if (!n.ok) return fail(`invalid gw-priority (${val}): ${n.error.replace(/^.*: /, '')}`);
        break;
      }
      default:
        return fail('invalid field key ' + key);
    }
  }
  if (target === '') return fail('network name/id is not specified');
  return ok(value);
}

const ULIMIT_NAMES = new Set([
  'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio',
  'rttime', 'sigpending', 'stack',
]);

function validateUlimit(val: string): GoResult<string> {
  const eq = val.indexOf('=');
  if (eq < 0) return fail(`invalid ulimit argument: ${val}`);
  const name = val.slice(0, eq);
  if (!ULIMIT_NAMES.has(name)) return fail(`invalid ulimit type: ${name}`);
  const limits = val.slice(eq + 1).split(':');
  if (limits.length > 2) {
    return fail(`too many limit value arguments - ${val.slice(eq + 1)}, can only have up to two, \`soft[:hard]\``);
  }
  let hard: number | undefined;
  if (limits.length === 2) {
    const h = parseGoInt(limits[1]!, 64, 10);
    if (!h.ok) return fail(h.error);
    hard = h.value;
  }
  const s = parseGoInt(limits[0]!, 64, 10);
  if (!s.ok) return fail(s.error);
  const soft = s.value;
  const effectiveHard = hard ?? soft;
  if (effectiveHard !== -1) {
    if (soft === -1) {
      return fail(`ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: ${effectiveHard}`);
    }
    if (soft > effectiveHard) return fail(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${effectiveHard}`);
  }
  return ok(val);
}

function validateGpus(value: string): GoResult<string> {
  const csv = readCsvLine(value);
  if (!csv.ok) return csv;
  const seen = new Set<string>();
  const count = (v: string): GoResult<string> => {
    if (v === 'all') return ok(v);
    const n = parseGoInt(v, 64, 10);
    return n.ok ? ok(v) : fail(`invalid count (${v}): value must be either "all" or an integer: ${n.error.replace(/^.*: /, '')}`);
  };
  for (const field of csv.value) {
    const eq = field.indexOf('=');
    const key = eq < 0 ? field : field.slice(0, eq);
    const val = eq < 0 ? '' : field.slice(eq + 1);
    if (seen.has(key)) return fail(`gpu request key '${key}' can be specified only once`);
    seen.add(key);
    if (eq < 0) {
      seen.add('count');
      const c = count(key);
      if (!c.ok) return c;
      continue;
    }
    if (key === 'count') {
      const c = count(val);
      if (!c.ok) return c;
    } else if (key === 'options') {
      const o = readCsvLine(val);
      if (!o.ok) return fail(`failed to read gpu options: ${o.error}`);
    } else if (!['driver', 'device', 'capabilities'].includes(key)) {
      return fail(`unexpected key '${key}' in '${field}'`);
    }
  }
  return ok(value);
}

export interface ValueFlag {
  name: string;
  type: string;
}

/**
 * Applies one occurrence of a flag to its current value, as the flag's pflag.Value.Set does.
 * `commandKey` is the canonical command path ("container run") that picks list validators.
 */
export function applyFlagValue(
  commandKey: string,
  flag: ValueFlag,
  raw: string,
  current: FlagValue | undefined,
): GoResult<FlagValue> {
  const list = (v: GoResult<string> | string): GoResult<FlagValue> => {
    const r = typeof v === 'string' ? ok(v) : v;
    if (!r.ok) return r;
    return { ok: true, value: [...((current as string[] | undefined) ?? []), r.value] };
  };
  switch (flag.type) {
    case 'bool':
      return parseGoBool(raw);
    case 'string':
      return { ok: true, value: raw };
    case 'int':
      return parseGoInt(raw, 64);
    case 'uint':
      return parseGoUint(raw, 64);
    case 'uint16':
      return parseGoUint(raw, 16);
    case 'uint32':
      return parseGoUint(raw, 32);
    case 'float':
      return parseGoFloat(raw);
    case 'duration':
      return parseGoDuration(raw);
    case 'bytes':
      // MemSwapBytes (--memory-swap) takes -1 for "unlimited".
      if (flag.name === 'memory-swap' && raw === '-1') return { ok: true, value: -1 };
      return ramInBytes(raw);
    case 'decimal': {
      const r = parseNanoCpus(raw);
      return r.ok ? { ok: true, value: r.value / 1e9 } : r;
    }
    case 'filter':
      // An empty filter is accepted and ignored.
      if (raw === '') return { ok: true, value: (current as string[] | undefined) ?? [] };
      return list(validateFilter(raw));
    case 'list':
    case 'map': {
      const v = VALIDATORS[commandKey]?.[flag.name];
      return list(v ? v(raw) : raw);
    }
    case 'mount':
      return list(validateMount(raw));
    case 'network':
      return list(validateNetwork(raw));
    case 'ulimit':
      return list(validateUlimit(raw));
    case 'gpu-request':
      return list(validateGpus(raw));
    case 'strings': {
      // pflag stringSlice: comma-separated (CSV) values, appended on each use.
      const csv = raw === '' ? ({ ok: true, value: [] } as GoResult<string[]>) : readCsvLine(raw);
      if (!csv.ok) return csv;
      return { ok: true, value: [...((current as string[] | undefined) ?? []), ...csv.value] };
    }
    case 'stringToString': {
      const csv = raw === '' ? ({ ok: true, value: [] } as GoResult<string[]>) : readCsvLine(raw);
      if (!csv.ok) return csv;
      for (const pair of csv.value) if (!pair.includes('=')) return { ok: false, error: `${pair} must be formatted as key=value` };
      return { ok: true, value: [...((current as string[] | undefined) ?? []), ...csv.value] };
    }
    default:
      return list(raw);
  }
}
