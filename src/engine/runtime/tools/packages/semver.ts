// The part of node-semver's range grammar that package.json files use: `^1.2.3`, `~1.2`,
// `1.x`, `*`, `>= 2.1.2 < 3`, `1.2.3 - 2.0.0`, `a || b`, exact versions and dist-tags.

type Version = [number, number, number];

export function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function compareSemver(a: string, b: string): number {
  const x = parseVersion(a) ?? [0, 0, 0];
  const y = parseVersion(b) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

type Comparator = { op: '<' | '<=' | '>' | '>=' | '='; version: Version };

/** `1.2` → lower bound and the exclusive upper bound of that partial version. */
function partial(text: string): { low: Version; high?: Version; parts: number } | undefined {
  const match = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+].*)?$/.exec(text);
  if (!match) return undefined;
  const nums = [match[1], match[2], match[3]].map((part) => (part === undefined || /[xX*]/.test(part) ? undefined : Number(part)));
  const parts = nums.findIndex((n) => n === undefined);
  const count = parts === -1 ? 3 : parts;
  const low: Version = [nums[0] ?? 0, count > 1 ? nums[1]! : 0, count > 2 ? nums[2]! : 0];
  if (count === 3) return { low, parts: 3 };
  if (count === 0) return { low: [0, 0, 0], parts: 0 };
  const high: Version = count === 1 ? [low[0] + 1, 0, 0] : [low[0], low[1] + 1, 0];
  return { low, high, parts: count };
}

function comparators(range: string): Comparator[] | undefined {
  const text = range.trim().replace(/([<>=~^]+)\s+/g, '$1');
  if (text === '' || text === '*' || text === 'latest' || text === 'x') return [];
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
  if (hyphen) {
    const from = partial(hyphen[1]!);
    const to = partial(hyphen[2]!);
    if (!from || !to) return undefined;
    return [{ op: '>=', version: from.low }, to.high ? { op: '<', version: to.high } : { op: '<=', version: to.low }];
  }
  const out: Comparator[] = [];
  for (const token of text.split(/\s+/)) {
    const match = /^(\^|~|>=|<=|>|<|=)?(.+)$/.exec(token);
    if (!match) return undefined;
    const [, op = '', rest = ''] = match;
    const p = partial(rest);
    if (!p) return undefined;
    if (op === '^') {
      const [major, minor, patch] = p.low;
      const high: Version = major > 0 || p.parts <= 1 ? [major + 1, 0, 0] : minor > 0 || p.parts === 2 ? [0, minor + 1, 0] : [0, 0, patch + 1];
      out.push({ op: '>=', version: p.low }, { op: '<', version: high });
    } else if (op === '~') {
      const high: Version = p.parts <= 1 ? [p.low[0] + 1, 0, 0] : [p.low[0], p.low[1] + 1, 0];
      out.push({ op: '>=', version: p.low }, { op: '<', version: high });
    } else if (op === '' || op === '=') {
      if (p.parts === 3) out.push({ op: '=', version: p.low });
      else if (p.parts > 0) out.push({ op: '>=', version: p.low }, { op: '<', version: p.high! });
    } else if (op === '>' && p.high) out.push({ op: '>=', version: p.high });
    else if (op === '<=' && p.high) out.push({ op: '<', version: p.high });
    else out.push({ op: op as Comparator['op'], version: p.low });
  }
  return out;
}

function cmp(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** True when `version` satisfies the range; a range semver cannot read matches nothing. */
export function satisfiesRange(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return range.split('||').some((part) => {
    const list = comparators(part);
    if (!list) return false;
    return list.every(({ op, version: target }) => {
      const c = cmp(v, target);
      return op === '=' ? c === 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    });
  });
}

/** The major version a range aims at (`^4.18.2` → 4), when it names one. */
export function rangeMajor(range: string): number | undefined {
  const match = /(\d+)/.exec(range.split('||')[0] ?? '');
  return match ? Number(match[1]) : undefined;
}
