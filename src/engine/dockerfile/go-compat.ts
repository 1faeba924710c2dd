// Small ports of the Go standard-library behaviour BuildKit's Dockerfile frontend relies on:
// strconv.Quote, fmt's %q/%v of string slices, unicode.IsSpace, time.Duration parsing and
// printing, and the Levenshtein "did you mean" search of buildkit/util/suggest.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Go's strconv.Quote: double-quoted, with Go escapes for non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') {
      out += '\\' + ch;
      continue;
    }
    if (cp >= 0x20 && cp < 0x7f) {
      out += ch;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate is what invalid UTF-8 becomes here; Go prints U+FFFD for it.
      out += '\ufffd';
      continue;
    }
    if (cp > 0x7f && PRINTABLE.test(ch)) {
      out += ch;
      continue;
    }
    switch (cp) {
      case 0x07: out += '\\a'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x0b: out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + '"';
}

/** fmt.Sprintf("%q", []string{...}): `["a" "b"]`. */
export function goQuoteList(list: readonly string[]): string {
  return '[' + list.map(goQuote).join(' ') + ']';
}

/** fmt.Sprintf("%v", []string{...}): `[a b]`. */
export function goList(list: readonly string[]): string {
  return '[' + list.join(' ') + ']';
}

/** Go's %q of an int: a single-quoted character literal (`'\x03'`). */
export function goQuoteRune(n: number): string {
  if (n === 0x27) return "'\\''";
  if (n === 0x5c) return "'\\\\'";
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
  const esc = named[n];
  if (esc) return `'${esc}'`;
  if (n >= 0x20 && n < 0x7f) return `'${String.fromCharCode(n)}'`;
  if (n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return "'\ufffd'";
  if (n < 0x20 || n === 0x7f) return "'\\x" + hex(n, 2) + "'";
  const ch = String.fromCodePoint(n);
  if (PRINTABLE.test(ch)) return `'${ch}'`;
  return n < 0x10000 ? "'\\u" + hex(n, 4) + "'" : "'\\U" + hex(n, 8) + "'";
}

/** unicode.IsSpace for one UTF-16 code unit. */
export function isGoSpace(c: string | undefined): boolean {
  switch (c) {
    case ' ': case '\t': case '\n': case '\v': case '\f': case '\r': case '\u0085': case '\u00a0':
    case '\u1680': case '\u2028': case '\u2029': case '\u202f': case '\u205f': case '\u3000':
      return true;
  }
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code >= 0x2000 && code <= 0x200a;
}

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s[start])) start++;
  while (end > start && isGoSpace(s[end - 1])) end--;
  return s.slice(start, end);
}

export function goTrimLeftSpace(s: string): string {
  let start = 0;
  while (start < s.length && isGoSpace(s[start])) start++;
  return s.slice(start);
}

/** The `[\t\v\f\r ]` class BuildKit's parser splits words on (reWhitespace). */
export function isReWhitespace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r';
}

/** regexp `[\t\v\f\r ]+`.Split(s, n) with n = 2 or -1. */
export function splitReWhitespace(s: string, limit: number): string[] {
  const out: string[] = [];
  let i = 0;
  let start = 0;
  while (i < s.length) {
    if (limit > 0 && out.length === limit - 1) break;
    if (isReWhitespace(s[i])) {
      out.push(s.slice(start, i));
      while (i < s.length && isReWhitespace(s[i])) i++;
      start = i;
    } else {
      i++;
    }
  }
  out.push(s.slice(start));
  return out;
}

// time.Duration -------------------------------------------------------------------------

const UNIT_NS: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

/** time.ParseDuration; returns nanoseconds, or an error text as Go words it. */
export function parseGoDuration(s: string): number | { error: string } {
  const orig = s;
  const bad = { error: `time: invalid duration ${goQuote(orig)}` };
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return bad;
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return bad;
    s = s.slice(m[0].length);
    const u = /^[^0-9.]+/.exec(s);
    if (!u) return { error: `time: missing unit in duration ${goQuote(orig)}` };
    const unit = UNIT_NS[u[0]];
    if (unit === undefined) return { error: `time: unknown unit ${goQuote(u[0])} in duration ${goQuote(orig)}` };
    s = s.slice(u[0].length);
    const value = Number(`${m[1] || '0'}.${m[2] ?? '0'}`);
    total += Math.round(value * unit);
  }
  if (total > 9223372036854775807) return bad;
  return neg ? -total : total;
}

function fmtFrac(v: number, prec: number): { text: string; rest: number } {
  // Integer nanoseconds split into whole units and the fraction Go prints without trailing zeros.
  let text = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10;
    print = print || digit !== 0;
    if (print) text = String(digit) + text;
    v = Math.floor(v / 10);
  }
  if (print) text = '.' + text;
  return { text, rest: v };
}

/** time.Duration.String(): `30s`, `1m30s`, `1h0m0s`, `500ms`, `0s`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    let unit: string;
    let prec: number;
    if (u < 1e3) return (neg ? '-' : '') + `${u}ns`;
    if (u < 1e6) { unit = 'µs'; prec = 3; } else { unit = 'ms'; prec = 6; }
    const f = fmtFrac(u, prec);
    out = `${f.rest}${f.text}${unit}`;
  } else {
    const f = fmtFrac(u, 9);
    u = f.rest;
    out = `${u % 60}${f.text}s`;
    u = Math.floor(u / 60);
    if (u > 0) {
      out = `${u % 60}m` + out;
      u = Math.floor(u / 60);
      if (u > 0) out = `${u}h` + out;
    }
  }
  return (neg ? '-' : '') + out;
}

// Suggestions ---------------------------------------------------------------------------

/** Levenshtein distance with unit costs (agext/levenshtein with default params). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Array<number>(y.length + 1);
  let cur = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length] ?? 0;
}

function matchCase(value: string, orig: string): string {
  if (orig === orig.toLowerCase()) return value.toLowerCase();
  if (orig === orig.toUpperCase()) return value.toUpperCase();
  return value;
}

/**
 * buildkit/util/suggest.Search: the closest option within edit distance 2, or '' when
 * nothing is close or the value is itself an option. Go iterates a map here, so ties are
 * random in BuildKit; we take the first option in the order given.
 */
export function suggest(value: string, options: readonly string[], caseSensitive: boolean): string {
  const val = caseSensitive ? value : value.toLowerCase();
  let match = '';
  let min = 3;
  for (const raw of options) {
    const opt = caseSensitive ? raw : raw.toLowerCase();
    if (opt === val) return '';
    const d = levenshtein(val, opt);
    if (d < min) {
      match = caseSensitive ? opt : matchCase(opt, value);
      min = d;
    }
  }
  return match;
}

/** suggest.WrapError: appends ` (did you mean X?)` when a close option exists. */
export function withSuggestion(message: string, value: string, options: readonly string[], caseSensitive: boolean): string {
  const match = suggest(value, options, caseSensitive);
  return match ? `${message} (did you mean ${match}?)` : message;
}
