// Go's fmt printing of template values: `{{.Config.Env}}` → `[a b]`, maps → `map[k:v]` with sorted
// keys, structs → `{v1 v2}`, nil → `<nil>`, and the print/println/printf template functions,
// including fmt's `%!d(string=x)` complaints.

import { canBackquote, formatGoFloat, goQuote, goQuoteAscii, goQuoteRune } from './go-strconv';
import type { FloatFormat } from './go-strconv';
import { goKind, goMapEntries, goNumber, goSliceItems, goStructFields, goTypeName, utf8Bytes } from './go-value';

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  precision: number | undefined;
}

const PLAIN: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: undefined, precision: undefined };

const runeLength = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

function pad(text: string, spec: Spec, numeric = false): string {
  if (spec.width === undefined) return text;
  const missing = spec.width - runeLength(text);
  if (missing <= 0) return text;
  if (spec.minus) return text + ' '.repeat(missing);
  if (spec.zero && numeric) {
    const signLength = /^[+\- ]/.test(text) ? 1 : 0;
    return text.slice(0, signLength) + '0'.repeat(missing) + text.slice(signLength);
  }
  return ' '.repeat(missing) + text;
}

function badVerb(verb: string, value: unknown): string {
  if (value === undefined || value === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(value)}=${formatValue(value)})`;
}

function formatInteger(value: number | bigint, verb: string, spec: Spec): string {
  const big = BigInt(value);
  const negative = big < 0n;
  const abs = negative ? -big : big;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'd':
    case 'v':
      digits = abs.toString(10);
      break;
    case 'b':
      digits = abs.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (spec.sharp && digits !== '0') prefix = '0';
      break;
    case 'x':
      digits = abs.toString(16);
      if (spec.sharp) prefix = '0x';
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      if (spec.sharp) prefix = '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(abs) <= 0x10ffff ? Number(abs) : 0xfffd), spec);
    case 'q':
      return pad(goQuoteRune(Number(big)), spec);
    case 'U': {
      const hexDigits = abs.toString(16).toUpperCase().padStart(4, '0');
      return pad(`U+${hexDigits}`, spec);
    }
    default:
      return badVerb(verb, value);
  }
  if (spec.precision !== undefined) {
    digits = spec.precision === 0 && abs === 0n ? '' : digits.padStart(spec.precision, '0');
  }
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const zeroPad = spec.zero && spec.precision === undefined && !spec.minus;
  if (zeroPad && spec.width !== undefined) {
    const body = prefix + digits;
    const missing = spec.width - sign.length - body.length;
    return sign + prefix + (missing > 0 ? '0'.repeat(missing) : '') + digits;
  }
  return pad(sign + prefix + digits, { ...spec, zero: false });
}

function formatFloat(value: number, verb: string, spec: Spec): string {
  let format: FloatFormat;
  let precision = spec.precision;
  switch (verb) {
    case 'v':
      format = 'g';
      precision = spec.precision ?? -1;
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
      format = verb;
      precision = spec.precision ?? 6;
      break;
    case 'g':
    case 'G':
      format = verb;
      precision = spec.precision ?? -1;
      break;
    default:
      return badVerb(verb, value);
  }
  let text = formatGoFloat(value, format, precision);
  if (spec.plus && !text.startsWith('-')) text = `+${text}`;
  else if (spec.space && !text.startsWith('-')) text = ` ${text}`;
  const finite = Number.isFinite(value);
  return pad(text, spec, finite && !spec.minus);
}

function formatString(value: string, verb: string, spec: Spec): string {
  switch (verb) {
    case 's':
    case 'v': {
      const text = spec.precision === undefined ? value : Array.from(value).slice(0, spec.precision).join('');
      return pad(text, spec);
    }
    case 'q': {
      const text = spec.precision === undefined ? value : Array.from(value).slice(0, spec.precision).join('');
      if (spec.sharp && canBackquote(text)) return pad(`\`${text}\``, spec);
      return pad(spec.plus ? goQuoteAscii(text) : goQuote(text), spec);
    }
    case 'x':
    case 'X': {
      let bytes = utf8Bytes(value);
      if (spec.precision !== undefined) bytes = bytes.slice(0, spec.precision);
      const hexText = bytes.map((b) => b.toString(16).padStart(2, '0')).join(spec.space ? ' ' : '');
      return pad(verb === 'X' ? hexText.toUpperCase() : hexText, spec);
    }
    default:
      return badVerb(verb, value);
  }
}

/** Formats one operand for a verb, the way fmt's printValue does (element-wise for containers). */
function formatOperand(value: unknown, verb: string, spec: Spec, depth: number): string {
  switch (goKind(value)) {
    case 'invalid':
    case 'nil':
      return verb === 'v' ? pad('<nil>', spec) : badVerb(verb, null);
    case 'string':
      return formatString(value as string, verb, spec);
    case 'bool':
      return verb === 't' || verb === 'v' ? pad(String(value), spec) : badVerb(verb, value);
    case 'int':
      return formatInteger(value as number | bigint, verb, spec);
    case 'float':
      return formatFloat(goNumber(value), verb, spec);
    case 'slice':
      return pad(`[${goSliceItems(value).map((item) => formatOperand(item, verb, PLAIN_WITH(spec), depth + 1)).join(' ')}]`, spec);
    case 'map':
      return pad(
        `map[${goMapEntries(value)
          .map(([k, v]) => `${formatOperand(k, verb, PLAIN_WITH(spec), depth + 1)}:${formatOperand(v, verb, PLAIN_WITH(spec), depth + 1)}`)
          .join(' ')}]`,
        spec,
      );
    case 'struct': {
      const fields = goStructFields(value as object).map(([name, field]) => {
        const text = formatOperand(field, verb, PLAIN_WITH(spec), depth + 1);
        return spec.plus && verb === 'v' ? `${name}:${text}` : text;
      });
      return pad(`{${fields.join(' ')}}`, spec);
    }
    case 'func':
      return pad('0x0', spec);
  }
}

/** Inner elements keep only the flags fmt passes down (+ and #), not the width. */
function PLAIN_WITH(spec: Spec): Spec {
  return { ...PLAIN, plus: spec.plus, sharp: spec.sharp };
}

/** `%v` of any value: what `{{.Field}}` prints. */
export function formatValue(value: unknown, plus = false): string {
  return formatOperand(value, 'v', { ...PLAIN, plus }, 0);
}

/** fmt.Sprint: operands concatenated, with a space between two operands when neither is a string. */
export function goSprint(args: readonly unknown[]): string {
  let out = '';
  let previousString = false;
  args.forEach((arg, index) => {
    const isString = typeof arg === 'string';
    if (index > 0 && !isString && !previousString) out += ' ';
    out += formatValue(arg);
    previousString = isString;
  });
  return out;
}

/** fmt.Sprintln: operands separated by spaces, then a newline. */
export function goSprintln(args: readonly unknown[]): string {
  return `${args.map((arg) => formatValue(arg)).join(' ')}\n`;
}

/** fmt.Sprintf for the verbs docker users type: %s %v %+v %d %q %x %X %o %b %c %U %t %e %f %g and flags/width/precision. */
export function goSprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argIndex = 0;
  let i = 0;
  while (i < format.length) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    i = percent + 1;
    const spec: Spec = { ...PLAIN };
    for (; i < format.length; i++) {
      const flag = format[i];
      if (flag === '-') spec.minus = true;
      else if (flag === '+') spec.plus = true;
      else if (flag === '#') spec.sharp = true;
      else if (flag === ' ') spec.space = true;
      else if (flag === '0') spec.zero = !spec.minus;
      else break;
    }
    const readNumber = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const arg = args[argIndex++];
        return typeof arg === 'number' && Number.isInteger(arg) ? arg : undefined;
      }
      const start = i;
      while (i < format.length && format.charCodeAt(i) >= 48 && format.charCodeAt(i) <= 57) i++;
      return i > start ? Math.min(Number(format.slice(start, i)), 1_000_000) : undefined;
    };
    spec.width = readNumber();
    if (spec.width !== undefined && spec.width < 0) {
      spec.minus = true;
      spec.width = -spec.width;
    }
    if (format[i] === '.') {
      i++;
      spec.precision = readNumber() ?? 0;
    }
    if (spec.minus) spec.zero = false;
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0x3f);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argIndex++];
    out += verb === 'T' ? pad(arg === undefined || arg === null ? '<nil>' : goTypeName(arg), spec) : formatOperand(arg, verb, spec, 0);
  }
  if (argIndex < args.length) {
    const extra = args
      .slice(argIndex)
      .map((arg) => (arg === undefined || arg === null ? '<nil>' : `${goTypeName(arg)}=${formatValue(arg)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
