// A small, bounded interpreter for the JavaScript students write in their first Docker
// apps: variables, functions, arrow callbacks, template strings, arithmetic, objects,
// `require`/`import`, console output, timers, Express and `http.createServer` servers.
// Everything it cannot follow becomes UNKNOWN and a note, never a guess presented as
// fact. There is no eval and no Function constructor: source is parsed into a tree here.
import type { MachineFs } from '../../../fs/machine-fs';
import { basename, dirname, resolvePath } from '../../../fs/paths';
import { JsSyntaxError, checkBrackets, tokenize, type Token } from './js-tokens';

export const UNKNOWN: unique symbol = Symbol('unknown');

export interface JsObj {
  kind: 'obj';
  props: Map<string, Value>;
  /** Members not modelled read as UNKNOWN instead of undefined (library objects). */
  open?: boolean;
  tag?: string;
  data?: Record<string, unknown>;
}

export interface JsFn {
  kind: 'fn';
  name: string;
  params: Pattern[];
  body: { block: [number, number] } | { expr: Expr };
  closure: Scope;
  module: ModuleCtx;
  /** Token where the function starts, for stack-like positions. */
  at: Token;
}

export interface Native {
  kind: 'native';
  name: string;
  call: (args: Value[], self: Value, at: Token | undefined) => Value;
  props?: Map<string, Value>;
}

export type Value = undefined | null | boolean | number | string | Value[] | JsObj | JsFn | Native | typeof UNKNOWN;

type Pattern =
  | { k: 'id'; name: string; def?: Expr }
  | { k: 'obj'; props: Array<{ key: string; value: Pattern }>; rest?: string; def?: Expr }
  | { k: 'arr'; items: Array<Pattern | null>; rest?: string; def?: Expr };

type Expr =
  | { k: 'lit'; v: Value }
  | { k: 'tpl'; quasis: string[]; exprs: Expr[] }
  | { k: 'id'; name: string; at: Token }
  | { k: 'mem'; obj: Expr; prop: Expr | string; opt: boolean; at: Token }
  | { k: 'call'; callee: Expr; args: Expr[]; at: Token; opt: boolean }
  | { k: 'new'; callee: Expr; args: Expr[]; at: Token }
  | { k: 'un'; op: string; arg: Expr }
  | { k: 'upd'; op: string; arg: Expr; prefix: boolean }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'assign'; op: string; target: Expr; value: Expr }
  | { k: 'cond'; test: Expr; cons: Expr; alt: Expr }
  | { k: 'arr'; items: Array<{ spread: boolean; e: Expr }> }
  | { k: 'obj'; props: Array<{ key: string | Expr; value: Expr; spread: boolean }> }
  | { k: 'fn'; name: string; params: Pattern[]; body: { block: [number, number] } | { expr: Expr }; at: Token }
  | { k: 'seq'; items: Expr[] }
  | { k: 'spread'; e: Expr }
  | { k: '?'; why: string };

// ---- scopes and control flow --------------------------------------------------------------

export class Scope {
  readonly vars = new Map<string, Value>();
  constructor(readonly parent: Scope | null) {}
  lookup(name: string): { found: boolean; value: Value } {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      if (scope.vars.has(name)) return { found: true, value: scope.vars.get(name) };
    }
    return { found: false, value: undefined };
  }
  set(name: string, value: Value): void {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      if (scope.vars.has(name)) {
        scope.vars.set(name, value);
        return;
      }
    }
    this.vars.set(name, value);
  }
}

class ReturnSignal {
  constructor(readonly value: Value) {}
}
class BreakSignal {}
class ContinueSignal {}
export class ThrowSignal {
  constructor(
    readonly value: Value,
    readonly at: Token | undefined,
    readonly module: ModuleCtx | undefined,
  ) {}
}
export class ExitSignal {
  constructor(readonly code: number) {}
}
export class BudgetExceeded extends Error {}
/** A loop that goes on beyond what the reader follows: as far as anyone can tell, the program is still running. */
export class LongRun {
  constructor(readonly line: number) {}
}
/** A failed require or import, rendered later in the runtime's own words. */
export class ModuleMissing {
  constructor(
    readonly request: string,
    readonly from: string,
    readonly stack: string[],
    readonly at: Token | undefined,
    readonly esm: boolean,
  ) {}
}

// ---- the program's world -------------------------------------------------------------------

export interface Route {
  method: string;
  path: string;
  handlers: Value[];
}

export interface ServerModel {
  kind: 'express' | 'http';
  routes: Route[];
  statics: Array<{ mount: string; dir: string }>;
  handler?: Value;
  listen?: { port: Value; host: Value; at: Token | undefined };
  /** The module that created it, for relative paths. */
  dir: string;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface World {
  fs: MachineFs;
  env: Map<string, string>;
  cwd: string;
  nodeVersion: string;
  hostname: string;
  now: number;
  pid: number;
  argv: string[];
  logs: LogLine[];
  notes: string[];
  servers: ServerModel[];
  /** Callbacks to run after the synchronous part: listen callbacks, timeouts. */
  later: Array<{ delay: number; order: number; fn: Value; args: Value[] }>;
  intervals: Array<{ delay: number; fn: Value }>;
  steps: number;
  maxSteps: number;
  modules: Map<string, ModuleCtx>;
  esm: boolean;
}

export interface ModuleCtx {
  path: string;
  tokens: Token[];
  scope: Scope;
  exports: JsObj;
  moduleObj: JsObj;
  esm: boolean;
  stack: string[];
}

// ---- values ----------------------------------------------------------------------------------

export function obj(entries: Record<string, Value> = {}, open = false, tag?: string): JsObj {
  return { kind: 'obj', props: new Map(Object.entries(entries)), ...(open && { open }), ...(tag !== undefined && { tag }) };
}

export function native(name: string, call: Native['call'], props?: Record<string, Value>): Native {
  return { kind: 'native', name, call, ...(props && { props: new Map(Object.entries(props)) }) };
}

function isObj(value: Value): value is JsObj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as JsObj).kind === 'obj';
}

export function isCallable(value: Value): value is JsFn | Native {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ((value as JsFn).kind === 'fn' || (value as Native).kind === 'native');
}

export function hasUnknown(value: Value, depth = 0): boolean {
  if (value === UNKNOWN) return true;
  if (depth > 4) return false;
  if (Array.isArray(value)) return value.some((item) => hasUnknown(item, depth + 1));
  if (isObj(value)) return [...value.props.values()].some((item) => hasUnknown(item, depth + 1));
  return false;
}

function truthy(value: Value): boolean | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  return Boolean(value) && !(typeof value === 'number' && Number.isNaN(value));
}

export function toStr(value: Value): string | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((item) => (item === undefined || item === null ? '' : toStr(item)));
    return parts.includes(UNKNOWN) ? UNKNOWN : parts.join(',');
  }
  if (isObj(value)) return value.tag === 'Error' ? `${String(value.props.get('name') ?? 'Error')}: ${String(value.props.get('message') ?? '')}` : '[object Object]';
  return `function ${(value as JsFn).name}() { [native code] }`;
}

function numberText(n: number): string {
  if (Object.is(n, -0)) return '0';
  return String(n);
}

function toNum(value: Value): number | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === undefined) return NaN;
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  if (Array.isArray(value) && value.length === 0) return 0;
  return NaN;
}

/** util.inspect's short form, as console.log shows objects. */
export function inspect(value: Value, depth = 0, nested = false): string | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  if (typeof value === 'string') return nested ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'` : value;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (depth > 2) return '[Array]';
    const items = value.map((item) => inspect(item, depth + 1, true));
    if (items.includes(UNKNOWN)) return UNKNOWN;
    const oneLine = `[ ${items.join(', ')} ]`;
    return oneLine.length <= 72 ? oneLine : `[\n${items.map((item) => `  ${String(item)}`).join(',\n')}\n]`;
  }
  if (isObj(value)) {
    if (value.tag === 'Error') return String(value.props.get('stack') ?? toStr(value));
    if (value.props.size === 0) return '{}';
    if (depth > 2) return '[Object]';
    const items = [...value.props].map(([key, item]) => {
      const text = inspect(item, depth + 1, true);
      return text === UNKNOWN ? UNKNOWN : `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`}: ${text}`;
    });
    if (items.includes(UNKNOWN)) return UNKNOWN;
    const oneLine = `{ ${items.join(', ')} }`;
    return oneLine.length <= 72 ? oneLine : `{\n${items.map((item) => `  ${String(item)}`).join(',\n')}\n}`;
  }
  const fn = value as JsFn | Native;
  return fn.name ? `[Function: ${fn.name}]` : '[Function (anonymous)]';
}

/** JSON.stringify over interpreter values. */
export function toJson(value: Value, indent = '', level = ''): string | undefined | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === undefined || isCallable(value)) return undefined;
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  const inner = level + indent;
  const sep = indent ? `,\n${inner}` : ',';
  if (Array.isArray(value)) {
    const items = value.map((item) => toJson(item, indent, inner));
    if (items.includes(UNKNOWN)) return UNKNOWN;
    if (items.length === 0) return '[]';
    const body = items.map((item) => item ?? 'null').join(sep);
    return indent ? `[\n${inner}${body}\n${level}]` : `[${body}]`;
  }
  const entries: string[] = [];
  for (const [key, item] of (value as JsObj).props) {
    const text = toJson(item, indent, inner);
    if (text === UNKNOWN) return UNKNOWN;
    if (text !== undefined) entries.push(`${JSON.stringify(key)}:${indent ? ' ' : ''}${text}`);
  }
  if (entries.length === 0) return '{}';
  return indent ? `{\n${inner}${entries.join(sep)}\n${level}}` : `{${entries.join(sep)}}`;
}

function fromJson(value: unknown): Value {
  if (value === null || typeof value !== 'object') return value as Value;
  if (Array.isArray(value)) return value.map(fromJson);
  return obj(Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, fromJson(item)])));
}

// ---- parser ----------------------------------------------------------------------------------

const BINARY: Record<string, number> = {
  '??': 1, '||': 2, '&&': 3, '|': 4, '^': 5, '&': 6, '==': 7, '!=': 7, '===': 7, '!==': 7,
  '<': 8, '>': 8, '<=': 8, '>=': 8, instanceof: 8, in: 8, '<<': 9, '>>': 9, '>>>': 9,
  '+': 10, '-': 10, '*': 11, '/': 11, '%': 11, '**': 12,
};
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '&&=', '||=', '??=', '|=', '&=', '^=', '<<=', '>>=']);

class Parser {
  p: number;
  constructor(
    readonly tokens: Token[],
    start: number,
    readonly end: number,
  ) {
    this.p = start;
  }
  get tok(): Token {
    return this.p < this.end ? this.tokens[this.p]! : this.tokens[this.tokens.length - 1]!;
  }
  peek(offset = 1): Token {
    const index = this.p + offset;
    return index < this.end ? this.tokens[index]! : this.tokens[this.tokens.length - 1]!;
  }
  is(v: string, t: Token = this.tok): boolean {
    return (t.t === 'punct' || t.t === 'id') && t.v === v;
  }
  eat(v: string): boolean {
    if (this.is(v)) {
      this.p++;
      return true;
    }
    return false;
  }
  expect(v: string): void {
    if (!this.eat(v)) throw new JsSyntaxError(`Unexpected token '${this.tok.v || 'end of input'}'`, this.tok.line, this.tok.col);
  }
  /** Index of the bracket that closes the one at `open`. */
  matching(open: number): number {
    const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
    const want = pairs[this.tokens[open]!.v]!;
    const first = this.tokens[open]!.v;
    let depth = 0;
    for (let i = open; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.t !== 'punct') continue;
      if (t.v === first) depth++;
      else if (t.v === want && --depth === 0) return i;
    }
    throw new JsSyntaxError('Unexpected end of input', this.tok.line, this.tok.col);
  }

  expression(): Expr {
    const first = this.assign();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.eat(',')) items.push(this.assign());
    return { k: 'seq', items };
  }

  assign(): Expr {
    const arrow = this.tryArrow();
    if (arrow) return arrow;
    const left = this.conditional();
    if (this.tok.t === 'punct' && ASSIGN.has(this.tok.v)) {
      const op = this.tok.v;
      this.p++;
      return { k: 'assign', op, target: left, value: this.assign() };
    }
    return left;
  }

  tryArrow(): Expr | undefined {
    const start = this.p;
    let isAsync = false;
    if (this.is('async') && !this.peek().nl && (this.peek().t === 'id' || this.is('(', this.peek()))) {
      isAsync = true;
      this.p++;
    }
    const at = this.tok;
    let params: Pattern[] | undefined;
    if (this.tok.t === 'id' && this.is('=>', this.peek()) && !this.peek().nl) {
      params = [{ k: 'id', name: this.tok.v }];
      this.p++;
    } else if (this.is('(')) {
      const close = this.matching(this.p);
      if (this.is('=>', this.tokens[close + 1])) {
        const inner = new Parser(this.tokens, this.p + 1, close);
        params = inner.params();
        this.p = close + 1;
      }
    }
    if (!params) {
      this.p = start;
      return undefined;
    }
    this.expect('=>');
    void isAsync;
    if (this.is('{')) {
      const close = this.matching(this.p);
      const body: [number, number] = [this.p + 1, close];
      this.p = close + 1;
      return { k: 'fn', name: '', params, body: { block: body }, at };
    }
    return { k: 'fn', name: '', params, body: { expr: this.assign() }, at };
  }

  params(): Pattern[] {
    const out: Pattern[] = [];
    while (this.p < this.end) {
      if (this.eat('...')) {
        const name = this.tok.v;
        this.p++;
        out.push({ k: 'id', name });
      } else out.push(this.pattern());
      if (!this.eat(',')) break;
    }
    return out;
  }

  pattern(): Pattern {
    let pattern: Pattern;
    if (this.is('{')) {
      this.p++;
      const props: Array<{ key: string; value: Pattern }> = [];
      let rest: string | undefined;
      while (!this.is('}') && this.p < this.end) {
        if (this.eat('...')) {
          rest = this.tok.v;
          this.p++;
        } else {
          const key = this.tok.t === 'str' ? this.tok.v : this.tok.v;
          this.p++;
          const value: Pattern = this.eat(':') ? this.pattern() : { k: 'id', name: key };
          if (value.k === 'id' && this.eat('=')) value.def = this.assign();
          props.push({ key, value });
        }
        if (!this.eat(',')) break;
      }
      this.expect('}');
      pattern = { k: 'obj', props, ...(rest !== undefined && { rest }) };
    } else if (this.is('[')) {
      this.p++;
      const items: Array<Pattern | null> = [];
      let rest: string | undefined;
      while (!this.is(']') && this.p < this.end) {
        if (this.is(',')) items.push(null);
        else if (this.eat('...')) {
          rest = this.tok.v;
          this.p++;
        } else items.push(this.pattern());
        if (!this.eat(',')) break;
      }
      this.expect(']');
      pattern = { k: 'arr', items, ...(rest !== undefined && { rest }) };
    } else {
      pattern = { k: 'id', name: this.tok.v };
      this.p++;
    }
    if (this.eat('=')) pattern.def = this.assign();
    return pattern;
  }

  conditional(): Expr {
    const test = this.binary(0);
    if (!this.eat('?')) return test;
    const cons = this.assign();
    this.expect(':');
    return { k: 'cond', test, cons, alt: this.assign() };
  }

  binary(min: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.tok;
      const prec = (t.t === 'punct' || (t.t === 'id' && (t.v === 'instanceof' || t.v === 'in'))) ? BINARY[t.v] : undefined;
      if (prec === undefined || prec <= min) return left;
      this.p++;
      const right = t.v === '**' ? this.binary(prec - 1) : this.binary(prec);
      left = { k: 'bin', op: t.v, l: left, r: right };
    }
  }

  unary(): Expr {
    const t = this.tok;
    if (t.t === 'punct' && (t.v === '!' || t.v === '-' || t.v === '+' || t.v === '~')) {
      this.p++;
      return { k: 'un', op: t.v, arg: this.unary() };
    }
    if (t.t === 'punct' && (t.v === '++' || t.v === '--')) {
      this.p++;
      return { k: 'upd', op: t.v, arg: this.unary(), prefix: true };
    }
    if (t.t === 'id' && (t.v === 'typeof' || t.v === 'void' || t.v === 'delete' || t.v === 'await')) {
      this.p++;
      const arg = this.unary();
      return t.v === 'await' ? arg : { k: 'un', op: t.v, arg };
    }
    const expr = this.postfix();
    if (this.tok.t === 'punct' && (this.tok.v === '++' || this.tok.v === '--') && !this.tok.nl) {
      const op = this.tok.v;
      this.p++;
      return { k: 'upd', op, arg: expr, prefix: false };
    }
    return expr;
  }

  args(): Expr[] {
    const args: Expr[] = [];
    this.expect('(');
    while (!this.is(')') && this.p < this.end) {
      if (this.eat('...')) args.push({ k: 'spread', e: this.assign() });
      else args.push(this.assign());
      if (!this.eat(',')) break;
    }
    if (!this.is(')')) throw new JsSyntaxError('missing ) after argument list', this.tok.line, this.tok.col, Math.max(1, this.tok.v.length));
    this.p++;
    return args;
  }

  postfix(): Expr {
    let expr: Expr;
    if (this.is('new')) {
      const at = this.tok;
      this.p++;
      if (this.eat('.')) {
        this.p++;
        expr = { k: '?', why: 'new.target' };
      } else {
        let callee = this.primary();
        while (this.is('.')) {
          this.p++;
          const name = this.tok.v;
          const memAt = this.tok;
          this.p++;
          callee = { k: 'mem', obj: callee, prop: name, opt: false, at: memAt };
        }
        const args = this.is('(') ? this.args() : [];
        expr = { k: 'new', callee, args, at };
      }
    } else expr = this.primary();
    for (;;) {
      const t = this.tok;
      if (this.is('.') || this.is('?.')) {
        const opt = t.v === '?.';
        this.p++;
        if (opt && this.is('(')) {
          expr = { k: 'call', callee: expr, args: this.args(), at: t, opt: true };
          continue;
        }
        if (opt && this.is('[')) {
          this.p++;
          const prop = this.expression();
          this.expect(']');
          expr = { k: 'mem', obj: expr, prop, opt: true, at: t };
          continue;
        }
        if (this.is('#')) this.p++;
        const name = this.tok.v;
        const at = this.tok;
        this.p++;
        expr = { k: 'mem', obj: expr, prop: name, opt, at };
      } else if (this.is('[')) {
        this.p++;
        const prop = this.expression();
        this.expect(']');
        expr = { k: 'mem', obj: expr, prop, opt: false, at: t };
      } else if (this.is('(')) {
        expr = { k: 'call', callee: expr, args: this.args(), at: this.callPosition(expr, t), opt: false };
      } else if (t.t === 'tpl') {
        this.p++;
        expr = { k: 'call', callee: expr, args: [this.template(t)], at: t, opt: false };
      } else return expr;
    }
  }

  /** The token Node points at for a call: the callee's last name (`require`, `listen`). */
  callPosition(callee: Expr, fallback: Token): Token {
    if (callee.k === 'id' || callee.k === 'mem') return callee.at;
    return fallback;
  }

  template(t: Token): Expr {
    const exprs = (t.exprs ?? []).map((source) => {
      try {
        const tokens = tokenize(source);
        return new Parser(tokens, 0, tokens.length - 1).expression();
      } catch {
        return { k: '?', why: 'template expression' } as Expr;
      }
    });
    return { k: 'tpl', quasis: t.quasis ?? [''], exprs };
  }

  primary(): Expr {
    const t = this.tok;
    if (t.t === 'num') {
      this.p++;
      const text = t.v.replace(/_/g, '').replace(/n$/, '');
      return { k: 'lit', v: /^0[bBoOxX]/.test(text) ? Number(text) : parseFloat(text) };
    }
    if (t.t === 'str') {
      this.p++;
      return { k: 'lit', v: t.v };
    }
    if (t.t === 'tpl') {
      this.p++;
      return this.template(t);
    }
    if (t.t === 'regex') {
      this.p++;
      return { k: '?', why: 'regular expression' };
    }
    if (this.is('(')) {
      this.p++;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (this.is('[')) {
      this.p++;
      const items: Array<{ spread: boolean; e: Expr }> = [];
      while (!this.is(']') && this.p < this.end) {
        if (this.is(',')) items.push({ spread: false, e: { k: 'lit', v: undefined } });
        else if (this.eat('...')) items.push({ spread: true, e: this.assign() });
        else items.push({ spread: false, e: this.assign() });
        if (!this.eat(',')) break;
      }
      this.expect(']');
      return { k: 'arr', items };
    }
    if (this.is('{')) return this.objectLiteral();
    if (t.t === 'id') {
      if (t.v === 'function' || (t.v === 'async' && this.is('function', this.peek()))) return this.functionExpr();
      if (t.v === 'class') {
        this.p++;
        while (!this.is('{') && this.p < this.end) this.p++;
        this.p = this.matching(this.p) + 1;
        return { k: '?', why: 'class' };
      }
      this.p++;
      if (t.v === 'true') return { k: 'lit', v: true };
      if (t.v === 'false') return { k: 'lit', v: false };
      if (t.v === 'null') return { k: 'lit', v: null };
      if (t.v === 'undefined') return { k: 'lit', v: undefined };
      return { k: 'id', name: t.v, at: t };
    }
    throw new JsSyntaxError(t.t === 'eof' ? 'Unexpected end of input' : `Unexpected token '${t.v}'`, t.line, t.col);
  }

  functionExpr(): Expr {
    const at = this.tok;
    this.eat('async');
    this.expect('function');
    this.eat('*');
    let name = '';
    if (this.tok.t === 'id' && !this.is('(')) {
      name = this.tok.v;
      this.p++;
    }
    const close = this.matching(this.p);
    const params = new Parser(this.tokens, this.p + 1, close).params();
    this.p = close + 1;
    const end = this.matching(this.p);
    const body: [number, number] = [this.p + 1, end];
    this.p = end + 1;
    return { k: 'fn', name, params, body: { block: body }, at };
  }

  objectLiteral(): Expr {
    this.expect('{');
    const props: Array<{ key: string | Expr; value: Expr; spread: boolean }> = [];
    while (!this.is('}') && this.p < this.end) {
      if (this.eat('...')) {
        props.push({ key: '', value: this.assign(), spread: true });
      } else {
        if ((this.is('get') || this.is('set') || this.is('async')) && this.peek().t !== 'punct') this.p++;
        if (this.is('*')) this.p++;
        let key: string | Expr;
        const keyTok = this.tok;
        if (this.is('[')) {
          this.p++;
          key = this.assign();
          this.expect(']');
        } else {
          key = keyTok.t === 'num' ? String(Number(keyTok.v)) : keyTok.v;
          this.p++;
        }
        if (this.is('(')) {
          const close = this.matching(this.p);
          const params = new Parser(this.tokens, this.p + 1, close).params();
          this.p = close + 1;
          const end = this.matching(this.p);
          props.push({ key, value: { k: 'fn', name: typeof key === 'string' ? key : '', params, body: { block: [this.p + 1, end] }, at: keyTok }, spread: false });
          this.p = end + 1;
        } else if (this.eat(':')) props.push({ key, value: this.assign(), spread: false });
        else if (this.eat('=')) {
          props.push({ key, value: this.assign(), spread: false });
        } else props.push({ key, value: { k: 'id', name: String(key), at: keyTok }, spread: false });
      }
      if (!this.eat(',')) break;
    }
    this.expect('}');
    return { k: 'obj', props };
  }
}

/** End of the statement starting at `parser.p`, without running it. */
function skipStatement(parser: Parser): void {
  const t = parser.tok;
  if (parser.is('{')) {
    parser.p = parser.matching(parser.p) + 1;
    return;
  }
  if (t.t === 'id') {
    switch (t.v) {
      case 'if': {
        parser.p++;
        parser.p = parser.matching(parser.p) + 1;
        skipStatement(parser);
        if (parser.is('else')) {
          parser.p++;
          skipStatement(parser);
        }
        return;
      }
      case 'for':
      case 'while':
      case 'with': {
        parser.p++;
        if (parser.is('await')) parser.p++;
        parser.p = parser.matching(parser.p) + 1;
        skipStatement(parser);
        return;
      }
      case 'do': {
        parser.p++;
        skipStatement(parser);
        parser.expect('while');
        parser.p = parser.matching(parser.p) + 1;
        parser.eat(';');
        return;
      }
      case 'try': {
        parser.p++;
        parser.p = parser.matching(parser.p) + 1;
        if (parser.eat('catch')) {
          if (parser.is('(')) parser.p = parser.matching(parser.p) + 1;
          parser.p = parser.matching(parser.p) + 1;
        }
        if (parser.eat('finally')) parser.p = parser.matching(parser.p) + 1;
        return;
      }
      case 'switch': {
        parser.p++;
        parser.p = parser.matching(parser.p) + 1;
        parser.p = parser.matching(parser.p) + 1;
        return;
      }
      case 'function': {
        // The parameter list may hold braces of its own (`options = {}`).
        while (!parser.is('(') && parser.p < parser.end) parser.p++;
        parser.p = parser.matching(parser.p) + 1;
        parser.p = parser.matching(parser.p) + 1;
        return;
      }
      case 'class': {
        while (!parser.is('{') && parser.p < parser.end) parser.p++;
        parser.p = parser.matching(parser.p) + 1;
        return;
      }
      case 'async':
        if (parser.is('function', parser.peek())) {
          parser.p++;
          skipStatement(parser);
          return;
        }
        break;
      case 'import':
        if (!parser.is('(', parser.peek()) && !parser.is('.', parser.peek())) {
          while (parser.p < parser.end && parser.tok.t !== 'str') parser.p++;
          parser.p++;
          if (parser.is('with') || parser.is('assert')) {
            parser.p++;
            parser.p = parser.matching(parser.p) + 1;
          }
          parser.eat(';');
          return;
        }
        break;
      default:
    }
  }
  const simple = simpleStatementEnd(parser);
  if (simple) return;
  parser.expression();
  parser.eat(';');
}

/** Statements that are just a keyword and an optional expression. */
function simpleStatementEnd(parser: Parser): boolean {
  const t = parser.tok;
  if (t.t !== 'id') {
    if (parser.eat(';')) return true;
    return false;
  }
  if (t.v === 'const' || t.v === 'let' || t.v === 'var') {
    parser.p++;
    do {
      parser.pattern();
    } while (parser.eat(','));
    parser.eat(';');
    return true;
  }
  if (t.v === 'return' || t.v === 'throw') {
    parser.p++;
    if (!parser.is(';') && !parser.is('}') && !parser.tok.nl && parser.tok.t !== 'eof') parser.expression();
    parser.eat(';');
    return true;
  }
  if (t.v === 'break' || t.v === 'continue') {
    parser.p++;
    if (parser.tok.t === 'id' && !parser.tok.nl) parser.p++;
    parser.eat(';');
    return true;
  }
  return false;
}


/** Walks every top-level statement without running anything: Node rejects a file with a syntax error before it starts. */
export function checkSyntax(tokens: Token[]): void {
  const parser = new Parser(tokens, 0, tokens.length - 1);
  while (parser.p < parser.end) {
    const before = parser.p;
    skipStatement(parser);
    if (parser.p === before) throw new JsSyntaxError(`Unexpected token '${parser.tok.v}'`, parser.tok.line, parser.tok.col, Math.max(1, parser.tok.v.length));
  }
}

// ---- the interpreter ---------------------------------------------------------------------------

const MAX_DEPTH = 150;
const MAX_STRING = 1_000_000;

export class Interpreter {
  private depth = 0;

  constructor(
    readonly world: World,
    readonly globals: Scope,
    readonly loadModule: (request: string, from: ModuleCtx, at: Token | undefined) => Value,
  ) {}

  step(): void {
    if (++this.world.steps > this.world.maxSteps) throw new BudgetExceeded('step budget');
  }

  note(text: string): void {
    if (!this.world.notes.includes(text) && this.world.notes.length < 30) this.world.notes.push(text);
  }

  // -- statements --

  /** Runs the statements in tokens[start, end) with `scope`. */
  execBlock(module: ModuleCtx, start: number, end: number, scope: Scope): void {
    this.hoist(module, start, end, scope);
    const parser = new Parser(module.tokens, start, end);
    while (parser.p < end) this.statement(module, parser, scope);
  }

  /** Function declarations are visible before their line runs. */
  hoist(module: ModuleCtx, start: number, end: number, scope: Scope): void {
    const tokens = module.tokens;
    let depth = 0;
    for (let i = start; i < end; i++) {
      const t = tokens[i]!;
      if (t.t === 'punct' && (t.v === '{' || t.v === '(' || t.v === '[')) depth++;
      else if (t.t === 'punct' && (t.v === '}' || t.v === ')' || t.v === ']')) depth--;
      else if (depth === 0 && t.t === 'id' && t.v === 'function' && tokens[i + 1]?.t === 'id') {
        const prev = tokens[i - 1];
        if (prev && prev.t === 'punct' && (prev.v === '=' || prev.v === '(' || prev.v === ',' || prev.v === ':')) continue;
        try {
          const parser = new Parser(tokens, tokens[i - 1]?.v === 'async' ? i - 1 : i, end);
          const expr = parser.functionExpr();
          if (expr.k === 'fn') scope.vars.set(expr.name, this.makeFn(expr, scope, module));
        } catch {
          /* a malformed declaration is reported when its statement runs */
        }
      }
    }
  }

  makeFn(expr: Extract<Expr, { k: 'fn' }>, scope: Scope, module: ModuleCtx): JsFn {
    return { kind: 'fn', name: expr.name, params: expr.params, body: expr.body, closure: scope, module, at: expr.at };
  }

  skipStatement(parser: Parser): void {
    skipStatement(parser);
  }

  simpleStatementEnd(parser: Parser): boolean {
    return simpleStatementEnd(parser);
  }

  statement(module: ModuleCtx, parser: Parser, scope: Scope): void {
    this.step();
    const t = parser.tok;
    if (t.t === 'eof') {
      parser.p = parser.end;
      return;
    }
    if (parser.eat(';')) return;
    if (parser.is('{')) {
      const close = parser.matching(parser.p);
      this.execBlock(module, parser.p + 1, close, new Scope(scope));
      parser.p = close + 1;
      return;
    }
    if (t.t === 'id') {
      switch (t.v) {
        case 'const':
        case 'let':
        case 'var': {
          parser.p++;
          do {
            const pattern = parser.pattern();
            this.bindPattern(pattern, pattern.def ? this.evaluate(pattern.def, scope, module) : undefined, scope, module, true);
          } while (parser.eat(','));
          parser.eat(';');
          return;
        }
        case 'function':
        case 'class': {
          const name = parser.peek().v;
          this.skipStatement(parser);
          if (t.v === 'class') scope.vars.set(name, obj({}, true, 'class'));
          return;
        }
        case 'async':
          if (parser.is('function', parser.peek())) {
            this.skipStatement(parser);
            return;
          }
          break;
        case 'import':
          if (!parser.is('(', parser.peek()) && !parser.is('.', parser.peek())) {
            this.skipStatement(parser);
            return;
          }
          break;
        case 'export': {
          parser.p++;
          if (parser.eat('default')) {
            const value = this.evaluate(parser.assign(), scope, module);
            module.exports.props.set('default', value);
            parser.eat(';');
            return;
          }
          return;
        }
        case 'if': {
          parser.p++;
          const close = parser.matching(parser.p);
          const test = this.evaluate(new Parser(module.tokens, parser.p + 1, close).expression(), scope, module);
          parser.p = close + 1;
          const consStart = parser.p;
          this.skipStatement(parser);
          const consEnd = parser.p;
          let alt: [number, number] | undefined;
          if (parser.is('else')) {
            parser.p++;
            const altStart = parser.p;
            this.skipStatement(parser);
            alt = [altStart, parser.p];
          }
          const after = parser.p;
          const verdict = truthy(test);
          if (verdict === UNKNOWN) {
            this.note(`line ${t.line}: an if condition depends on something the simulator cannot know; neither branch was followed.`);
          } else if (verdict) this.runRange(module, consStart, consEnd, scope);
          else if (alt) this.runRange(module, alt[0], alt[1], scope);
          parser.p = after;
          return;
        }
        case 'for':
          this.forStatement(module, parser, scope);
          return;
        case 'while':
        case 'do':
          this.whileStatement(module, parser, scope);
          return;
        case 'return': {
          parser.p++;
          let value: Value;
          if (!parser.is(';') && !parser.is('}') && !parser.tok.nl && parser.tok.t !== 'eof') value = this.evaluate(parser.expression(), scope, module);
          parser.eat(';');
          throw new ReturnSignal(value);
        }
        case 'throw': {
          parser.p++;
          const value = this.evaluate(parser.expression(), scope, module);
          parser.eat(';');
          throw new ThrowSignal(value, t, module);
        }
        case 'break':
        case 'continue':
          this.simpleStatementEnd(parser);
          throw t.v === 'break' ? new BreakSignal() : new ContinueSignal();
        case 'try':
          this.tryStatement(module, parser, scope);
          return;
        case 'switch':
          this.switchStatement(module, parser, scope);
          return;
        default:
      }
    }
    const expr = parser.expression();
    parser.eat(';');
    this.evaluate(expr, scope, module);
  }

  runRange(module: ModuleCtx, start: number, end: number, scope: Scope): void {
    const parser = new Parser(module.tokens, start, end);
    while (parser.p < end) this.statement(module, parser, scope);
  }

  forStatement(module: ModuleCtx, parser: Parser, scope: Scope): void {
    const at = parser.tok;
    parser.p++;
    parser.eat('await');
    const close = parser.matching(parser.p);
    const headStart = parser.p + 1;
    parser.p = close + 1;
    const bodyStart = parser.p;
    this.skipStatement(parser);
    const bodyEnd = parser.p;
    const after = parser.p;
    const head = new Parser(module.tokens, headStart, close);
    const loopScope = new Scope(scope);
    const declared = head.is('const') || head.is('let') || head.is('var');
    const ofIndex = (() => {
      let depth = 0;
      for (let i = headStart; i < close; i++) {
        const tok = module.tokens[i]!;
        if (tok.t === 'punct' && '([{'.includes(tok.v)) depth++;
        else if (tok.t === 'punct' && ')]}'.includes(tok.v)) depth--;
        else if (depth === 0 && tok.t === 'id' && (tok.v === 'of' || tok.v === 'in') && i > headStart) return i;
        else if (depth === 0 && tok.t === 'punct' && tok.v === ';') return -1;
      }
      return -1;
    })();
    const runBody = (iterScope: Scope): 'break' | undefined => {
      try {
        this.runRange(module, bodyStart, bodyEnd, iterScope);
      } catch (signal) {
        if (signal instanceof BreakSignal) return 'break';
        if (!(signal instanceof ContinueSignal)) throw signal;
      }
      return undefined;
    };
    if (ofIndex !== -1) {
      if (declared) head.p++;
      const pattern = head.pattern();
      const kind = module.tokens[ofIndex]!.v;
      const source = this.evaluate(new Parser(module.tokens, ofIndex + 1, close).expression(), scope, module);
      let items: Value[];
      if (source === UNKNOWN) {
        this.note(`line ${at.line}: a for loop goes over values the simulator cannot know; it was skipped.`);
        parser.p = after;
        return;
      }
      if (kind === 'in') items = isObj(source) ? [...source.props.keys()] : Array.isArray(source) ? source.map((_, i) => String(i)) : [];
      else items = Array.isArray(source) ? source : typeof source === 'string' ? [...source] : isObj(source) && source.tag === 'Map' ? [] : [];
      if (items.length > 1000) throw new LongRun(at.line);
      for (const item of items) {
        const iterScope = new Scope(loopScope);
        this.bindPattern(pattern, item, iterScope, module, true);
        if (runBody(iterScope) === 'break') break;
      }
      parser.p = after;
      return;
    }
    // for (init; test; update)
    if (!head.is(';')) {
      if (declared) {
        head.p++;
        do {
          const pattern = head.pattern();
          this.bindPattern(pattern, pattern.def ? this.evaluate(pattern.def, loopScope, module) : undefined, loopScope, module, true);
        } while (head.eat(','));
      } else this.evaluate(head.expression(), loopScope, module);
    }
    head.expect(';');
    const testExpr = head.is(';') ? undefined : head.expression();
    head.expect(';');
    const updateExpr = head.p < close ? head.expression() : undefined;
    for (let i = 0; ; i++) {
      if (testExpr) {
        const verdict = truthy(this.evaluate(testExpr, loopScope, module));
        if (verdict === UNKNOWN) {
          this.note(`line ${at.line}: a loop condition depends on something the simulator cannot know; it was skipped.`);
          break;
        }
        if (!verdict) break;
      }
      if (i >= 1000) throw new LongRun(at.line);
      if (runBody(new Scope(loopScope)) === 'break') break;
      if (updateExpr) this.evaluate(updateExpr, loopScope, module);
    }
    parser.p = after;
  }

  whileStatement(module: ModuleCtx, parser: Parser, scope: Scope): void {
    const at = parser.tok;
    const isDo = parser.is('do');
    parser.p++;
    let testRange: [number, number];
    let bodyStart: number;
    let bodyEnd: number;
    if (isDo) {
      bodyStart = parser.p;
      this.skipStatement(parser);
      bodyEnd = parser.p;
      parser.expect('while');
      const close = parser.matching(parser.p);
      testRange = [parser.p + 1, close];
      parser.p = close + 1;
      parser.eat(';');
    } else {
      const close = parser.matching(parser.p);
      testRange = [parser.p + 1, close];
      parser.p = close + 1;
      bodyStart = parser.p;
      this.skipStatement(parser);
      bodyEnd = parser.p;
    }
    const after = parser.p;
    const test = new Parser(module.tokens, testRange[0], testRange[1]).expression();
    for (let i = 0; ; i++) {
      if (i > 0 || !isDo) {
        const verdict = truthy(this.evaluate(test, scope, module));
        if (verdict === UNKNOWN) {
          this.note(`line ${at.line}: a loop condition depends on something the simulator cannot know; it was skipped.`);
          break;
        }
        if (!verdict) break;
      }
      if (i >= 1000) throw new LongRun(at.line);
      try {
        this.runRange(module, bodyStart, bodyEnd, new Scope(scope));
      } catch (signal) {
        if (signal instanceof BreakSignal) break;
        if (!(signal instanceof ContinueSignal)) throw signal;
      }
    }
    parser.p = after;
  }

  tryStatement(module: ModuleCtx, parser: Parser, scope: Scope): void {
    parser.p++;
    const tryEnd = parser.matching(parser.p);
    const tryRange: [number, number] = [parser.p + 1, tryEnd];
    parser.p = tryEnd + 1;
    let catchRange: [number, number] | undefined;
    let catchParam: Pattern | undefined;
    let finallyRange: [number, number] | undefined;
    if (parser.eat('catch')) {
      if (parser.is('(')) {
        const close = parser.matching(parser.p);
        catchParam = new Parser(module.tokens, parser.p + 1, close).pattern();
        parser.p = close + 1;
      }
      const end = parser.matching(parser.p);
      catchRange = [parser.p + 1, end];
      parser.p = end + 1;
    }
    if (parser.eat('finally')) {
      const end = parser.matching(parser.p);
      finallyRange = [parser.p + 1, end];
      parser.p = end + 1;
    }
    try {
      this.execBlock(module, tryRange[0], tryRange[1], new Scope(scope));
    } catch (signal) {
      const caught = signal instanceof ThrowSignal ? signal.value : signal instanceof ModuleMissing ? moduleError(signal) : undefined;
      if (!catchRange || caught === undefined) throw signal;
      const catchScope = new Scope(scope);
      if (catchParam) this.bindPattern(catchParam, caught, catchScope, module, true);
      this.execBlock(module, catchRange[0], catchRange[1], catchScope);
    } finally {
      if (finallyRange) this.execBlock(module, finallyRange[0], finallyRange[1], new Scope(scope));
    }
  }

  switchStatement(module: ModuleCtx, parser: Parser, scope: Scope): void {
    parser.p++;
    const close = parser.matching(parser.p);
    const subject = this.evaluate(new Parser(module.tokens, parser.p + 1, close).expression(), scope, module);
    parser.p = close + 1;
    const bodyEnd = parser.matching(parser.p);
    const inner = new Parser(module.tokens, parser.p + 1, bodyEnd);
    parser.p = bodyEnd + 1;
    if (subject === UNKNOWN) {
      this.note('a switch depends on something the simulator cannot know; it was skipped.');
      return;
    }
    const cases: Array<{ test: Expr | null; start: number }> = [];
    let depth = 0;
    for (let i = inner.p; i < bodyEnd; i++) {
      const tok = module.tokens[i]!;
      if (tok.t === 'punct' && '([{'.includes(tok.v)) depth++;
      else if (tok.t === 'punct' && ')]}'.includes(tok.v)) depth--;
      else if (depth === 0 && tok.t === 'id' && (tok.v === 'case' || tok.v === 'default')) {
        const p = new Parser(module.tokens, i + 1, bodyEnd);
        const test = tok.v === 'case' ? p.expression() : null;
        p.expect(':');
        cases.push({ test, start: p.p });
        i = p.p - 1;
      }
    }
    let from = cases.findIndex((c) => c.test !== null && this.evaluate(c.test, scope, module) === subject);
    if (from === -1) from = cases.findIndex((c) => c.test === null);
    if (from === -1) return;
    const switchScope = new Scope(scope);
    try {
      for (let c = from; c < cases.length; c++) {
        const end = c + 1 < cases.length ? this.caseEnd(module, cases[c + 1]!.start) : bodyEnd;
        this.runRange(module, cases[c]!.start, end, switchScope);
      }
    } catch (signal) {
      if (!(signal instanceof BreakSignal)) throw signal;
    }
  }

  /** The `case` keyword before a case body start. */
  caseEnd(module: ModuleCtx, nextStart: number): number {
    for (let i = nextStart - 1; i > 0; i--) {
      const tok = module.tokens[i]!;
      if (tok.t === 'id' && (tok.v === 'case' || tok.v === 'default')) return i;
    }
    return nextStart;
  }

  bindPattern(pattern: Pattern, value: Value, scope: Scope, module: ModuleCtx, declare: boolean): void {
    const v = value === undefined && pattern.def ? this.evaluate(pattern.def, scope, module) : value;
    const set = (name: string, item: Value) => (declare ? scope.vars.set(name, item) : scope.set(name, item));
    if (pattern.k === 'id') {
      set(pattern.name, v);
      return;
    }
    if (pattern.k === 'obj') {
      for (const { key, value: inner } of pattern.props) this.bindPattern(inner, v === UNKNOWN ? UNKNOWN : this.member(v, key, undefined, module), scope, module, declare);
      if (pattern.rest) set(pattern.rest, v === UNKNOWN ? UNKNOWN : obj());
      return;
    }
    pattern.items.forEach((item, i) => {
      if (item) this.bindPattern(item, v === UNKNOWN ? UNKNOWN : Array.isArray(v) ? v[i] : UNKNOWN, scope, module, declare);
    });
    if (pattern.rest) set(pattern.rest, Array.isArray(v) ? v.slice(pattern.items.length) : UNKNOWN);
  }

  // -- expressions --

  evaluate(expr: Expr, scope: Scope, module: ModuleCtx): Value {
    this.step();
    switch (expr.k) {
      case 'lit':
        return expr.v;
      case 'tpl': {
        let out = expr.quasis[0] ?? '';
        for (let i = 0; i < expr.exprs.length; i++) {
          const text = toStr(this.evaluate(expr.exprs[i]!, scope, module));
          if (text === UNKNOWN) return UNKNOWN;
          out += text + (expr.quasis[i + 1] ?? '');
        }
        return out;
      }
      case 'id': {
        const found = scope.lookup(expr.name);
        if (found.found) return found.value;
        const global = this.globals.lookup(expr.name);
        if (global.found) return global.value;
        throw new ThrowSignal(errorValue('ReferenceError', `${expr.name} is not defined`), expr.at, module);
      }
      case 'mem': {
        const target = this.evaluate(expr.obj, scope, module);
        if (expr.opt && (target === undefined || target === null)) return undefined;
        const key = typeof expr.prop === 'string' ? expr.prop : toStr(this.evaluate(expr.prop, scope, module));
        if (key === UNKNOWN) return UNKNOWN;
        return this.member(target, key, expr.at, module);
      }
      case 'call':
        return this.call(expr, scope, module);
      case 'new': {
        const callee = this.evaluate(expr.callee, scope, module);
        const args = this.evalArgs(expr.args, scope, module);
        if (isCallable(callee) && callee.kind === 'native') return callee.call(args, 'new', expr.at);
        if (isCallable(callee)) return this.callFunction(callee, args, obj());
        return UNKNOWN;
      }
      case 'un': {
        if (expr.op === 'typeof') {
          if (expr.arg.k === 'id' && !scope.lookup(expr.arg.name).found && !this.globals.lookup(expr.arg.name).found) return 'undefined';
          const value = this.evaluate(expr.arg, scope, module);
          if (value === UNKNOWN) return UNKNOWN;
          if (value === null) return 'object';
          if (isCallable(value)) return 'function';
          return Array.isArray(value) || isObj(value) ? 'object' : typeof value;
        }
        if (expr.op === 'delete') return true;
        const value = this.evaluate(expr.arg, scope, module);
        if (expr.op === 'void') return undefined;
        if (expr.op === '!') {
          const verdict = truthy(value);
          return verdict === UNKNOWN ? UNKNOWN : !verdict;
        }
        const n = toNum(value);
        if (n === UNKNOWN) return UNKNOWN;
        return expr.op === '-' ? -n : expr.op === '+' ? n : ~n;
      }
      case 'upd': {
        const old = toNum(this.evaluate(expr.arg, scope, module));
        if (old === UNKNOWN) return UNKNOWN;
        const next = expr.op === '++' ? old + 1 : old - 1;
        this.assignTo(expr.arg, next, scope, module);
        return expr.prefix ? next : old;
      }
      case 'bin':
        return this.binary(expr, scope, module);
      case 'assign': {
        let value: Value;
        if (expr.op === '=') value = this.evaluate(expr.value, scope, module);
        else {
          const current = this.evaluate(expr.target, scope, module);
          const op = expr.op.slice(0, -1);
          if (op === '&&' || op === '||' || op === '??') {
            const keep = op === '??' ? current !== undefined && current !== null : op === '||' ? truthy(current) : !truthy(current);
            if (keep === UNKNOWN) return UNKNOWN;
            if (keep) return current;
            value = this.evaluate(expr.value, scope, module);
          } else value = this.arith(op, current, this.evaluate(expr.value, scope, module));
        }
        this.assignTo(expr.target, value, scope, module);
        return value;
      }
      case 'cond': {
        const verdict = truthy(this.evaluate(expr.test, scope, module));
        if (verdict === UNKNOWN) return UNKNOWN;
        return this.evaluate(verdict ? expr.cons : expr.alt, scope, module);
      }
      case 'arr': {
        const out: Value[] = [];
        for (const item of expr.items) {
          const value = this.evaluate(item.e, scope, module);
          if (item.spread) {
            if (Array.isArray(value)) out.push(...value);
            else if (typeof value === 'string') out.push(...value);
            else return UNKNOWN;
          } else out.push(value);
        }
        return out;
      }
      case 'obj': {
        const result = obj();
        for (const prop of expr.props) {
          if (prop.spread) {
            const value = this.evaluate(prop.value, scope, module);
            if (isObj(value)) for (const [key, item] of value.props) result.props.set(key, item);
            else if (value === UNKNOWN) return UNKNOWN;
            continue;
          }
          const key = typeof prop.key === 'string' ? prop.key : toStr(this.evaluate(prop.key, scope, module));
          if (key === UNKNOWN) return UNKNOWN;
          result.props.set(key, this.evaluate(prop.value, scope, module));
        }
        return result;
      }
      case 'fn':
        return this.makeFn(expr, scope, module);
      case 'seq': {
        let last: Value;
        for (const item of expr.items) last = this.evaluate(item, scope, module);
        return last;
      }
      case 'spread':
        return this.evaluate(expr.e, scope, module);
      case '?':
        return UNKNOWN;
    }
  }

  evalArgs(args: Expr[], scope: Scope, module: ModuleCtx): Value[] {
    const out: Value[] = [];
    for (const arg of args) {
      if (arg.k === 'spread') {
        const value = this.evaluate(arg.e, scope, module);
        if (Array.isArray(value)) out.push(...value);
        else out.push(UNKNOWN);
      } else out.push(this.evaluate(arg, scope, module));
    }
    return out;
  }

  assignTo(target: Expr, value: Value, scope: Scope, module: ModuleCtx): void {
    if (target.k === 'id') {
      if (scope.lookup(target.name).found) scope.set(target.name, value);
      else this.globals.vars.set(target.name, value);
      return;
    }
    if (target.k === 'mem') {
      const holder = this.evaluate(target.obj, scope, module);
      const key = typeof target.prop === 'string' ? target.prop : toStr(this.evaluate(target.prop, scope, module));
      if (key === UNKNOWN) return;
      if (isObj(holder)) holder.props.set(key, value);
      else if (Array.isArray(holder) && /^\d+$/.test(key)) holder[Number(key)] = value;
      else if (isCallable(holder) && holder.kind === 'native') (holder.props ??= new Map()).set(key, value);
      else if (isCallable(holder)) void 0;
    }
  }

  arith(op: string, l: Value, r: Value): Value {
    if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
    if (op === '+') {
      const lp = Array.isArray(l) || isObj(l) ? toStr(l) : l;
      const rp = Array.isArray(r) || isObj(r) ? toStr(r) : r;
      if (typeof lp === 'string' || typeof rp === 'string') {
        const a = toStr(lp as Value);
        const b = toStr(rp as Value);
        if (a === UNKNOWN || b === UNKNOWN || a.length + b.length > MAX_STRING) return UNKNOWN;
        return a + b;
      }
      return (toNum(lp as Value) as number) + (toNum(rp as Value) as number);
    }
    const a = toNum(l) as number;
    const b = toNum(r) as number;
    switch (op) {
      case '-': return a - b;
      case '*': return a * b;
      case '/': return a / b;
      case '%': return a % b;
      case '**': return a ** b;
      case '|': return a | b;
      case '&': return a & b;
      case '^': return a ^ b;
      case '<<': return a << b;
      case '>>': return a >> b;
      case '>>>': return a >>> b;
      default: return UNKNOWN;
    }
  }

  binary(expr: Extract<Expr, { k: 'bin' }>, scope: Scope, module: ModuleCtx): Value {
    const l = this.evaluate(expr.l, scope, module);
    if (expr.op === '&&' || expr.op === '||') {
      const verdict = truthy(l);
      if (verdict === UNKNOWN) return UNKNOWN;
      if (expr.op === '&&' ? !verdict : verdict) return l;
      return this.evaluate(expr.r, scope, module);
    }
    if (expr.op === '??') return l === undefined || l === null ? this.evaluate(expr.r, scope, module) : l;
    const r = this.evaluate(expr.r, scope, module);
    if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
    switch (expr.op) {
      case '===': return l === r;
      case '!==': return l !== r;
      case '==': return looseEquals(l, r);
      case '!=': return !looseEquals(l, r);
      case '<': case '>': case '<=': case '>=': {
        const both = typeof l === 'string' && typeof r === 'string';
        const a = both ? l : (toNum(l) as number);
        const b = both ? r : (toNum(r) as number);
        return expr.op === '<' ? a < b : expr.op === '>' ? a > b : expr.op === '<=' ? a <= b : a >= b;
      }
      case 'in': return isObj(r) && typeof l === 'string' ? r.props.has(l) : UNKNOWN;
      case 'instanceof': return UNKNOWN;
      default: return this.arith(expr.op, l, r);
    }
  }

  call(expr: Extract<Expr, { k: 'call' }>, scope: Scope, module: ModuleCtx): Value {
    let self: Value;
    let callee: Value;
    if (expr.callee.k === 'mem') {
      self = this.evaluate(expr.callee.obj, scope, module);
      if (expr.callee.opt && (self === undefined || self === null)) return undefined;
      const key = typeof expr.callee.prop === 'string' ? expr.callee.prop : toStr(this.evaluate(expr.callee.prop, scope, module));
      callee = key === UNKNOWN ? UNKNOWN : this.member(self, key, expr.callee.at, module);
    } else {
      callee = this.evaluate(expr.callee, scope, module);
    }
    if (expr.opt && (callee === undefined || callee === null)) return undefined;
    const args = this.evalArgs(expr.args, scope, module);
    if (callee === UNKNOWN) return UNKNOWN;
    if (!isCallable(callee)) {
      const name = expr.callee.k === 'mem' && typeof expr.callee.prop === 'string' ? `${describe(expr.callee.obj)}.${expr.callee.prop}` : describe(expr.callee);
      throw new ThrowSignal(errorValue('TypeError', `${name} is not a function`), expr.at, module);
    }
    if (callee.kind === 'native') return callee.call(args, self, expr.at);
    return this.callFunction(callee, args, self);
  }

  callFunction(fn: Value, args: Value[], self?: Value): Value {
    if (fn === UNKNOWN || !isCallable(fn)) return UNKNOWN;
    if (fn.kind === 'native') return fn.call(args, self, undefined);
    this.step();
    // Runaway recursion ends the way V8 ends it.
    if (this.depth >= MAX_DEPTH) throw new ThrowSignal(errorValue('RangeError', 'Maximum call stack size exceeded'), fn.at, fn.module);
    this.depth++;
    try {
      const scope = new Scope(fn.closure);
      fn.params.forEach((param, i) => this.bindPattern(param, args[i], scope, fn.module, true));
      if ('expr' in fn.body) return this.evaluate(fn.body.expr, scope, fn.module);
      try {
        this.execBlock(fn.module, fn.body.block[0], fn.body.block[1], scope);
      } catch (signal) {
        if (signal instanceof ReturnSignal) return signal.value;
        throw signal;
      }
      return undefined;
    } finally {
      this.depth--;
    }
  }

  member(target: Value, key: string, at: Token | undefined, module: ModuleCtx): Value {
    if (target === UNKNOWN) return UNKNOWN;
    if (target === undefined || target === null) {
      throw new ThrowSignal(errorValue('TypeError', `Cannot read properties of ${target === null ? 'null' : 'undefined'} (reading '${key}')`), at, module);
    }
    if (typeof target === 'string') return stringMember(target, key, this);
    if (typeof target === 'number') return numberMember(target, key);
    if (typeof target === 'boolean') return key === 'toString' ? native('toString', () => String(target)) : undefined;
    if (Array.isArray(target)) return arrayMember(target, key, this);
    if (isObj(target)) {
      if (target.props.has(key)) return target.props.get(key);
      if (key === 'hasOwnProperty') return native('hasOwnProperty', ([name]) => typeof name === 'string' && target.props.has(name));
      if (key === 'toString') return native('toString', () => toStr(target));
      return target.open ? UNKNOWN : undefined;
    }
    if (target.kind === 'native') return target.props?.get(key) ?? (key === 'name' ? target.name : UNKNOWN);
    if (key === 'name') return target.name;
    if (key === 'call') return native('call', ([self, ...rest]) => this.callFunction(target, rest, self));
    if (key === 'apply') return native('apply', ([self, list]) => this.callFunction(target, Array.isArray(list) ? list : [], self));
    if (key === 'bind') return native('bind', ([self, ...bound]) => native(target.name, (rest) => this.callFunction(target, [...bound, ...rest], self)));
    return UNKNOWN;
  }
}

function describe(expr: Expr): string {
  if (expr.k === 'id') return expr.name;
  if (expr.k === 'mem' && typeof expr.prop === 'string') return `${describe(expr.obj)}.${expr.prop}`;
  if (expr.k === 'call') return `${describe(expr.callee)}(...)`;
  return 'expression';
}

function looseEquals(l: Value, r: Value): boolean {
  if ((l === null || l === undefined) && (r === null || r === undefined)) return true;
  if (typeof l === typeof r) return l === r;
  if ((typeof l === 'number' || typeof l === 'string' || typeof l === 'boolean') && (typeof r === 'number' || typeof r === 'string' || typeof r === 'boolean')) return toNum(l) === toNum(r);
  return false;
}

export function errorValue(name: string, message: string): JsObj {
  const error = obj({ name, message }, false, 'Error');
  error.props.set('stack', `${name}: ${message}`);
  return error;
}

function moduleError(missing: ModuleMissing): JsObj {
  const error = errorValue('Error', `Cannot find module '${missing.request}'`);
  error.props.set('code', missing.esm ? 'ERR_MODULE_NOT_FOUND' : 'MODULE_NOT_FOUND');
  return error;
}

// ---- built-in methods -----------------------------------------------------------------------

function stringMember(s: string, key: string, it: Interpreter): Value {
  const str = (fn: (...args: Value[]) => Value) => native(key, (args) => fn(...args));
  switch (key) {
    case 'length': return s.length;
    case 'toUpperCase': return str(() => s.toUpperCase());
    case 'toLowerCase': return str(() => s.toLowerCase());
    case 'trim': return str(() => s.trim());
    case 'trimStart': return str(() => s.trimStart());
    case 'trimEnd': return str(() => s.trimEnd());
    case 'includes': return str((x) => (typeof x === 'string' ? s.includes(x) : UNKNOWN));
    case 'startsWith': return str((x) => (typeof x === 'string' ? s.startsWith(x) : UNKNOWN));
    case 'endsWith': return str((x) => (typeof x === 'string' ? s.endsWith(x) : UNKNOWN));
    case 'indexOf': return str((x) => (typeof x === 'string' ? s.indexOf(x) : UNKNOWN));
    case 'split': return str((x) => (typeof x === 'string' ? s.split(x) : x === undefined ? [s] : UNKNOWN));
    case 'replace':
    case 'replaceAll': return str((a, b) => (typeof a === 'string' && typeof b === 'string' ? (key === 'replace' ? s.replace(a, b) : s.split(a).join(b)) : UNKNOWN));
    case 'padStart': return str((n, f) => (typeof n === 'number' ? s.padStart(n, typeof f === 'string' ? f : ' ') : UNKNOWN));
    case 'padEnd': return str((n, f) => (typeof n === 'number' ? s.padEnd(n, typeof f === 'string' ? f : ' ') : UNKNOWN));
    case 'repeat': return str((n) => (typeof n === 'number' && n >= 0 && n * s.length < 100_000 ? s.repeat(n) : UNKNOWN));
    case 'slice': return str((a, b) => s.slice(typeof a === 'number' ? a : 0, typeof b === 'number' ? b : undefined));
    case 'substring': return str((a, b) => s.substring(typeof a === 'number' ? a : 0, typeof b === 'number' ? b : undefined));
    case 'charAt': return str((a) => s.charAt(typeof a === 'number' ? a : 0));
    case 'concat': return str((...rest) => {
      const parts = rest.map(toStr);
      return parts.includes(UNKNOWN) ? UNKNOWN : s + parts.join('');
    });
    case 'toString':
    case 'valueOf': return str(() => s);
    case 'at': return str((a) => (typeof a === 'number' ? s.at(a) : UNKNOWN));
    default:
      void it;
      return /^\d+$/.test(key) ? s[Number(key)] : undefined;
  }
}

function numberMember(n: number, key: string): Value {
  switch (key) {
    case 'toFixed': return native('toFixed', ([d]) => n.toFixed(typeof d === 'number' ? Math.min(Math.max(d, 0), 20) : 0));
    case 'toString': return native('toString', ([radix]) => n.toString(typeof radix === 'number' ? radix : 10));
    case 'toLocaleString': return native('toLocaleString', () => n.toLocaleString('en-US'));
    default: return undefined;
  }
}

function arrayMember(list: Value[], key: string, it: Interpreter): Value {
  const fn = (body: (args: Value[]) => Value) => native(key, (args) => body(args));
  const each = (cb: Value, use: (result: Value, item: Value, index: number) => boolean | void) => {
    for (let i = 0; i < list.length && i < 1000; i++) if (use(it.callFunction(cb, [list[i], i, list]), list[i], i) === true) break;
  };
  switch (key) {
    case 'length': return list.length;
    case 'push': return fn((args) => list.push(...args));
    case 'pop': return fn(() => list.pop());
    case 'shift': return fn(() => list.shift());
    case 'unshift': return fn((args) => list.unshift(...args));
    case 'join': return fn(([sep]) => {
      const parts = list.map((item) => (item === undefined || item === null ? '' : toStr(item)));
      return parts.includes(UNKNOWN) ? UNKNOWN : parts.join(typeof sep === 'string' ? sep : ',');
    });
    case 'includes': return fn(([x]) => list.includes(x));
    case 'indexOf': return fn(([x]) => list.indexOf(x));
    case 'slice': return fn(([a, b]) => list.slice(typeof a === 'number' ? a : 0, typeof b === 'number' ? b : undefined));
    case 'concat': return fn((args) => [...list, ...args.flatMap((a): Value[] => (Array.isArray(a) ? a : [a]))]);
    case 'reverse': return fn(() => list.reverse());
    case 'forEach': return fn(([cb]) => {
      each(cb, () => undefined);
      return undefined;
    });
    case 'map': return fn(([cb]) => {
      const out: Value[] = [];
      each(cb, (result) => void out.push(result));
      return out;
    });
    case 'filter': return fn(([cb]) => {
      const out: Value[] = [];
      each(cb, (result, item) => void (truthy(result) === true && out.push(item)));
      return out;
    });
    case 'find': return fn(([cb]) => {
      let found: Value;
      each(cb, (result, item) => {
        if (truthy(result) === true) {
          found = item;
          return true;
        }
        return false;
      });
      return found;
    });
    case 'some': return fn(([cb]) => {
      let any = false;
      each(cb, (result) => {
        if (truthy(result) === true) any = true;
        return any;
      });
      return any;
    });
    case 'reduce': return fn(([cb, initial]) => {
      let acc = initial;
      let start = 0;
      if (initial === undefined) {
        acc = list[0];
        start = 1;
      }
      for (let i = start; i < list.length && i < 1000; i++) acc = it.callFunction(cb, [acc, list[i], i, list]);
      return acc;
    });
    case 'sort': return fn(() => list);
    default: return /^\d+$/.test(key) ? list[Number(key)] : undefined;
  }
}

// ---- modules -----------------------------------------------------------------------------------

export const NODE_BUILTINS = new Set([
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram', 'diagnostics_channel', 'dns', 'domain', 'events', 'fs',
  'fs/promises', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os', 'path', 'path/posix', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline', 'repl',
  'stream', 'stream/promises', 'string_decoder', 'sys', 'timers', 'timers/promises', 'tls', 'trace_events', 'tty', 'url', 'util', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib', 'test', 'sqlite',
]);

/** Parses a source file into a module context; syntax problems throw JsSyntaxError. */
export function parseModule(fs: MachineFs, path: string, source: string, esm: boolean, stack: string[]): ModuleCtx {
  const tokens = tokenize(source);
  checkSyntax(tokens);
  const problem = checkBrackets(tokens);
  if (problem) throw problem;
  const exportsObj = obj();
  const moduleObj = obj({ exports: exportsObj, id: '.', filename: path, loaded: false, path: dirname(path) });
  void fs;
  return { path, tokens, scope: new Scope(null), exports: exportsObj, moduleObj, esm, stack };
}

/** Static `import` declarations of an ES module, in order: [source, bindings, token]. */
export function esmImports(module: ModuleCtx): Array<{ source: string; at: Token; defaultName?: string; namespace?: string; named: Array<[string, string]> }> {
  const out: Array<{ source: string; at: Token; defaultName?: string; namespace?: string; named: Array<[string, string]> }> = [];
  const tokens = module.tokens;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.t === 'punct' && '([{'.includes(t.v) && t.v.length === 1) depth++;
    else if (t.t === 'punct' && ')]}'.includes(t.v) && t.v.length === 1) depth--;
    if (depth !== 0 || t.t !== 'id' || t.v !== 'import') continue;
    const next = tokens[i + 1];
    if (!next || (next.t === 'punct' && (next.v === '(' || next.v === '.'))) continue;
    const entry: { source: string; at: Token; defaultName?: string; namespace?: string; named: Array<[string, string]> } = { source: '', at: t, named: [] };
    let j = i + 1;
    if (tokens[j]?.t === 'str') entry.source = tokens[j]!.v;
    else {
      if (tokens[j]?.t === 'id' && tokens[j]!.v !== 'from' && !(tokens[j + 1]?.t === 'punct' && tokens[j + 1]!.v === '*')) {
        entry.defaultName = tokens[j]!.v;
        j++;
        if (tokens[j]?.v === ',') j++;
      }
      if (tokens[j]?.v === '*') {
        entry.namespace = tokens[j + 2]?.v;
        j += 3;
      } else if (tokens[j]?.v === '{') {
        j++;
        while (j < tokens.length && tokens[j]!.v !== '}') {
          const imported = tokens[j]!.v;
          let local = imported;
          if (tokens[j + 1]?.v === 'as') {
            local = tokens[j + 2]!.v;
            j += 2;
          }
          entry.named.push([imported, local]);
          j++;
          if (tokens[j]?.v === ',') j++;
        }
        j++;
      }
      if (tokens[j]?.v === 'from') entry.source = tokens[j + 1]?.v ?? '';
    }
    out.push(entry);
  }
  return out;
}

/** True when a .js file uses import/export at the top level (Node's syntax detection). */
export function hasModuleSyntax(tokens: Token[]): boolean {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.t === 'punct' && (t.v === '(' || t.v === '[' || t.v === '{')) depth++;
    else if (t.t === 'punct' && (t.v === ')' || t.v === ']' || t.v === '}')) depth--;
    else if (depth === 0 && t.t === 'id' && (t.v === 'export' || (t.v === 'import' && !(tokens[i + 1]?.t === 'punct' && (tokens[i + 1]!.v === '(' || tokens[i + 1]!.v === '.'))))) return true;
  }
  return false;
}

export { JsSyntaxError, basename, dirname, resolvePath, fromJson };
