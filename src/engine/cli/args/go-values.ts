// Go standard-library parsing as the docker client (a Go program) does it, so a bad value is
// rejected with the same words: strconv, time.ParseDuration, big.Rat, encoding/csv, go-units.

export type GoResult<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): GoResult<T> => ({ ok: true, value });
const fail = <T>(error: string): GoResult<T> => ({ ok: false, error });

/** Go's %q / strconv.Quote for the strings students type (ASCII escapes, printable Unicode kept). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c < 0xa0) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** Go's %q of a single byte (pflag quotes the offending shorthand letter this way). */
export function goQuoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  const q = goQuote(ch);
  return "'" + q.slice(1, -1).replace(/\\"/g, '"') + "'";
}

function numError(fn: string, s: string, what: 'invalid syntax' | 'value out of range'): string {
  return `strconv.${fn}: parsing ${goQuote(s)}: ${what}`;
}

/** Digits of an integer literal in Go syntax for base 0 (prefixes 0x 0o 0b 0, underscores). */
function parseGoUnsignedLiteral(s: string, base0: boolean): bigint | undefined {
  if (s === '') return undefined;
  let base = 10;
  let body = s;
  let prefixed = false;
  if (base0) {
    const lower = s.toLowerCase();
    if (lower.startsWith('0x')) [base, body, prefixed] = [16, s.slice(2), true];
    else if (lower.startsWith('0o')) [base, body, prefixed] = [8, s.slice(2), true];
    else if (lower.startsWith('0b')) [base, body, prefixed] = [2, s.slice(2), true];
    else if (s.length > 1 && s[0] === '0') [base, body, prefixed] = [8, s.slice(1), true];
  }
  if (body.includes('_')) {
    // Go accepts underscores only with base 0, between digits or right after a base prefix.
    if (!base0) return undefined;
    const ok = prefixed ? /^0[xob]?(_?[0-9a-z]+)+$/i.test(s) : /^\d+(_\d+)*$/.test(s);
    if (!ok) return undefined;
    body = body.replace(/_/g, '');
  }
  if (body === '') return prefixed && base === 8 && s === '0' ? 0n : undefined;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let v = 0n;
  const B = BigInt(base);
  for (const ch of body.toLowerCase()) {
    const d = digits.indexOf(ch);
    if (d < 0) return undefined;
    v = v * B + BigInt(d);
  }
  return v;
}

/** strconv.ParseInt(s, base, bits) with base 0 or 10. */
export function parseGoInt(s: string, bits = 64, base: 0 | 10 = 0): GoResult<number> {
  let body = s;
  let neg = false;
  if (body.startsWith('+') || body.startsWith('-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  const mag = parseGoUnsignedLiteral(body, base === 0);
  if (mag === undefined) return fail(numError('ParseInt', s, 'invalid syntax'));
  const v = neg ? -mag : mag;
  const max = (1n << BigInt(bits - 1)) - 1n;
  const min = -(1n << BigInt(bits - 1));
  if (v > max || v < min) return fail(numError('ParseInt', s, 'value out of range'));
  return ok(Number(v));
}

/** strconv.ParseUint(s, base, bits) with base 0 or 10. */
export function parseGoUint(s: string, bits = 64, base: 0 | 8 | 10 = 0): GoResult<number> {
  let mag: bigint | undefined;
  if (base === 8) mag = /^[0-7]+$/.test(s) ? BigInt('0o' + s) : undefined;
  else mag = parseGoUnsignedLiteral(s, base === 0);
  if (mag === undefined) return fail(numError('ParseUint', s, 'invalid syntax'));
  if (mag > (1n << BigInt(bits)) - 1n) return fail(numError('ParseUint', s, 'value out of range'));
  return ok(Number(mag));
}

const DEC_FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*|\d(?:_?\d)*\.)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const HEX_FLOAT = /^[+-]?0[xX](?:[0-9a-fA-F_]*\.?[0-9a-fA-F_]+|[0-9a-fA-F_]+\.)[pP][+-]?\d+$/;

/** strconv.ParseFloat(s, 64). */
export function parseGoFloat(s: string): GoResult<number> {
  const lower = s.toLowerCase().replace(/^[+-]/, '');
  if (lower === 'inf' || lower === 'infinity') return ok(s.startsWith('-') ? -Infinity : Infinity);
  if (lower === 'nan') return ok(NaN);
  if (DEC_FLOAT.test(s) && !s.includes('_')) {
    const v = Number(s);
    if (!Number.isFinite(v)) return fail(numError('ParseFloat', s, 'value out of range'));
    return ok(v);
  }
  if (HEX_FLOAT.test(s)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F_]*)\.?([0-9a-fA-F_]*)[pP]([+-]?\d+)$/.exec(s)!;
    const int = (m[2] ?? '').replace(/_/g, '');
    const frac = (m[3] ?? '').replace(/_/g, '');
    const mant = parseInt(int + frac || '0', 16);
    const v = mant * 2 ** (Number(m[4]) - 4 * frac.length);
    return ok(m[1] === '-' ? -v : v);
  }
  return fail(numError('ParseFloat', s, 'invalid syntax'));
}

/** strconv.ParseBool. */
export function parseGoBool(s: string): GoResult<boolean> {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return ok(true);
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return ok(false);
  return fail(numError('ParseBool', s, 'invalid syntax'));
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** time.ParseDuration; the value is in nanoseconds. */
export function parseGoDuration(orig: string): GoResult<number> {
  const invalid = () => fail<number>(`time: invalid duration ${goQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return ok(0);
  if (s === '') return invalid();
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const intPart = m[1] ?? '';
    const fracPart = m[2];
    if (intPart === '' && (fracPart === undefined || fracPart === '')) return invalid();
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (u === '') return fail(`time: missing unit in duration ${goQuote(orig)}`);
    const unit = DURATION_UNITS[u];
    if (unit === undefined) return fail(`time: unknown unit ${goQuote(u)} in duration ${goQuote(orig)}`);
    s = s.slice(u.length);
    total += Number(intPart || '0') * unit + (fracPart ? Number('0.' + fracPart) * unit : 0);
    if (total > 9223372036854775807) return invalid();
  }
  return ok(neg ? -Math.round(total) : Math.round(total));
}

/**
 * go-units RAMInBytes: "512m" = 512 MiB; binary multiples whatever the suffix spelling.
 */
export function ramInBytes(sizeStr: string): GoResult<number> {
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--) {
    if ('01234567890. '.includes(sizeStr[i]!)) {
      sep = i;
      break;
    }
  }
  if (sep === -1) return fail(`invalid size: '${sizeStr}'`);
  let num: string;
  let sfx: string;
  if (sizeStr[sep] !== ' ') {
    num = sizeStr.slice(0, sep + 1);
    sfx = sizeStr.slice(sep + 1);
  } else {
    num = sizeStr.slice(0, sep);
    sfx = sizeStr.slice(sep + 1);
  }
  const parsed = parseGoFloat(num);
  if (!parsed.ok) return parsed;
  let size = parsed.value;
  if (size < 0) return fail(`invalid size: '${sizeStr}'`);
  if (sfx.length === 0) return ok(Math.trunc(size));
  const badSuffix = () => fail<number>(`invalid suffix: '${sfx.length > 3 ? sfx : sfx.toLowerCase()}'`);
  if (sfx.length > 3) return badSuffix();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') {
    if (sfx.length > 1) return badSuffix();
    return ok(Math.trunc(size));
  }
  const mul = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }[sfx[0]!];
  if (mul === undefined) return badSuffix();
  size *= mul;
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) return badSuffix();
  return ok(Math.trunc(size));
}

/**
 * opts.ParseCPUs: a big.Rat literal ("1.5", "3/2", "2e-1") times 1e9, which must be whole.
 * Returns the number of nano-CPUs.
 */
export function parseNanoCpus(value: string): GoResult<number> {
  const rat = parseRat(value);
  if (!rat) return fail(`failed to parse ${value} as a rational number`);
  const [num, den] = rat;
  const nano = num * 1_000_000_000n;
  if (nano % den !== 0n) return fail('value is too precise');
  return ok(Number(nano / den));
}

function parseRat(s: string): [bigint, bigint] | undefined {
  const frac = /^([+-]?)(\d+)\/(\d+)$/.exec(s);
  if (frac) {
    const den = BigInt(frac[3]!);
    if (den === 0n) return undefined;
    const num = BigInt(frac[2]!);
    return [frac[1] === '-' ? -num : num, den];
  }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const fr = m[3] ?? '';
  if (int === '' && fr === '') return undefined;
  let digits = BigInt((int + fr) || '0');
  let exp = (m[4] ? Number(m[4]) : 0) - fr.length;
  if (m[1] === '-') digits = -digits;
  if (exp >= 0) return [digits * 10n ** BigInt(exp), 1n];
  return [digits, 10n ** BigInt(-exp)];
}

/**
 * encoding/csv Reader.Read for one line (as docker reads --mount, --gpus, string slices).
 */
export function readCsvLine(line: string): GoResult<string[]> {
  if (line === '') return fail('EOF');
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  // Go counts columns in bytes, 1-based; our students type ASCII here.
  for (;;) {
    if (i < n && line[i] === '"') {
      i++;
      let field = '';
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return fail(`parse error on line 1, column ${n + 1}: extraneous or missing " in quoted-field`);
        field += line.slice(i, q);
        i = q + 1;
        if (i < n && line[i] === '"') {
          field += '"';
          i++;
          continue;
        }
        if (i >= n || line[i] === ',') break;
        return fail(`parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`);
      }
      fields.push(field);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      const field = line.slice(i, end);
      const bare = field.indexOf('"');
      if (bare >= 0) return fail(`parse error on line 1, column ${i + bare + 1}: bare " in non-quoted-field`);
      fields.push(field);
      i = end;
    }
    if (i >= n) break;
    i++; // the comma
    if (i >= n) {
      fields.push('');
      break;
    }
  }
  return ok(fields);
}
