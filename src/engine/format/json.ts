// JSON as Go's encoding/json writes it for Docker. `docker inspect` prints the daemon's JSON
// (encoded with SetEscapeHTML(false)) re-indented by json.Indent with 4 spaces; the `json`
// template function uses an encoder with SetEscapeHTML(false) too. So by default `<`, `>`, `&`
// are kept as is, while U+2028/U+2029 are always escaped, as Go does.

import { GO_JSON, goKind, goMapEntries, goNumber, goSliceItems, isGoNil } from './go-value';

export interface GoJsonOptions {
  /** Spaces per level (0 = compact, like json.Marshal). */
  indent?: number;
  /** json.Marshal's default HTML-safe escaping (`\u003c`, `\u003e`, `\u0026`); Docker's output has it off. */
  escapeHtml?: boolean;
}

const hex4 = (code: number): string => code.toString(16).padStart(4, '0');

/** A Go JSON string literal. */
export function goJsonString(text: string, escapeHtml = false): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let escape: string | undefined;
    if (code < 0x20) {
      escape =
        code === 0x08 ? '\\b' : code === 0x0c ? '\\f' : code === 0x0a ? '\\n' : code === 0x0d ? '\\r' : code === 0x09 ? '\\t' : `\\u${hex4(code)}`;
    } else if (code === 0x22) {
      escape = '\\"';
    } else if (code === 0x5c) {
      escape = '\\\\';
    } else if (escapeHtml && (code === 0x3c || code === 0x3e || code === 0x26)) {
      escape = `\\u${hex4(code)}`;
    } else if (code === 0x2028 || code === 0x2029) {
      escape = `\\u${hex4(code)}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      // A lone surrogate is invalid UTF-8 to Go, which writes the replacement character.
      escape = '\\ufffd';
    }
    if (escape !== undefined) {
      out += text.slice(start, i) + escape;
      start = i + 1;
    }
  }
  return `${out}${text.slice(start)}"`;
}

/** A Go JSON number: integers in full, floats in Go's shortest form (`1e-7`, `1e+21`). */
export function goJsonNumber(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (!Number.isFinite(value)) return 'null';
  if (Object.is(value, -0)) return '-0';
  // JavaScript and Go agree: shortest round-trip digits, exponent form below 1e-6 and from 1e21.
  return String(value);
}

function encode(value: unknown, options: Required<GoJsonOptions>, depth: number, out: string[]): void {
  if (typeof value === 'object' && value !== null && GO_JSON in value) {
    const custom = (value as { [GO_JSON]: () => unknown })[GO_JSON];
    encode(custom.call(value), options, depth, out);
    return;
  }
  if (isGoNil(value)) {
    out.push('null');
    return;
  }
  const newline = options.indent > 0 ? `\n${' '.repeat(options.indent * (depth + 1))}` : '';
  const closing = options.indent > 0 ? `\n${' '.repeat(options.indent * depth)}` : '';
  const colon = options.indent > 0 ? ': ' : ':';
  switch (goKind(value)) {
    case 'invalid':
    case 'nil':
    case 'func':
      out.push('null');
      return;
    case 'string':
      out.push(goJsonString(value as string, options.escapeHtml));
      return;
    case 'bool':
      out.push(value ? 'true' : 'false');
      return;
    case 'int':
      out.push(goJsonNumber(value as number | bigint));
      return;
    case 'float':
      out.push(goJsonNumber(goNumber(value)));
      return;
    case 'slice': {
      const items = goSliceItems(value);
      if (items.length === 0) {
        out.push('[]');
        return;
      }
      out.push('[');
      items.forEach((item, index) => {
        if (index > 0) out.push(',');
        out.push(newline);
        encode(item, options, depth + 1, out);
      });
      out.push(closing, ']');
      return;
    }
    case 'map':
    case 'struct': {
      const entries =
        goKind(value) === 'map'
          ? goMapEntries(value).map(([k, v]) => [String(k), v] as const)
          : Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
      if (entries.length === 0) {
        out.push('{}');
        return;
      }
      out.push('{');
      entries.forEach(([key, item], index) => {
        if (index > 0) out.push(',');
        out.push(newline, goJsonString(key, options.escapeHtml), colon);
        encode(item, options, depth + 1, out);
      });
      out.push(closing, '}');
      return;
    }
  }
}

/**
 * Go JSON for a value: `indent` 4 gives json.MarshalIndent/json.Indent's layout (`[]`, `{}` and
 * `null` stay on one line), 0 gives json.Marshal's compact form. Plain objects keep their key order
 * (struct field order); Maps and goMap() objects are sorted by key, as Go sorts map keys.
 * Undefined fields are omitted (the `omitempty` fields the engine leaves out).
 */
export function toGoJson(value: unknown, options: GoJsonOptions = {}): string {
  const out: string[] = [];
  encode(value, { indent: options.indent ?? 0, escapeHtml: options.escapeHtml ?? false }, 0, out);
  return out.join('');
}

/**
 * `docker inspect` output without a format: the objects as a JSON array indented with 4 spaces,
 * followed by a newline; no objects gives `[]`.
 */
export function toDockerJson(values: readonly unknown[], indent = 4): string {
  if (values.length === 0) return '[]\n';
  return `${toGoJson(values, { indent })}\n`;
}

/** `docker inspect --format json`: the same array, compact (json.Compact). */
export function toDockerJsonCompact(values: readonly unknown[]): string {
  if (values.length === 0) return '[]\n';
  return `${toGoJson(values)}\n`;
}
