// How plain JavaScript data stands in for the Go values that docker's templates and JSON see.
//
//   undefined            no value (a missing field or map key)
//   null                 a nil pointer / nil interface (prints <nil>)
//   string, boolean      string, bool
//   number               int when integral, float64 otherwise; bigint is int64
//   Array                slice
//   Map, or goMap(obj)   map: keys sorted when printed, ranged or encoded to JSON
//   plain object         struct: keys are fields in declaration order; function values are methods
//   nilSlice, nilMap     typed nil slice/map: `[]` / `map[]` in templates, `null` in JSON
//
// Struct and map values may carry a Go type name (goStruct/goMap) so that template errors name
// the type the way Go does (`can't evaluate field Nope in type *formatter.ContainerContext`).

const GO_TYPE = Symbol('go.type');
const GO_MAP = Symbol('go.map');
const GO_NIL = Symbol('go.nil');
const GO_PARAMS = Symbol('go.params');
/** An object's custom JSON form (Go's MarshalJSON): a function returning the value to encode. */
export const GO_JSON: unique symbol = Symbol('go.json');

/**
 * A float64 whose value happens to be integral (`1e6`, `100000.0`): plain JavaScript numbers that
 * are integers count as Go ints, so floats that must print as floats (`1e+06`) are boxed.
 */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** Marks a number as a Go float64 even when it is integral. */
export function goFloat(value: number): GoFloat | number {
  return Number.isInteger(value) ? new GoFloat(value) : value;
}

/** The JavaScript number behind an int/float value. */
export function goNumber(value: unknown): number {
  return value instanceof GoFloat ? value.value : Number(value);
}

export type GoKind = 'invalid' | 'nil' | 'string' | 'int' | 'float' | 'bool' | 'slice' | 'map' | 'struct' | 'func';

export interface GoNil {
  readonly [GO_NIL]: 'slice' | 'map' | 'pointer';
  readonly typeName: string;
  /** For a nil struct pointer: its field names (other names read "can't evaluate field"). */
  readonly fields?: readonly string[];
}

/**
 * A typed nil: `goNil('slice', '[]string')`, `goNil('pointer', '*types.Health', ['Status', 'FailingStreak', 'Log'])`.
 * A field of a nil struct pointer reads `nil pointer evaluating *types.Health.Status`.
 */
export function goNil(kind: 'slice' | 'map' | 'pointer', typeName?: string, fields?: readonly string[]): GoNil {
  const name = typeName ?? (kind === 'slice' ? '[]string' : kind === 'map' ? 'map[string]string' : 'interface {}');
  return Object.freeze(fields === undefined ? { [GO_NIL]: kind, typeName: name } : { [GO_NIL]: kind, typeName: name, fields });
}

/** The declared fields of a nil struct pointer, when known. */
export function nilPointerFields(value: unknown): readonly string[] | undefined {
  return isGoNil(value) ? value.fields : undefined;
}

/** A nil []string: prints `[]` in templates and `null` in JSON (inspect's `"ExecIDs": null`). */
export const nilSlice: GoNil = goNil('slice');
/** A nil map: prints `map[]` in templates and `null` in JSON (`"Volumes": null`). */
export const nilMap: GoNil = goNil('map');

export function isGoNil(value: unknown): value is GoNil {
  return typeof value === 'object' && value !== null && GO_NIL in value;
}

/** Marks a plain object as a Go struct with a type name (for error messages). Returns the same object. */
export function goStruct<T extends object>(value: T, typeName: string): T {
  Object.defineProperty(value, GO_TYPE, { value: typeName, enumerable: false, configurable: true });
  return value;
}

/**
 * Marks a plain object as a Go map (`Labels`, `ExposedPorts`, `Ports`…): printed `map[k:v]` with
 * sorted keys, encoded to JSON with sorted keys, and a missing key reads as no value instead of
 * an error. The type name decides the zero value `index` returns for a missing key
 * (`map[string]string` → empty string). Returns the same object.
 */
export function goMap<T extends object>(value: T, typeName?: string): T {
  Object.defineProperty(value, GO_MAP, { value: true, enumerable: false, configurable: true });
  if (typeName !== undefined) Object.defineProperty(value, GO_TYPE, { value: typeName, enumerable: false, configurable: true });
  return value;
}

/** Parameter types a template can pass to a method (Go checks literal arguments against them). */
export type GoParam = 'string' | 'int' | 'bool' | 'any';

export type GoFunction = ((...args: never[]) => unknown) & { [GO_PARAMS]?: readonly GoParam[] };

/**
 * A method with declared parameter types, like `func (c *ContainerContext) Label(name string) string`:
 * `goMethod(['string'], (name) => labels[name] ?? '')`. A plain function works too; its
 * parameters are then untyped.
 */
export function goMethod<F extends (...args: never[]) => unknown>(params: readonly GoParam[], fn: F): F {
  Object.defineProperty(fn, GO_PARAMS, { value: params, enumerable: false });
  return fn;
}

const UNTYPED_PARAMS: ReadonlyArray<readonly GoParam[]> = Array.from({ length: 8 }, (_, n) => Array<GoParam>(n).fill('any'));

export function methodParams(fn: GoFunction): readonly GoParam[] {
  return fn[GO_PARAMS] ?? UNTYPED_PARAMS[fn.length] ?? Array<GoParam>(fn.length).fill('any');
}

/** Thrown by a method to report an error the way Go's `error calling X: …` does. */
export class GoCallError extends Error {}

export function goKind(value: unknown): GoKind {
  switch (typeof value) {
    case 'undefined':
      return 'invalid';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'function':
      return 'func';
    case 'object':
      if (value === null) return 'nil';
      if (Array.isArray(value)) return 'slice';
      if (value instanceof Map) return 'map';
      if (value instanceof GoFloat) return 'float';
      if (GO_NIL in value) {
        const kind = (value as GoNil)[GO_NIL];
        return kind === 'pointer' ? 'nil' : kind;
      }
      if (GO_MAP in value) return 'map';
      return 'struct';
    default:
      return 'invalid';
  }
}

/** Go's byte-wise string order (UTF-8 order = code point order). */
export function compareGoStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP character in UTF-8.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareGoStrings(a, b);
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareGoStrings(String(a), String(b));
}

/** A map's entries in Go's sorted key order (fmt, text/template range, encoding/json). */
export function goMapEntries(value: unknown): Array<[unknown, unknown]> {
  if (isGoNil(value)) return [];
  const entries: Array<[unknown, unknown]> =
    value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
  return entries.filter(([, v]) => v !== undefined).sort((x, y) => compareKeys(x[0], y[0]));
}

export function goMapLookup(value: unknown, key: unknown): { found: boolean; value: unknown } {
  if (isGoNil(value)) return { found: false, value: undefined };
  if (value instanceof Map) {
    return value.has(key) ? { found: true, value: value.get(key) } : { found: false, value: undefined };
  }
  const record = value as Record<string, unknown>;
  const name = String(key);
  if (Object.prototype.hasOwnProperty.call(record, name) && record[name] !== undefined) {
    return { found: true, value: record[name] };
  }
  return { found: false, value: undefined };
}

export function goMapSize(value: unknown): number {
  return goMapEntries(value).length;
}

export function goSliceItems(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A struct's printable fields in declaration order (methods and absent fields are not fields). */
export function goStructFields(value: object): Array<[string, unknown]> {
  return Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
}

/** Own field or method of a struct value (never inherited properties like `toString`). */
export function goStructMember(value: object, name: string): { found: boolean; value: unknown } {
  if (!Object.prototype.hasOwnProperty.call(value, name)) return { found: false, value: undefined };
  const member = (value as Record<string, unknown>)[name];
  return member === undefined ? { found: false, value: undefined } : { found: true, value: member };
}

function elementTypeName(items: Iterable<unknown>): string {
  let name: string | undefined;
  for (const item of items) {
    const itemName = typeof item === 'string' ? 'string' : goKind(item) === 'int' && typeof item === 'number' ? 'int' : 'interface {}';
    if (name === undefined) name = itemName;
    else if (name !== itemName) return 'interface {}';
  }
  return name ?? 'string';
}

/** The Go type name used in error messages (`string`, `int`, `[]string`, `map[string]string`…). */
export function goTypeName(value: unknown, structName = 'struct {}'): string {
  if (typeof value === 'object' && value !== null) {
    if (GO_NIL in value) return (value as GoNil).typeName;
    const tagged = (value as { [GO_TYPE]?: string })[GO_TYPE];
    if (tagged !== undefined) return tagged;
  }
  switch (goKind(value)) {
    case 'invalid':
      return '<nil>';
    case 'nil':
      return 'interface {}';
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'int':
      return typeof value === 'bigint' ? 'int64' : 'int';
    case 'float':
      return 'float64';
    case 'slice':
      return `[]${elementTypeName(value as unknown[])}`;
    case 'map':
      return `map[string]${elementTypeName(goMapEntries(value).map(([, v]) => v))}`;
    case 'func':
      return 'func() string';
    case 'struct':
      return structName;
  }
}

/** The value `index` yields for a missing map key: the zero value of the map's element type. */
export function goMapZero(map: unknown): unknown {
  const typeName = goTypeName(map);
  const close = typeName.indexOf(']');
  const elem = close >= 0 ? typeName.slice(close + 1) : '';
  if (elem === 'string') return '';
  if (elem === 'bool') return false;
  if (/^u?int(8|16|32|64)?$|^float(32|64)$/.test(elem)) return 0;
  if (elem === 'struct {}') return goStruct({}, 'struct {}');
  if (elem.startsWith('[]')) return goNil('slice', elem);
  if (elem.startsWith('map[')) return goNil('map', elem);
  if (elem.startsWith('*')) return goNil('pointer', elem);
  return undefined;
}

/** Go truthiness for if/with/and/or/not: zero values and empty collections are false. */
export function goTruth(value: unknown): boolean {
  switch (goKind(value)) {
    case 'invalid':
    case 'nil':
      return false;
    case 'string':
      return (value as string).length > 0;
    case 'bool':
      return value as boolean;
    case 'int':
    case 'float':
      return goNumber(value) !== 0;
    case 'slice':
      return goSliceItems(value).length > 0;
    case 'map':
      return goMapSize(value) > 0;
    case 'struct':
    case 'func':
      return true;
  }
}

/** Bytes a string takes in UTF-8 (Go's len of a string). */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    let code = ch.codePointAt(0) ?? 0xfffd;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return bytes;
}

/** Decodes UTF-8 bytes; invalid sequences (a string cut mid-character) become U+FFFD, as a terminal shows them. */
export function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b0 = bytes[i] as number;
    const need = b0 < 0x80 ? 0 : b0 >= 0xf0 && b0 < 0xf8 ? 3 : b0 >= 0xe0 ? 2 : b0 >= 0xc0 ? 1 : -1;
    if (need === 0) {
      out += String.fromCharCode(b0);
      i++;
      continue;
    }
    let code = need === 3 ? b0 & 0x07 : need === 2 ? b0 & 0x0f : b0 & 0x1f;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      const b = bytes[i + k];
      if (b === undefined || (b & 0xc0) !== 0x80) ok = false;
      else code = (code << 6) | (b & 0x3f);
    }
    if (!ok) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(code);
    i += need + 1;
  }
  return out;
}
