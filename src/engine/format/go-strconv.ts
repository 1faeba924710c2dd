// The pieces of Go's strconv that Docker's output depends on: Quote (the quoted COMMAND column
// of `docker ps`, printf %q) and FormatFloat (printf %f/%e/%g, %v of a float64). Floats are
// rounded on their exact binary value, half to even, as strconv does.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(code: number): boolean {
  if (code >= 0x20 && code < 0x7f) return true;
  if (code < 0xa1) return false;
  return PRINTABLE.test(String.fromCodePoint(code));
}

const SHORT_ESCAPES: Record<number, string> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

function quoteWith(text: string, quote: '"' | "'", asciiOnly: boolean): string {
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0xfffd;
    if (code === quote.charCodeAt(0) || code === 0x5c) {
      out += `\\${ch}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate would be invalid UTF-8 in Go: strconv writes the replacement rune.
      out += asciiOnly ? '\\ufffd' : '\ufffd';
    } else if (asciiOnly ? code >= 0x20 && code < 0x7f : isGoPrint(code)) {
      out += ch;
    } else if (SHORT_ESCAPES[code] !== undefined) {
      out += SHORT_ESCAPES[code];
    } else if (code < 0x20 || code === 0x7f) {
      out += `\\x${hex(code, 2)}`;
    } else if (code < 0x10000) {
      out += `\\u${hex(code, 4)}`;
    } else {
      out += `\\U${hex(code, 8)}`;
    }
  }
  return out + quote;
}

/** strconv.Quote: `"…"` with Go escapes; printable Unicode (like `…`) is kept as is. */
export function goQuote(text: string): string {
  return quoteWith(text, '"', false);
}

/** strconv.QuoteToASCII (printf `%+q`). */
export function goQuoteAscii(text: string): string {
  return quoteWith(text, '"', true);
}

/** strconv.QuoteRune (printf `%q` of an integer). */
export function goQuoteRune(code: number): string {
  const valid = code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return quoteWith(String.fromCodePoint(valid ? code : 0xfffd), "'", false);
}

/** strconv.CanBackquote (printf `%#q`). */
export function canBackquote(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0x60 || code === 0xfeff) return false;
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return false;
  }
  return true;
}

/** Decimal digits d1 d2 … with the value 0.d1d2… × 10^point (no leading/trailing zeros). */
interface Decimal {
  digits: string;
  point: number;
}

function exactDecimal(value: number): Decimal {
  // A finite double is m × 2^e exactly; its decimal expansion is finite.
  if (value === 0) return { digits: '', point: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  let digits: string;
  let fractionDigits: number;
  if (exponent >= 0) {
    digits = (mantissa << BigInt(exponent)).toString();
    fractionDigits = 0;
  } else {
    digits = (mantissa * 5n ** BigInt(-exponent)).toString();
    fractionDigits = -exponent;
  }
  let point = digits.length - fractionDigits;
  const leading = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leading);
  point -= leading;
  return { digits: digits.replace(/0+$/, ''), point };
}

/** Rounds to `count` digits (may be ≤ 0), half to even on exact ties, trimming trailing zeros. */
function roundDecimal(d: Decimal, count: number): Decimal {
  if (count < 0 || count >= d.digits.length) return d;
  const next = d.digits.charCodeAt(count) - 48;
  let up = next > 5;
  if (next === 5) {
    const exactHalf = count + 1 === d.digits.length;
    const previousOdd = count > 0 && (d.digits.charCodeAt(count - 1) - 48) % 2 === 1;
    up = !exactHalf || previousOdd;
  }
  let kept = d.digits.slice(0, count);
  let point = d.point;
  if (up) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === '9') i--;
    if (i < 0) {
      kept = '1';
      point += 1;
    } else {
      kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
    }
  }
  return { digits: kept.replace(/0+$/, ''), point };
}

/** Shortest digits that read back as the same float64 (Go and JS agree on these). */
function shortestDecimal(value: number): Decimal {
  if (value === 0) return { digits: '', point: 0 };
  const [mantissa = '0', exp = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, point: Number(exp) + 1 };
}

function digitAt(d: Decimal, i: number): string {
  return i < d.digits.length ? (d.digits[i] as string) : '0';
}

function formatE(d: Decimal, prec: number, upper: boolean): string {
  let out = d.digits.length === 0 ? '0' : digitAt(d, 0);
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.digits.length === 0 ? 0 : d.point - 1;
  const absExp = Math.abs(exp);
  return `${out}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${absExp < 10 ? `0${absExp}` : absExp}`;
}

function formatF(d: Decimal, prec: number): string {
  let out = '';
  if (d.point > 0) {
    for (let i = 0; i < d.point; i++) out += digitAt(d, i);
  } else {
    out = '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      const index = d.point + i;
      out += index < 0 ? '0' : digitAt(d, index);
    }
  }
  return out;
}

export type FloatFormat = 'e' | 'E' | 'f' | 'F' | 'g' | 'G';

/** strconv.FormatFloat(value, fmt, prec, 64); prec -1 means the shortest exact representation. */
export function formatGoFloat(value: number, format: FloatFormat, prec: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const negative = value < 0 || Object.is(value, -0);
  const sign = negative ? '-' : '';
  const shortest = prec < 0;
  let d: Decimal;
  let p = prec;
  if (shortest) {
    d = shortestDecimal(value);
    if (format === 'e' || format === 'E') p = Math.max(d.digits.length - 1, 0);
    else if (format === 'f' || format === 'F') p = Math.max(d.digits.length - d.point, 0);
    else p = d.digits.length;
  } else {
    d = exactDecimal(value);
    if (format === 'e' || format === 'E') d = roundDecimal(d, p + 1);
    else if (format === 'f' || format === 'F') d = roundDecimal(d, d.point + p);
    else {
      if (p === 0) p = 1;
      d = roundDecimal(d, p);
    }
  }
  switch (format) {
    case 'e':
    case 'E':
      return sign + formatE(d, p, format === 'E');
    case 'f':
    case 'F':
      return sign + formatF(d, p);
    default: {
      let eprec = p;
      if (eprec > d.digits.length && d.digits.length >= d.point) eprec = d.digits.length;
      if (shortest) eprec = 6;
      const exp = d.point - 1;
      if (d.digits.length > 0 && (exp < -4 || exp >= eprec)) {
        if (p > d.digits.length) p = d.digits.length;
        return sign + formatE(d, p - 1, format === 'G');
      }
      if (p > d.point) p = d.digits.length;
      return sign + formatF(d, Math.max(p - d.point, 0));
    }
  }
}
