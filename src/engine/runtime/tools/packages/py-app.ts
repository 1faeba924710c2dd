// Runs a Python entry point through the bounded reader in py-run.ts, with models of what
// first apps use: print, os, sys, time, json, logging, socket, http.server, Flask, FastAPI
// with uvicorn, gunicorn. It honours Python's stdout buffering without a terminal (prints
// stay invisible in `docker logs` unless -u, PYTHONUNBUFFERED or flush=True), a classic
// Docker surprise.
import type { MachineFs } from '../../../fs/machine-fs';
import { basename, dirname, resolvePath } from '../../../fs/paths';
import type { AnalyzeOptions, AppOutcome, AppRoute } from '../app-runner';
import { listDir, readText } from './files';
import {
  PyScope,
  PySyntaxError,
  StatementParser,
  UNKNOWN,
  pyTokenize,
  type PyExpr,
  type PyFunc,
  type PyModuleCtx,
  type PyNative,
  type PyObject,
  type PyParam,
  type PyStmt,
  type PyTok,
  type PyValue,
} from './py-run';

const STDLIB = new Set(('__future__ abc argparse array ast asyncio atexit base64 binascii bisect builtins bz2 calendar cmath codecs collections colorsys concurrent configparser contextlib contextvars copy csv ctypes dataclasses datetime dbm decimal difflib dis email encodings ensurepip enum errno faulthandler fcntl filecmp fnmatch fractions functools gc getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http imaplib importlib inspect io ipaddress itertools json keyword linecache locale logging lzma mailbox marshal math mimetypes mmap multiprocessing netrc numbers operator os pathlib pdb pickle pkgutil platform plistlib poplib posix pprint profile pstats pty pwd queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtplib socket socketserver sqlite3 ssl stat statistics string stringprep struct subprocess symtable sys sysconfig syslog tarfile tempfile termios textwrap threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle types typing unicodedata unittest urllib uuid venv warnings wave weakref webbrowser wsgiref xml xmlrpc zipapp zipfile zipimport zlib zoneinfo').split(' '));

// ---- signals ----------------------------------------------------------------------------------------

class PyReturn {
  constructor(readonly value: PyValue) {}
}
class PyBreak {}
class PyContinue {}
/** A Python exception travelling up: its type, message and the frames it went through. */
export class PyRaise {
  frames: Array<{ path: string; line: number; fn: string }> = [];
  captured = false;
  constructor(
    readonly type: string,
    readonly message: string,
    readonly prompt = '',
  ) {}
}
class PyExit {
  constructor(readonly code: number) {}
}
/** A call that blocks forever (app.run, serve_forever, uvicorn.run): start-up is over. */
class PyBlocks {}
class PyBudget {}
/** A loop that goes on beyond what the reader follows. */
class PyLongRun {
  constructor(readonly line: number) {}
}

// ---- the program's world ----------------------------------------------------------------------------

interface PyServer {
  framework: 'flask' | 'fastapi' | 'http.server';
  app?: PyObject;
  routes: Array<{ path: string; methods: string[]; fn: PyValue }>;
  port?: PyValue;
  host?: PyValue;
  debug?: boolean;
  handler?: PyValue;
  directory?: string;
}

interface PyWorld {
  fs: MachineFs;
  env: Map<string, string>;
  cwd: string;
  version: string;
  hostname: string;
  now: number;
  pid: number;
  ip: string;
  unbuffered: boolean;
  /** What docker logs shows, in order. */
  logs: Array<{ stream: 'stdout' | 'stderr'; text: string }>;
  /** Printed but still in Python's stdout buffer. */
  pending: string[];
  stdout: string[];
  stderr: string[];
  notes: string[];
  steps: number;
  servers: PyServer[];
  interval?: { seconds: number; start: number };
  /** What one round of a worker loop printed (visible lines only). */
  round?: string[];
  modules: Map<string, PyValue>;
  sitePaths: string[];
  argv: string[];
  logLevel: number;
  logFormat: string;
}

function note(world: PyWorld, text: string): void {
  if (!world.notes.includes(text) && world.notes.length < 30) world.notes.push(text);
}

function step(world: PyWorld): void {
  if (++world.steps > 60_000) throw new PyBudget();
}

function writeStdout(world: PyWorld, text: string, flush: boolean): void {
  world.stdout.push(text);
  if (world.unbuffered || flush) {
    for (const line of world.pending.splice(0)) world.logs.push({ stream: 'stdout', text: line });
    world.logs.push({ stream: 'stdout', text });
  } else world.pending.push(text);
}

function writeStderr(world: PyWorld, text: string): void {
  world.stderr.push(text);
  world.logs.push({ stream: 'stderr', text });
}

// ---- values --------------------------------------------------------------------------------------------

const pyObj = (type: string, attrs: Record<string, PyValue> = {}, open = false): PyObject => ({ kind: 'obj', type, attrs: new Map(Object.entries(attrs)), ...(open && { open }) });
const fn = (name: string, call: PyNative['call'], attrs?: Record<string, PyValue>): PyNative => ({ kind: 'native', name, call, ...(attrs && { attrs: new Map(Object.entries(attrs)) }) });
const float = (v: number): PyValue => ({ kind: 'float', v });
const list = (items: PyValue[]): PyValue => ({ kind: 'list', items });
const tuple = (items: PyValue[]): PyValue => ({ kind: 'tuple', items });

function isKind<K extends string>(value: PyValue | undefined, kind: K): value is Extract<PyValue, { kind: K }> {
  return typeof value === 'object' && value !== null && (value as { kind?: string }).kind === kind;
}

function num(value: PyValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isKind(value, 'float')) return value.v;
  return undefined;
}

function hasUnknown(value: PyValue, depth = 0): boolean {
  if (value === UNKNOWN) return true;
  if (depth > 4) return false;
  if (isKind(value, 'list') || isKind(value, 'tuple') || isKind(value, 'set')) return value.items.some((item) => hasUnknown(item, depth + 1));
  if (isKind(value, 'dict')) return value.entries.some(([k, v]) => hasUnknown(k, depth + 1) || hasUnknown(v, depth + 1));
  return false;
}

function floatRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  const text = String(v);
  return text.replace(/e\+?(-?)(\d)$/, 'e$10$2').replace('e+', 'e+');
}

export function pyRepr(value: PyValue): string | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    return `${quote}${value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(quote === "'" ? /'/g : /$^/, "\\'")}${quote}`;
  }
  return pyStr(value);
}

export function pyStr(value: PyValue): string | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  switch (value.kind) {
    case 'float':
      return floatRepr(value.v);
    case 'bytes':
      return `b${pyRepr(value.v) as string}`;
    case 'list':
    case 'tuple':
    case 'set': {
      const items = value.items.map(pyRepr);
      if (items.includes(UNKNOWN)) return UNKNOWN;
      if (value.kind === 'set') return items.length === 0 ? 'set()' : `{${items.join(', ')}}`;
      if (value.kind === 'tuple') return items.length === 1 ? `(${items[0] as string},)` : `(${items.join(', ')})`;
      return `[${items.join(', ')}]`;
    }
    case 'dict': {
      const items = value.entries.map(([k, v]) => {
        const key = pyRepr(k);
        const item = pyRepr(v);
        return key === UNKNOWN || item === UNKNOWN ? UNKNOWN : `${key}: ${item}`;
      });
      return items.includes(UNKNOWN) ? UNKNOWN : `{${items.join(', ')}}`;
    }
    case 'func':
      return `<function ${value.name} at 0x7f3a2c1b2e80>`;
    case 'native':
      return `<built-in function ${value.name}>`;
    case 'obj':
      if (value.type === 'datetime') return (value.attrs.get('__str__') as string | undefined) ?? UNKNOWN;
      return value.attrs.has('__str__') ? (value.attrs.get('__str__') as string) : `<${value.type} object at 0x7f3a2c1b2e80>`;
  }
}

function truthy(value: PyValue): boolean | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === null || value === false || value === 0 || value === '') return false;
  if (isKind(value, 'float')) return value.v !== 0;
  if (isKind(value, 'list') || isKind(value, 'tuple') || isKind(value, 'set')) return value.items.length > 0;
  if (isKind(value, 'dict')) return value.entries.length > 0;
  return true;
}

function equals(a: PyValue | undefined, b: PyValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) return x === y;
  if (typeof a === 'string' || typeof b === 'string' || a === null || b === null) return a === b;
  if ((isKind(a, 'list') && isKind(b, 'list')) || (isKind(a, 'tuple') && isKind(b, 'tuple'))) return a.items.length === b.items.length && a.items.every((item, i) => equals(item, b.items[i]!));
  return a === b;
}

/** JSON the way json.dumps writes it by default (`, ` and `: ` separators). */
function toJson(value: PyValue, compact: boolean, sortKeys: boolean, indent?: number, level = 0): string | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  const comma = compact ? ',' : ', ';
  const colon = compact ? ':' : ': ';
  const pad = indent === undefined ? '' : '\n' + ' '.repeat(indent * (level + 1));
  const end = indent === undefined ? '' : '\n' + ' '.repeat(indent * level);
  const sep = indent === undefined ? comma : `,${pad}`;
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (isKind(value, 'float')) return floatRepr(value.v);
  if (isKind(value, 'list') || isKind(value, 'tuple')) {
    const items = value.items.map((item) => toJson(item, compact, sortKeys, indent, level + 1));
    if (items.includes(UNKNOWN)) return UNKNOWN;
    return items.length === 0 ? '[]' : `[${pad}${items.join(sep)}${end}]`;
  }
  if (isKind(value, 'dict')) {
    let entries = value.entries;
    if (sortKeys) entries = [...entries].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
    const items = entries.map(([k, v]) => {
      const item = toJson(v, compact, sortKeys, indent, level + 1);
      return item === UNKNOWN ? UNKNOWN : `${JSON.stringify(typeof k === 'string' ? k : pyStr(k))}${indent === undefined ? colon : ': '}${item}`;
    });
    if (items.includes(UNKNOWN)) return UNKNOWN;
    return items.length === 0 ? '{}' : `{${pad}${items.join(sep)}${end}}`;
  }
  return UNKNOWN;
}

function fromJson(value: unknown): PyValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value : float(value);
  if (Array.isArray(value)) return list(value.map(fromJson));
  return { kind: 'dict', entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)]) };
}

/** format() with a format spec: fill/align, width, grouping, precision, type. */
function formatValue(value: PyValue, spec: string): string | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  if (!spec) return pyStr(value);
  const match = /^(?:(.)?([<>^=]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/.exec(spec);
  if (!match) return pyStr(value);
  const [, fill = ' ', align, , , zero, widthText, grouping, precisionText, type] = match;
  const n = num(value);
  let text: string;
  if (n !== undefined && type && 'eEfFgG%d'.includes(type)) {
    const precision = precisionText !== undefined ? Number(precisionText) : 6;
    if (type === 'f' || type === 'F') text = n.toFixed(precision);
    else if (type === '%') text = `${(n * 100).toFixed(precision)}%`;
    else if (type === 'e' || type === 'E') text = n.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
    else if (type === 'd') text = String(Math.trunc(n));
    else text = String(Number(n.toPrecision(precision || 1)));
  } else if (n !== undefined && precisionText !== undefined && !type) text = String(Number(n.toPrecision(Number(precisionText))));
  else {
    const base = pyStr(value);
    if (base === UNKNOWN) return UNKNOWN;
    text = precisionText !== undefined && typeof value === 'string' ? base.slice(0, Number(precisionText)) : base;
  }
  if (grouping && n !== undefined) {
    const [int, frac] = text.split('.');
    text = int!.replace(/\B(?=(\d{3})+(?!\d))/g, grouping) + (frac !== undefined ? `.${frac}` : '');
  }
  const width = widthText ? Number(widthText) : 0;
  if (text.length >= width) return text;
  const padChar = zero && !align ? '0' : fill;
  const direction = align ?? (n !== undefined && typeof value !== 'string' ? '>' : '<');
  const gap = width - text.length;
  if (direction === '<') return text + padChar.repeat(gap);
  if (direction === '^') return padChar.repeat(Math.floor(gap / 2)) + text + padChar.repeat(Math.ceil(gap / 2));
  return padChar.repeat(gap) + text;
}

// ---- the interpreter ---------------------------------------------------------------------------------

interface Frame {
  path: string;
  fn: string;
  line: number;
}

class PyInterpreter {
  readonly stack: Frame[] = [];

  constructor(
    readonly world: PyWorld,
    readonly builtins: PyScope,
    readonly importer: (name: string, module: PyModuleCtx, line: number) => PyValue,
  ) {}

  raise(type: string, message: string): never {
    throw new PyRaise(type, message);
  }

  runBody(body: PyStmt[], scope: PyScope, module: PyModuleCtx, fnName: string): void {
    void fnName;
    for (const stmt of body) this.exec(stmt, scope, module);
  }

  /** Runs `body` as a new frame (a module or a function call), recording it for tracebacks. */
  inFrame<T>(frame: Frame, run: () => T): T {
    this.stack.push(frame);
    try {
      return run();
    } catch (signal) {
      if (signal instanceof PyRaise && !signal.captured) {
        signal.frames = this.stack.map((entry) => ({ ...entry }));
        signal.captured = true;
      }
      throw signal;
    } finally {
      this.stack.pop();
    }
  }

  exec(stmt: PyStmt, scope: PyScope, module: PyModuleCtx): void {
    step(this.world);
    const top = this.stack[this.stack.length - 1];
    if (top && top.path === module.path) top.line = stmt.line;
    switch (stmt.k) {
      case 'expr':
        this.eval(stmt.e, scope, module);
        return;
      case 'assign': {
        let value = this.eval(stmt.value, scope, module);
        if (stmt.op) value = this.binary(stmt.op, this.eval(stmt.targets[0]!, scope, module), value);
        for (const target of stmt.targets) this.assign(target, value, scope, module);
        return;
      }
      case 'import':
        for (const { module: name, as } of stmt.names) {
          const value = this.importer(name, module, stmt.line);
          if (as) scope.vars.set(as, this.lookupSub(value, name));
          else scope.vars.set(name.split('.')[0]!, value);
        }
        return;
      case 'from': {
        const value = stmt.level > 0 && !stmt.module ? pyObj('module', {}, true) : this.importer(stmt.module, module, stmt.line);
        const target = this.lookupSub(value, stmt.module);
        for (const { name, as } of stmt.names) {
          if (name === '*') continue;
          let member = this.attr(target, name, true);
          if (member === undefined) {
            const sub = this.importer(`${stmt.module}.${name}`, module, stmt.line);
            member = this.lookupSub(sub, `${stmt.module}.${name}`);
          }
          scope.vars.set(as ?? name, member ?? UNKNOWN);
        }
        return;
      }
      case 'def': {
        let value: PyValue = { kind: 'func', name: stmt.name, params: stmt.params, body: stmt.body, closure: scope, module };
        for (const decorator of [...stmt.decorators].reverse()) value = this.call(this.eval(decorator, scope, module), [value], new Map());
        scope.vars.set(stmt.name, value);
        return;
      }
      case 'class': {
        const cls = pyObj(stmt.name, {}, false);
        cls.bases = stmt.bases.map((base) => this.eval(base, scope, module));
        const classScope = new PyScope(scope);
        this.runBody(stmt.body, classScope, module, stmt.name);
        for (const [key, value] of classScope.vars) cls.attrs.set(key, value);
        cls.attrs.set('__class__', 'class');
        scope.vars.set(stmt.name, cls);
        return;
      }
      case 'if':
        for (const branch of stmt.branches) {
          const verdict = branch.test === null ? true : truthy(this.eval(branch.test, scope, module));
          if (verdict === UNKNOWN) {
            note(this.world, `line ${stmt.line}: an if condition depends on something the simulator cannot know; no branch was followed.`);
            return;
          }
          if (verdict) {
            this.runBody(branch.body, scope, module, scope.parent ? '' : '<module>');
            return;
          }
        }
        return;
      case 'for': {
        const iter = this.eval(stmt.iter, scope, module);
        const items = this.iterate(iter);
        if (items === UNKNOWN) {
          note(this.world, `line ${stmt.line}: a for loop goes over values the simulator cannot know; it was skipped.`);
          return;
        }
        if (items.length > 1000) throw new PyLongRun(stmt.line);
        for (const item of items) {
          this.assign(stmt.target, item, scope, module);
          try {
            this.runBody(stmt.body, scope, module, '<module>');
          } catch (signal) {
            if (signal instanceof PyBreak) break;
            if (!(signal instanceof PyContinue)) throw signal;
          }
        }
        return;
      }
      case 'while': {
        let roundStart = this.world.logs.length;
        for (let i = 0; ; i++) {
          const verdict = truthy(this.eval(stmt.test, scope, module));
          if (verdict === UNKNOWN) {
            note(this.world, `line ${stmt.line}: a loop condition depends on something the simulator cannot know; it was skipped.`);
            return;
          }
          if (!verdict) return;
          if (i >= 1) {
            // A loop still going after a sleep is a worker: it runs forever in a real container.
            if (this.world.interval && this.world.interval.start >= 0) throw new PyBlocks();
          }
          if (i >= 1000) throw new PyLongRun(stmt.line);
          const before = this.world.interval;
          if (i === 0) roundStart = this.world.logs.length;
          try {
            this.runBody(stmt.body, scope, module, '<module>');
          } catch (signal) {
            if (signal instanceof PyBreak) return;
            if (!(signal instanceof PyContinue)) throw signal;
          }
          if (!before && this.world.interval) {
            this.world.interval.start = i;
            this.world.round = this.world.logs.slice(roundStart).map((line) => line.text.replace(/\n$/, ''));
          }
        }
      }
      case 'with':
        for (const item of stmt.items) {
          const value = this.eval(item.e, scope, module);
          if (item.as) this.assign(item.as, value, scope, module);
        }
        this.runBody(stmt.body, scope, module, '<module>');
        return;
      case 'try':
        try {
          this.runBody(stmt.body, scope, module, '<module>');
        } catch (signal) {
          if (!(signal instanceof PyRaise) || stmt.handlers.length === 0) throw signal;
          const handler = stmt.handlers.find((h) => !h.type || this.matchesException(h.type, signal.type));
          if (!handler) throw signal;
          if (handler.name) scope.vars.set(handler.name, pyObj(signal.type, { __str__: signal.message, args: tuple([signal.message]) }));
          this.runBody(handler.body, scope, module, '<module>');
        } finally {
          if (stmt.final.length > 0) this.runBody(stmt.final, scope, module, '<module>');
        }
        return;
      case 'return':
        throw new PyReturn(stmt.e ? this.eval(stmt.e, scope, module) : null);
      case 'raise': {
        const value = stmt.e ? this.eval(stmt.e, scope, module) : null;
        if (isKind(value, 'obj')) throw new PyRaise(value.type, String(value.attrs.get('__str__') ?? ''));
        if (isKind(value, 'native')) throw new PyRaise(value.name, '');
        throw new PyRaise('RuntimeError', 'No active exception to reraise');
      }
      case 'break':
        throw new PyBreak();
      case 'continue':
        throw new PyContinue();
      case 'pass':
      case 'skip':
        return;
    }
  }

  matchesException(typeExpr: PyExpr, raised: string): boolean {
    const names: string[] = [];
    const collect = (expr: PyExpr) => {
      if (expr.k === 'tuple') expr.items.forEach(collect);
      else if (expr.k === 'name') names.push(expr.name);
      else if (expr.k === 'attr') names.push(expr.name);
    };
    collect(typeExpr);
    const family: Record<string, string[]> = {
      Exception: ['*'],
      BaseException: ['*'],
      ImportError: ['ImportError', 'ModuleNotFoundError'],
      LookupError: ['KeyError', 'IndexError'],
      OSError: ['OSError', 'FileNotFoundError', 'ConnectionError', 'ConnectionRefusedError'],
      ArithmeticError: ['ZeroDivisionError'],
    };
    return names.some((name) => name === raised || (family[name] ?? []).some((member) => member === '*' || member === raised));
  }

  lookupSub(value: PyValue, dotted: string): PyValue {
    let current = value;
    for (const part of dotted.split('.').slice(1)) {
      const next = this.attr(current, part, true);
      current = next ?? UNKNOWN;
    }
    return current;
  }

  assign(target: PyExpr, value: PyValue, scope: PyScope, module: PyModuleCtx): void {
    if (target.k === 'name') {
      scope.vars.set(target.name, value);
      return;
    }
    if (target.k === 'tuple' || target.k === 'list') {
      const items = this.iterate(value);
      target.items.forEach((item, i) => this.assign(item, items === UNKNOWN ? UNKNOWN : (items[i] ?? UNKNOWN), scope, module));
      return;
    }
    if (target.k === 'attr') {
      const holder = this.eval(target.obj, scope, module);
      if (isKind(holder, 'obj')) holder.attrs.set(target.name, value);
      return;
    }
    if (target.k === 'index') {
      const holder = this.eval(target.obj, scope, module);
      const key = this.eval(target.index, scope, module);
      if (isKind(holder, 'dict')) {
        const entry = holder.entries.find(([k]) => equals(k, key));
        if (entry) entry[1] = value;
        else holder.entries.push([key, value]);
      } else if (isKind(holder, 'list') && typeof key === 'number') holder.items[key < 0 ? holder.items.length + key : key] = value;
    }
  }

  iterate(value: PyValue | undefined): PyValue[] | typeof UNKNOWN {
    if (value === UNKNOWN || value === undefined) return UNKNOWN;
    if (typeof value === 'string') return [...value];
    if (isKind(value, 'list') || isKind(value, 'tuple') || isKind(value, 'set')) return value.items;
    if (isKind(value, 'dict')) return value.entries.map(([k]) => k);
    if (isKind(value, 'obj') && value.type === 'range') {
      const items = (value.attrs.get('items') as { kind: 'list'; items: PyValue[] }).items;
      // A range longer than the reader follows still lists one item too many, so loops notice.
      return value.attrs.get('truncated') === true ? [...items, UNKNOWN] : items;
    }
    return UNKNOWN;
  }

  eval(expr: PyExpr, scope: PyScope, module: PyModuleCtx): PyValue {
    step(this.world);
    switch (expr.k) {
      case 'const':
        return expr.v;
      case 'fstr': {
        let out = '';
        for (const part of expr.parts) {
          if (typeof part === 'string') {
            out += part;
            continue;
          }
          const value = this.eval(part.expr, scope, module);
          const text = part.conv === 'r' ? pyRepr(value) : formatValue(value, part.spec);
          if (text === UNKNOWN) return UNKNOWN;
          out += text;
        }
        return out;
      }
      case 'name': {
        const found = scope.get(expr.name);
        if (found.found) return found.value;
        const builtin = this.builtins.get(expr.name);
        if (builtin.found) return builtin.value;
        throw new PyRaise('NameError', `name '${expr.name}' is not defined`);
      }
      case 'attr': {
        const target = this.eval(expr.obj, scope, module);
        const value = this.attr(target, expr.name, false);
        return value === undefined ? UNKNOWN : value;
      }
      case 'index': {
        const target = this.eval(expr.obj, scope, module);
        if (expr.index.k === 'slice') {
          const lo = expr.index.lo ? num(this.eval(expr.index.lo, scope, module)) : undefined;
          const hi = expr.index.hi ? num(this.eval(expr.index.hi, scope, module)) : undefined;
          const stepValue = expr.index.step ? num(this.eval(expr.index.step, scope, module)) : 1;
          if (stepValue !== 1 && stepValue !== -1) return UNKNOWN;
          const reverse = stepValue === -1 && lo === undefined && hi === undefined;
          if (stepValue === -1 && !reverse) return UNKNOWN;
          if (typeof target === 'string') return reverse ? [...target].reverse().join('') : target.slice(lo, hi);
          if (isKind(target, 'list')) return { kind: 'list', items: reverse ? [...target.items].reverse() : target.items.slice(lo, hi) };
          if (isKind(target, 'tuple')) return { kind: 'tuple', items: reverse ? [...target.items].reverse() : target.items.slice(lo, hi) };
          return UNKNOWN;
        }
        const key = this.eval(expr.index, scope, module);
        return this.index(target, key);
      }
      case 'slice':
        return UNKNOWN;
      case 'call': {
        const callee = this.eval(expr.fn, scope, module);
        const args = expr.args.map((arg) => this.eval(arg, scope, module));
        const kwargs = new Map<string, PyValue>(expr.kwargs.map(([key, value]) => [key, this.eval(value, scope, module)]));
        for (const star of expr.star) {
          const value = this.eval(star, scope, module);
          if (isKind(value, 'dict')) for (const [k, v] of value.entries) kwargs.set(String(k), v);
          else {
            const items = this.iterate(value);
            if (items === UNKNOWN) return UNKNOWN;
            args.push(...items);
          }
        }
        return this.call(callee, args, kwargs, expr.at, expr.fn.k === 'attr' ? this.eval(expr.fn.obj, scope, module) : undefined);
      }
      case 'bin':
        return this.binary(expr.op, this.eval(expr.l, scope, module), this.eval(expr.r, scope, module));
      case 'cmp': {
        let left = this.eval(expr.items[0]!, scope, module);
        for (let i = 0; i < expr.ops.length; i++) {
          const right = this.eval(expr.items[i + 1]!, scope, module);
          const result = this.compare(expr.ops[i]!, left, right);
          if (result !== true) return result;
          left = right;
        }
        return true;
      }
      case 'bool': {
        const left = this.eval(expr.l, scope, module);
        const verdict = truthy(left);
        if (verdict === UNKNOWN) return UNKNOWN;
        if (expr.op === 'and' ? !verdict : verdict) return left;
        return this.eval(expr.r, scope, module);
      }
      case 'not': {
        const verdict = truthy(this.eval(expr.e, scope, module));
        return verdict === UNKNOWN ? UNKNOWN : !verdict;
      }
      case 'neg': {
        const value = this.eval(expr.e, scope, module);
        if (expr.op === '+') return value;
        if (typeof value === 'number') return expr.op === '-' ? -value : ~value;
        if (isKind(value, 'float')) return float(-value.v);
        return UNKNOWN;
      }
      case 'ifexp': {
        const verdict = truthy(this.eval(expr.test, scope, module));
        if (verdict === UNKNOWN) return UNKNOWN;
        return this.eval(verdict ? expr.a : expr.b, scope, module);
      }
      case 'list':
      case 'tuple':
      case 'set':
        return { kind: expr.k, items: expr.items.map((item) => this.eval(item, scope, module)) };
      case 'dict':
        return { kind: 'dict', entries: expr.items.map(([k, v]) => [this.eval(k, scope, module), this.eval(v, scope, module)] as [PyValue, PyValue]) };
      case 'lambda':
        return { kind: 'func', name: '<lambda>', params: expr.params.map((name) => ({ name })), body: [], closure: scope, module, lambda: expr.body };
      case 'comp': {
        const out: PyValue[] = [];
        const entries: Array<[PyValue, PyValue]> = [];
        let unknown = false;
        const walk = (index: number, inner: PyScope): void => {
          if (unknown || out.length + entries.length > 1000) return;
          const clause = expr.clauses[index];
          if (!clause) {
            if (expr.kind === 'dict') entries.push([this.eval(expr.elt, inner, module), this.eval(expr.value!, inner, module)]);
            else out.push(this.eval(expr.elt, inner, module));
            return;
          }
          if ('cond' in clause) {
            const verdict = truthy(this.eval(clause.cond, inner, module));
            if (verdict === UNKNOWN) unknown = true;
            else if (verdict) walk(index + 1, inner);
            return;
          }
          const items = this.iterate(this.eval(clause.iter, inner, module));
          if (items === UNKNOWN || items.length > 1000) {
            unknown = true;
            return;
          }
          for (const item of items.slice(0, 1000)) {
            this.assign(clause.target, item, inner, module);
            walk(index + 1, inner);
          }
        };
        walk(0, new PyScope(scope));
        if (unknown) return UNKNOWN;
        if (expr.kind === 'dict') return { kind: 'dict', entries };
        return { kind: expr.kind === 'set' ? 'set' : 'list', items: out };
      }
      case 'await':
        return this.eval(expr.e, scope, module);
      case '?':
        return UNKNOWN;
    }
  }

  index(target: PyValue, key: PyValue): PyValue {
    if (target === UNKNOWN || key === UNKNOWN) return UNKNOWN;
    if (isKind(target, 'dict')) {
      const entry = target.entries.find(([k]) => equals(k, key));
      if (!entry) throw new PyRaise('KeyError', pyRepr(key) as string);
      return entry[1];
    }
    if ((isKind(target, 'list') || isKind(target, 'tuple')) && typeof key === 'number') {
      const value = target.items[key < 0 ? target.items.length + key : key];
      if (value === undefined) throw new PyRaise('IndexError', `${target.kind} index out of range`);
      return value;
    }
    if (typeof target === 'string' && typeof key === 'number') return target.at(key) ?? UNKNOWN;
    if (isKind(target, 'obj') && target.attrs.has('__getitem__')) return this.call(target.attrs.get('__getitem__')!, [key], new Map());
    return UNKNOWN;
  }

  compare(op: string, a: PyValue, b: PyValue): PyValue {
    if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
    switch (op) {
      case '==': return equals(a, b);
      case '!=': return !equals(a, b);
      case 'is': return a === b || (a === null && b === null);
      case 'is not': return !(a === b || (a === null && b === null));
      case 'in':
      case 'not in': {
        let found: boolean;
        if (typeof b === 'string') found = typeof a === 'string' && b.includes(a);
        else if (isKind(b, 'dict')) found = b.entries.some(([k]) => equals(k, a));
        else {
          const items = this.iterate(b);
          if (items === UNKNOWN) return UNKNOWN;
          found = items.some((item) => equals(item, a));
        }
        return op === 'in' ? found : !found;
      }
      default: {
        const x = num(a);
        const y = num(b);
        const l = x ?? a;
        const r = y ?? b;
        if (typeof l !== typeof r || (typeof l !== 'number' && typeof l !== 'string')) return UNKNOWN;
        const lv = l as number | string;
        const rv = r as number | string;
        return op === '<' ? lv < rv : op === '>' ? lv > rv : op === '<=' ? lv <= rv : lv >= rv;
      }
    }
  }

  binary(op: string, a: PyValue, b: PyValue): PyValue {
    if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
    if (op === '+' && typeof a === 'string' && typeof b === 'string') return a.length + b.length > 1_000_000 ? UNKNOWN : a + b;
    if (op === '+' && typeof a === 'string') throw new PyRaise('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
    if (op === '+' && ((isKind(a, 'list') && isKind(b, 'list')) || (isKind(a, 'tuple') && isKind(b, 'tuple')))) return { kind: a.kind, items: [...a.items, ...b.items] };
    if (op === '*' && typeof a === 'string' && typeof b === 'number') return b > 0 && a.length * b < 100_000 ? a.repeat(b) : '';
    if (op === '%' && typeof a === 'string') return this.percentFormat(a, b);
    const x = num(a);
    const y = num(b);
    if (x === undefined || y === undefined) {
      if (op === '+' && typeof b === 'string') throw new PyRaise('TypeError', `unsupported operand type(s) for +: '${typeName(a)}' and 'str'`);
      return UNKNOWN;
    }
    const isFloat = isKind(a, 'float') || isKind(b, 'float');
    const wrap = (v: number) => (isFloat ? float(v) : v);
    switch (op) {
      case '+': return wrap(x + y);
      case '-': return wrap(x - y);
      case '*': return wrap(x * y);
      case '/':
        if (y === 0) throw new PyRaise('ZeroDivisionError', 'division by zero');
        return float(x / y);
      case '//':
        if (y === 0) throw new PyRaise('ZeroDivisionError', 'integer division or modulo by zero');
        return wrap(Math.floor(x / y));
      case '%':
        if (y === 0) throw new PyRaise('ZeroDivisionError', 'integer modulo by zero');
        return wrap(((x % y) + y) % y);
      case '**': return !isFloat && y >= 0 ? x ** y : float(x ** y);
      case '&': return x & y;
      case '|': return x | y;
      case '^': return x ^ y;
      case '<<': return x << y;
      case '>>': return x >> y;
      default: return UNKNOWN;
    }
  }

  percentFormat(format: string, args: PyValue): PyValue {
    const values: PyValue[] = isKind(args, 'tuple') ? [...args.items] : [args];
    let failed = false;
    const out = format.replace(/%(\.\d+)?([sdifr%])/g, (match, precision: string | undefined, type: string) => {
      if (type === '%') return '%';
      const value = values.shift();
      if (value === undefined || value === UNKNOWN) {
        failed = true;
        return match;
      }
      if (type === 'd' || type === 'i') return String(Math.trunc(num(value) ?? NaN));
      if (type === 'f') return (num(value) ?? NaN).toFixed(precision ? Number(precision.slice(1)) : 6);
      const text = type === 'r' ? pyRepr(value) : pyStr(value);
      if (text === UNKNOWN) failed = true;
      return text === UNKNOWN ? '' : text;
    });
    return failed ? UNKNOWN : out;
  }

  /** Attribute access; `soft` returns undefined instead of raising for missing names. */
  attr(target: PyValue, name: string, soft: boolean): PyValue | undefined {
    if (target === UNKNOWN) return UNKNOWN;
    if (typeof target === 'string') return stringMethod(this, target, name);
    if (isKind(target, 'dict')) return dictMethod(this, target, name);
    if (isKind(target, 'list')) return listMethod(target, name);
    if (isKind(target, 'bytes') && name === 'decode') return fn('decode', () => target.v);
    if (isKind(target, 'native')) return target.attrs?.get(name) ?? (soft ? undefined : UNKNOWN);
    if (isKind(target, 'obj')) {
      if (target.attrs.has(name)) {
        const value = target.attrs.get(name)!;
        if (isKind(value, 'func') && target.cls) return this.bind(value, target);
        return value;
      }
      const cls = target.cls;
      if (cls) {
        const method = this.classAttr(cls, name);
        if (method !== undefined) return isKind(method, 'func') ? this.bind(method, target) : method;
      }
      if (target.open) return UNKNOWN;
      if (soft) return undefined;
      throw new PyRaise('AttributeError', `'${target.type}' object has no attribute '${name}'`);
    }
    if (soft) return undefined;
    return UNKNOWN;
  }

  classAttr(cls: PyObject, name: string): PyValue | undefined {
    if (cls.attrs.has(name)) return cls.attrs.get(name);
    for (const base of cls.bases ?? []) {
      if (isKind(base, 'obj')) {
        const found = this.classAttr(base, name);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  bind(method: PyFunc, self: PyObject): PyNative {
    return fn(method.name, (args, kwargs) => this.call(method, [self, ...args], kwargs));
  }

  call(callee: PyValue, args: PyValue[], kwargs: Map<string, PyValue>, at?: PyTok, self?: PyValue): PyValue {
    void self;
    if (callee === UNKNOWN) return UNKNOWN;
    if (isKind(callee, 'native')) return callee.call(args, kwargs, at);
    if (isKind(callee, 'func')) {
      step(this.world);
      if (this.stack.length > 40) throw new PyRaise('RecursionError', 'maximum recursion depth exceeded');
      const scope = new PyScope(callee.closure);
      this.bindParams(callee.params, args, kwargs, scope, callee.module);
      if (callee.lambda) return this.eval(callee.lambda, scope, callee.module);
      return this.inFrame({ path: callee.module.path, fn: callee.name, line: 0 }, () => {
        try {
          this.runBody(callee.body, scope, callee.module, callee.name);
        } catch (signal) {
          if (signal instanceof PyReturn) return signal.value;
          throw signal;
        }
        return null;
      });
    }
    if (isKind(callee, 'obj') && callee.attrs.get('__class__') === 'class') {
      // Instantiating a user class: run __init__ if it has one.
      const instance: PyObject = { kind: 'obj', type: callee.type, attrs: new Map(), cls: callee };
      const init = this.classAttr(callee, '__init__');
      if (init && isKind(init, 'func')) this.call(init, [instance, ...args], kwargs);
      return instance;
    }
    if (isKind(callee, 'obj') && callee.open) return UNKNOWN;
    throw new PyRaise('TypeError', `'${typeName(callee)}' object is not callable`);
  }

  bindParams(params: PyParam[], args: PyValue[], kwargs: Map<string, PyValue>, scope: PyScope, module: PyModuleCtx): void {
    let i = 0;
    for (const param of params) {
      if (param.star === '*') {
        scope.vars.set(param.name, tuple(args.slice(i)));
        i = args.length;
      } else if (param.star === '**') scope.vars.set(param.name, { kind: 'dict', entries: [...kwargs].map(([k, v]) => [k, v] as [PyValue, PyValue]) });
      else if (i < args.length) scope.vars.set(param.name, args[i++]!);
      else if (kwargs.has(param.name)) scope.vars.set(param.name, kwargs.get(param.name)!);
      else if (param.def) scope.vars.set(param.name, this.eval(param.def, scope, module));
      else scope.vars.set(param.name, UNKNOWN);
    }
  }
}

function typeName(value: PyValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return 'int';
  if (typeof value === 'boolean') return 'bool';
  if (value === UNKNOWN) return 'object';
  if (value.kind === 'native' || value.kind === 'func') return 'function';
  if (value.kind === 'obj') return value.type;
  return value.kind;
}

function stringMethod(it: PyInterpreter, s: string, name: string): PyValue | undefined {
  const m = (call: (args: PyValue[], kwargs: Map<string, PyValue>) => PyValue) => fn(name, call);
  switch (name) {
    case 'upper': return m(() => s.toUpperCase());
    case 'lower': return m(() => s.toLowerCase());
    case 'strip': return m(([chars]) => (typeof chars === 'string' ? s.replace(new RegExp(`^[${chars.replace(/[\]\\^-]/g, '\\$&')}]+|[${chars.replace(/[\]\\^-]/g, '\\$&')}]+$`, 'g'), '') : s.trim()));
    case 'lstrip': return m(() => s.trimStart());
    case 'rstrip': return m(() => s.trimEnd());
    case 'title': return m(() => s.replace(/\b\w/g, (c) => c.toUpperCase()));
    case 'capitalize': return m(() => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
    case 'split': return m(([sep]) => list(typeof sep === 'string' ? s.split(sep) : s.trim().split(/\s+/).filter(Boolean)));
    case 'join': return m(([items]) => {
      const values = it.iterate(items);
      if (values === UNKNOWN) return UNKNOWN;
      return values.every((value) => typeof value === 'string') ? (values as string[]).join(s) : UNKNOWN;
    });
    case 'replace': return m(([a, b]) => (typeof a === 'string' && typeof b === 'string' ? s.split(a).join(b) : UNKNOWN));
    case 'startswith': return m(([x]) => (typeof x === 'string' ? s.startsWith(x) : UNKNOWN));
    case 'endswith': return m(([x]) => (typeof x === 'string' ? s.endsWith(x) : UNKNOWN));
    case 'encode': return m(() => ({ kind: 'bytes', v: s }));
    case 'zfill': return m(([n]) => (typeof n === 'number' ? s.padStart(n, '0') : UNKNOWN));
    case 'center': return m(([n]) => (typeof n === 'number' ? formatValue(s, `^${n}`) : UNKNOWN));
    case 'isdigit': return m(() => /^\d+$/.test(s));
    case 'format': return m((args, kwargs) => {
      let index = 0;
      let failed = false;
      const out = s.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rs]))?(?::([^{}]*))?\}/g, (match, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
        if (match === '{{') return '{';
        if (match === '}}') return '}';
        const key = field ?? '';
        const value = key === '' ? args[index++] : /^\d+$/.test(key) ? args[Number(key)] : kwargs.get(key);
        if (value === undefined) {
          failed = true;
          return '';
        }
        const text = conv === 'r' ? pyRepr(value) : formatValue(value, spec ?? '');
        if (text === UNKNOWN) failed = true;
        return text === UNKNOWN ? '' : text;
      });
      return failed ? UNKNOWN : out;
    });
    default: return undefined;
  }
}

function dictMethod(it: PyInterpreter, d: Extract<PyValue, { kind: 'dict' }>, name: string): PyValue | undefined {
  void it;
  switch (name) {
    case 'get': return fn('get', ([key, def]) => d.entries.find(([k]) => equals(k, key))?.[1] ?? (def === undefined ? null : def));
    case 'keys': return fn('keys', () => list(d.entries.map(([k]) => k)));
    case 'values': return fn('values', () => list(d.entries.map(([, v]) => v)));
    case 'items': return fn('items', () => list(d.entries.map(([k, v]) => tuple([k, v]))));
    case 'setdefault': return fn('setdefault', ([key, def]) => {
      const entry = d.entries.find(([k]) => equals(k, key));
      if (entry) return entry[1];
      d.entries.push([key!, def ?? null]);
      return def ?? null;
    });
    case 'update': return fn('update', ([other]) => {
      if (isKind(other, 'dict')) for (const [k, v] of other.entries) {
        const entry = d.entries.find(([key]) => equals(key, k));
        if (entry) entry[1] = v;
        else d.entries.push([k, v]);
      }
      return null;
    });
    default: return undefined;
  }
}

function listMethod(l: Extract<PyValue, { kind: 'list' }>, name: string): PyValue | undefined {
  switch (name) {
    case 'append': return fn('append', ([value]) => (l.items.push(value!), null));
    case 'extend': return fn('extend', ([value]) => {
      if (isKind(value, 'list') || isKind(value, 'tuple')) l.items.push(...value.items);
      return null;
    });
    case 'pop': return fn('pop', () => l.items.pop() ?? null);
    case 'index': return fn('index', ([value]) => l.items.findIndex((item) => equals(item, value)));
    case 'count': return fn('count', ([value]) => l.items.filter((item) => equals(item, value)).length);
    case 'sort': return fn('sort', () => null);
    default: return undefined;
  }
}

// ---- built-ins -----------------------------------------------------------------------------------

function makeBuiltins(world: PyWorld, getIt: () => PyInterpreter): PyScope {
  const b = new PyScope(null);
  const it = () => getIt();
  b.vars.set('print', fn('print', (args, kwargs) => {
    const sep = kwargs.get('sep');
    const end = kwargs.get('end');
    const parts = args.map(pyStr);
    if (parts.includes(UNKNOWN) || sep === UNKNOWN || end === UNKNOWN) {
      note(world, 'a print() shows a value the simulator cannot compute, so that line is missing from the output.');
      return null;
    }
    const text = parts.join(typeof sep === 'string' ? sep : ' ') + (typeof end === 'string' ? end : '\n');
    const file = kwargs.get('file');
    if (isKind(file ?? null, 'obj') && (file as PyObject).type === 'stderr') writeStderr(world, text);
    else writeStdout(world, text, truthy(kwargs.get('flush') ?? false) === true);
    return null;
  }));
  b.vars.set('input', fn('input', ([prompt]) => {
    // A container started without -i has no stdin: input() hits end-of-file at once.
    if (typeof prompt === 'string') writeStdout(world, prompt, false);
    throw new PyRaise('EOFError', 'EOF when reading a line');
  }));
  b.vars.set('len', fn('len', ([value]) => {
    if (typeof value === 'string') return value.length;
    if (isKind(value, 'obj') && value.type === 'range') return value.attrs.get('length') ?? UNKNOWN;
    const items = it().iterate(value ?? null);
    return items === UNKNOWN ? UNKNOWN : items.length;
  }));
  b.vars.set('str', fn('str', ([value]) => (value === undefined ? '' : pyStr(value))));
  b.vars.set('repr', fn('repr', ([value]) => pyRepr(value ?? null)));
  b.vars.set('int', fn('int', ([value]) => {
    if (value === UNKNOWN) return UNKNOWN;
    if (typeof value === 'string') {
      if (!/^\s*[-+]?\d+\s*$/.test(value)) throw new PyRaise('ValueError', `invalid literal for int() with base 10: ${pyRepr(value) as string}`);
      return Number.parseInt(value, 10);
    }
    const n = num(value ?? 0);
    return n === undefined ? UNKNOWN : Math.trunc(n);
  }));
  b.vars.set('float', fn('float', ([value]) => {
    if (typeof value === 'string') {
      const n = Number(value);
      if (Number.isNaN(n)) throw new PyRaise('ValueError', `could not convert string to float: ${pyRepr(value) as string}`);
      return float(n);
    }
    const n = num(value ?? 0);
    return n === undefined ? UNKNOWN : float(n);
  }));
  b.vars.set('bool', fn('bool', ([value]) => truthy(value ?? false)));
  b.vars.set('abs', fn('abs', ([value]) => (typeof value === 'number' ? Math.abs(value) : isKind(value ?? null, 'float') ? float(Math.abs((value as { v: number }).v)) : UNKNOWN)));
  b.vars.set('round', fn('round', ([value, digits]) => {
    const n = num(value ?? null);
    if (n === undefined) return UNKNOWN;
    if (typeof digits === 'number') return float(Number(n.toFixed(digits)));
    return Math.round(n);
  }));
  b.vars.set('range', fn('range', (args) => {
    const nums = args.map((arg) => num(arg));
    if (nums.some((n) => n === undefined)) return UNKNOWN;
    const [a = 0, z, s = 1] = nums.length === 1 ? [0, nums[0], 1] : nums;
    if (s === 0) throw new PyRaise('ValueError', 'range() arg 3 must not be zero');
    const items: PyValue[] = [];
    let truncated = false;
    for (let i = a!; s! > 0 ? i < z! : i > z!; i += s!) {
      if (items.length >= 1000) {
        truncated = true;
        break;
      }
      items.push(i);
    }
    const length = Math.max(0, Math.ceil((z! - a!) / s!));
    return pyObj('range', { items: list(items), truncated, length });
  }));
  const seq = (name: string, make: (items: PyValue[]) => PyValue) => fn(name, ([value]) => {
    if (value === undefined) return make([]);
    const items = it().iterate(value);
    return items === UNKNOWN ? UNKNOWN : make([...items]);
  });
  b.vars.set('list', seq('list', list));
  b.vars.set('tuple', seq('tuple', tuple));
  b.vars.set('sorted', seq('sorted', (items) => list([...items].sort((x, y) => (num(x) ?? String(x)) < (num(y) ?? String(y)) ? -1 : 1))));
  b.vars.set('sum', seq('sum', (items) => items.reduce<PyValue>((acc, item) => it().binary('+', acc, item), 0)));
  b.vars.set('max', fn('max', (args) => {
    const items = args.length === 1 ? it().iterate(args[0]!) : args;
    if (items === UNKNOWN || items.some((item) => num(item) === undefined)) return UNKNOWN;
    return items.reduce((a, b2) => ((num(b2) as number) > (num(a) as number) ? b2 : a));
  }));
  b.vars.set('min', fn('min', (args) => {
    const items = args.length === 1 ? it().iterate(args[0]!) : args;
    if (items === UNKNOWN || items.some((item) => num(item) === undefined)) return UNKNOWN;
    return items.reduce((a, b2) => ((num(b2) as number) < (num(a) as number) ? b2 : a));
  }));
  b.vars.set('enumerate', fn('enumerate', ([value, start]) => {
    const items = it().iterate(value ?? null);
    return items === UNKNOWN ? UNKNOWN : list(items.map((item, i) => tuple([i + (typeof start === 'number' ? start : 0), item])));
  }));
  b.vars.set('dict', fn('dict', (_args, kwargs) => ({ kind: 'dict', entries: [...kwargs].map(([k, v]) => [k, v] as [PyValue, PyValue]) })));
  b.vars.set('isinstance', fn('isinstance', () => UNKNOWN));
  b.vars.set('open', fn('open', ([path]) => {
    if (typeof path !== 'string') return UNKNOWN;
    const absolute = resolvePath(world.cwd, path);
    const text = readText(world.fs, absolute);
    if (text === undefined) throw new PyRaise('FileNotFoundError', `[Errno 2] No such file or directory: ${pyRepr(path) as string}`);
    return pyObj('TextIOWrapper', { read: fn('read', () => text), readlines: fn('readlines', () => list(text.split(/(?<=\n)/))), close: fn('close', () => null), __str__: `<_io.TextIOWrapper name=${pyRepr(path) as string}>` }, true);
  }));
  b.vars.set('__name__', '__main__');
  b.vars.set('zip', fn('zip', (args) => {
    const lists = args.map((arg) => it().iterate(arg));
    if (lists.some((items) => items === UNKNOWN)) return UNKNOWN;
    const arrays = lists as PyValue[][];
    const length = arrays.length === 0 ? 0 : Math.min(1000, ...arrays.map((items) => items.length));
    return list(Array.from({ length }, (_, i) => tuple(arrays.map((items) => items[i]!))));
  }));
  b.vars.set('any', seq('any', (items) => items.some((item) => truthy(item) === true)));
  b.vars.set('all', seq('all', (items) => items.every((item) => truthy(item) === true)));
  b.vars.set('reversed', seq('reversed', (items) => list([...items].reverse())));
  b.vars.set('set', seq('set', (items) => ({ kind: 'set', items: items.filter((item, i) => items.findIndex((other) => equals(other, item)) === i) })));
  b.vars.set('chr', fn('chr', ([code]) => (typeof code === 'number' ? String.fromCharCode(code) : UNKNOWN)));
  b.vars.set('ord', fn('ord', ([text]) => (typeof text === 'string' && text.length === 1 ? text.charCodeAt(0) : UNKNOWN)));
  // Names a program may mention that the reader does not model: their results are unknown.
  for (const name of ['object', 'type', 'property', 'staticmethod', 'classmethod', 'super', 'frozenset', 'map', 'filter', 'hasattr', 'getattr', 'setattr', 'id', 'hash', 'iter', 'next', 'callable', 'hex', 'bin', 'oct', 'format', 'vars', 'globals', 'locals', 'bytes', 'bytearray', 'memoryview', 'complex', 'divmod', 'pow', 'slice', 'issubclass', 'exit', 'quit', '__import__', 'help', 'dir', 'breakpoint', 'compile', 'delattr', 'ascii', 'aiter', 'anext']) {
    b.vars.set(name, fn(name, () => UNKNOWN));
  }
  b.vars.set('NotImplemented', pyObj('NotImplementedType', {}, true));
  b.vars.set('Ellipsis', pyObj('ellipsis', {}, true));
  b.vars.set('__file__', '');
  for (const name of ['Exception', 'BaseException', 'ValueError', 'KeyError', 'TypeError', 'RuntimeError', 'ImportError', 'ModuleNotFoundError', 'KeyboardInterrupt', 'OSError', 'IOError', 'FileNotFoundError', 'FileExistsError', 'PermissionError', 'TimeoutError', 'ConnectionError', 'ConnectionRefusedError', 'ZeroDivisionError', 'ArithmeticError', 'OverflowError', 'SystemExit', 'IndexError', 'LookupError', 'AttributeError', 'NameError', 'SyntaxError', 'AssertionError', 'NotImplementedError', 'StopIteration', 'EOFError', 'UnicodeDecodeError', 'UnicodeEncodeError', 'UnicodeError', 'RecursionError', 'MemoryError', 'BufferError', 'Warning', 'UserWarning', 'DeprecationWarning', 'RuntimeWarning', 'FutureWarning', 'GeneratorExit', 'ChildProcessError', 'BrokenPipeError', 'InterruptedError', 'IsADirectoryError', 'NotADirectoryError', 'ProcessLookupError', 'BlockingIOError', 'EnvironmentError', 'ReferenceError', 'SystemError', 'UnboundLocalError', 'TabError', 'IndentationError', 'FloatingPointError', 'ImportWarning', 'ResourceWarning', 'BytesWarning', 'UnicodeWarning', 'PendingDeprecationWarning', 'SyntaxWarning', 'EncodingWarning', 'StopAsyncIteration', 'ExceptionGroup', 'BaseExceptionGroup']) {
    b.vars.set(name, fn(name, ([message]) => pyObj(name, { __str__: message === undefined ? '' : (pyStr(message) === UNKNOWN ? '' : (pyStr(message) as string)), args: tuple(message === undefined ? [] : [message]) })));
  }
  return b;
}

// ---- standard library and framework models ------------------------------------------------------

function logLine(world: PyWorld, level: string, name: string, message: string): void {
  const levels: Record<string, number> = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 };
  if ((levels[level] ?? 30) < world.logLevel) return;
  const stamp = new Date(world.now).toISOString().replace('T', ' ').replace('Z', '').replace(/\.(\d{3})$/, ',$1');
  const text = world.logFormat.replace('%(levelname)s', level).replace('%(name)s', name).replace('%(message)s', message).replace('%(asctime)s', stamp);
  writeStderr(world, `${text}\n`);
}

function loggingModule(world: PyWorld): PyObject {
  const logger = (name: string) => {
    const make = (level: string) => fn(level.toLowerCase(), ([message, ...rest]) => {
      const text = typeof message === 'string' && rest.length > 0 ? getInterp(world).percentFormat(message, tuple(rest)) : pyStr(message ?? null);
      if (text === UNKNOWN || typeof text !== 'string') note(world, 'a log message shows a value the simulator cannot compute.');
      else logLine(world, level, name, text);
      return null;
    });
    return pyObj('Logger', { debug: make('DEBUG'), info: make('INFO'), warning: make('WARNING'), error: make('ERROR'), critical: make('CRITICAL'), setLevel: fn('setLevel', () => null), exception: make('ERROR') }, true);
  };
  const root = logger('root');
  return pyObj('module', {
    DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50,
    basicConfig: fn('basicConfig', (_args, kwargs) => {
      const level = kwargs.get('level');
      if (typeof level === 'number') world.logLevel = level;
      const format = kwargs.get('format');
      if (typeof format === 'string') world.logFormat = format;
      return null;
    }),
    getLogger: fn('getLogger', ([name]) => logger(typeof name === 'string' ? name : 'root')),
    info: root.attrs.get('info')!, warning: root.attrs.get('warning')!, error: root.attrs.get('error')!, debug: root.attrs.get('debug')!,
  }, true);
}

const interpreters = new WeakMap<PyWorld, PyInterpreter>();
function getInterp(world: PyWorld): PyInterpreter {
  return interpreters.get(world)!;
}

function osModule(world: PyWorld): PyObject {
  const environ = pyObj('environ', {}, false);
  const envDict = { kind: 'dict' as const, entries: [...world.env].map(([k, v]) => [k, v] as [PyValue, PyValue]) };
  environ.attrs.set('get', fn('get', ([key, def]) => (typeof key === 'string' && world.env.has(key) ? world.env.get(key)! : def ?? null)));
  environ.attrs.set('__getitem__', fn('__getitem__', ([key]) => {
    if (typeof key === 'string' && world.env.has(key)) return world.env.get(key)!;
    throw new PyRaise('KeyError', pyRepr(key ?? null) as string);
  }));
  environ.attrs.set('items', fn('items', () => list(envDict.entries.map(([k, v]) => tuple([k, v])))));
  environ.attrs.set('setdefault', fn('setdefault', ([key, def]) => {
    if (typeof key === 'string' && !world.env.has(key) && typeof def === 'string') world.env.set(key, def);
    return typeof key === 'string' ? world.env.get(key) ?? null : UNKNOWN;
  }));
  const path = pyObj('module', {
    join: fn('join', (parts) => (parts.every((part) => typeof part === 'string') ? (parts as string[]).reduce((acc, part) => (part.startsWith('/') ? part : acc === '' ? part : `${acc.replace(/\/$/, '')}/${part}`), '') : UNKNOWN)),
    exists: fn('exists', ([p]) => (typeof p === 'string' ? world.fs.getNode(resolvePath(world.cwd, p)) !== undefined : UNKNOWN)),
    dirname: fn('dirname', ([p]) => (typeof p === 'string' ? dirname(p) : UNKNOWN)),
    basename: fn('basename', ([p]) => (typeof p === 'string' ? basename(p) : UNKNOWN)),
    abspath: fn('abspath', ([p]) => (typeof p === 'string' ? resolvePath(world.cwd, p) : UNKNOWN)),
  }, true);
  return pyObj('module', {
    environ,
    getenv: fn('getenv', ([key, def]) => (typeof key === 'string' && world.env.has(key) ? world.env.get(key)! : def ?? null)),
    getcwd: fn('getcwd', () => world.cwd),
    getpid: fn('getpid', () => world.pid),
    listdir: fn('listdir', ([p]) => list(listDir(world.fs, resolvePath(world.cwd, typeof p === 'string' ? p : '.')))),
    path,
    sep: '/',
    name: 'posix',
  }, true);
}

function sysModule(world: PyWorld): PyObject {
  return pyObj('module', {
    argv: list(world.argv),
    version: `${world.version} (main, Jun 12 2025, 00:00:00) [GCC 12.2.0]`,
    platform: 'linux',
    exit: fn('exit', ([code]) => {
      if (typeof code === 'string') {
        writeStderr(world, `${code}\n`);
        throw new PyExit(1);
      }
      throw new PyExit(typeof code === 'number' ? code : 0);
    }),
    stdout: pyObj('stdout', { write: fn('write', ([text]) => (typeof text === 'string' ? (writeStdout(world, text, false), text.length) : UNKNOWN)), flush: fn('flush', () => (writeStdout(world, '', true), world.logs.pop(), null)) }, true),
    stderr: pyObj('stderr', { write: fn('write', ([text]) => (typeof text === 'string' ? (writeStderr(world, text), text.length) : UNKNOWN)), flush: fn('flush', () => null) }, true),
    path: list(world.sitePaths),
  }, true);
}

function timeModule(world: PyWorld): PyObject {
  return pyObj('module', {
    sleep: fn('sleep', ([seconds]) => {
      const s = num(seconds ?? 0) ?? 1;
      if (!world.interval) world.interval = { seconds: s, start: -1 };
      return null;
    }),
    time: fn('time', () => float(world.now / 1000)),
    strftime: fn('strftime', ([format]) => (typeof format === 'string' ? strftime(format, world.now) : UNKNOWN)),
  }, true);
}

function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return format.replace(/%([YmdHMSfyBbAa%])/g, (_m, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return pad(d.getUTCFullYear() % 100);
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'd': return pad(d.getUTCDate());
      case 'H': return pad(d.getUTCHours());
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 'f': return pad(d.getUTCMilliseconds() * 1000, 6);
      case '%': return '%';
      default: return c;
    }
  });
}

function datetimeModule(world: PyWorld): PyObject {
  const stamp = (ms: number) => {
    const iso = new Date(ms).toISOString();
    const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(new Date(ms).getUTCMilliseconds() * 1000).padStart(6, '0')}`;
    return pyObj('datetime', {
      __str__: text,
      isoformat: fn('isoformat', () => text.replace(' ', 'T')),
      strftime: fn('strftime', ([format]) => (typeof format === 'string' ? strftime(format, ms) : UNKNOWN)),
      year: new Date(ms).getUTCFullYear(),
    }, true);
  };
  const datetime = pyObj('type', { now: fn('now', () => stamp(world.now)), utcnow: fn('utcnow', () => stamp(world.now)), today: fn('today', () => stamp(world.now)) }, true);
  return pyObj('module', { datetime, date: pyObj('type', { today: fn('today', () => new Date(world.now).toISOString().slice(0, 10)) }, true), timezone: pyObj('timezone', { utc: pyObj('timezone', {}, true) }, true) }, true);
}

function jsonModule(): PyObject {
  return pyObj('module', {
    dumps: fn('dumps', ([value], kwargs) => {
      const indent = kwargs.get('indent');
      const text = toJson(value ?? null, false, truthy(kwargs.get('sort_keys') ?? false) === true, typeof indent === 'number' ? indent : undefined);
      return text;
    }),
    loads: fn('loads', ([text]) => {
      if (typeof text !== 'string') return UNKNOWN;
      try {
        return fromJson(JSON.parse(text));
      } catch {
        throw new PyRaise('json.decoder.JSONDecodeError', 'Expecting value: line 1 column 1 (char 0)');
      }
    }),
  }, true);
}

function mathModule(): PyObject {
  const m = pyObj('module', { pi: float(Math.PI), e: float(Math.E) }, true);
  for (const name of ['sqrt', 'floor', 'ceil', 'sin', 'cos', 'log', 'log10', 'exp', 'fabs'] as const) {
    m.attrs.set(name, fn(name, ([value]) => {
      const n = num(value ?? null);
      if (n === undefined) return UNKNOWN;
      const jsName = name === 'fabs' ? 'abs' : name;
      const result = (Math[jsName] as (x: number) => number)(n);
      return name === 'floor' || name === 'ceil' ? result : float(result);
    }));
  }
  return m;
}

/** Flask's app object: route decorators and run(). */
function flaskModule(world: PyWorld): PyObject {
  const Flask = fn('Flask', ([importName]) => {
    const server: PyServer = { framework: 'flask', routes: [], debug: false };
    const app = pyObj('Flask', {}, true);
    const route = (methodsDefault: string[]) => fn('route', ([path], kwargs) => fn('decorator', ([view]) => {
      const methods = kwargs.get('methods');
      const list_ = isKind(methods ?? null, 'list') ? (methods as { items: PyValue[] }).items.map(String) : methodsDefault;
      if (typeof path === 'string') server.routes.push({ path, methods: list_, fn: view ?? null });
      return view ?? null;
    }));
    app.attrs.set('route', route(['GET']));
    app.attrs.set('get', route(['GET']));
    app.attrs.set('post', route(['POST']));
    app.attrs.set('config', { kind: 'dict', entries: [] });
    app.attrs.set('name', typeof importName === 'string' && importName !== '__main__' ? importName : '__main__');
    app.attrs.set('run', fn('run', (args, kwargs) => {
      server.host = kwargs.get('host') ?? args[0] ?? '127.0.0.1';
      server.port = kwargs.get('port') ?? args[1] ?? 5000;
      server.debug = truthy(kwargs.get('debug') ?? args[2] ?? false) === true;
      world.servers.push(server);
      throw new PyBlocks();
    }));
    (app as PyObject & { server?: PyServer }).server = server;
    return app;
  });
  const request = pyObj('Request', { method: 'GET', path: '/', args: { kind: 'dict', entries: [] }, headers: { kind: 'dict', entries: [] }, json: null, form: { kind: 'dict', entries: [] } }, true);
  return pyObj('module', {
    Flask,
    request,
    jsonify: fn('jsonify', (args, kwargs) => pyObj('Response', { json: args.length === 1 ? args[0]! : kwargs.size > 0 ? { kind: 'dict', entries: [...kwargs].map(([k, v]) => [k, v] as [PyValue, PyValue]) } : list(args) })),
    render_template: fn('render_template', ([name], kwargs) => pyObj('Template', { name: name ?? null, context: { kind: 'dict', entries: [...kwargs].map(([k, v]) => [k, v] as [PyValue, PyValue]) } })),
    abort: fn('abort', () => {
      throw new PyRaise('HTTPException', 'abort');
    }),
  }, true);
}

function fastapiModule(world: PyWorld): PyObject {
  void world;
  const FastAPI = fn('FastAPI', () => {
    const server: PyServer = { framework: 'fastapi', routes: [] };
    const app = pyObj('FastAPI', {}, true);
    for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
      app.attrs.set(method, fn(method, ([path]) => fn('decorator', ([view]) => {
        if (typeof path === 'string') server.routes.push({ path, methods: [method.toUpperCase()], fn: view ?? null });
        return view ?? null;
      })));
    }
    (app as PyObject & { server?: PyServer }).server = server;
    return app;
  });
  return pyObj('module', { FastAPI, HTTPException: fn('HTTPException', () => pyObj('HTTPException', {}, true)), Request: pyObj('type', {}, true) }, true);
}

function uvicornModule(world: PyWorld): PyObject {
  return pyObj('module', {
    run: fn('run', ([app], kwargs) => {
      const server = isKind(app ?? null, 'obj') ? (app as PyObject & { server?: PyServer }).server : undefined;
      if (!server) {
        note(world, 'uvicorn.run() was given an app the simulator cannot follow.');
        throw new PyBlocks();
      }
      server.host = kwargs.get('host') ?? '127.0.0.1';
      server.port = kwargs.get('port') ?? 8000;
      world.servers.push(server);
      (world as PyWorld & { uvicorn?: boolean }).uvicorn = true;
      throw new PyBlocks();
    }),
  }, true);
}

function httpServerModule(world: PyWorld): PyObject {
  const handlerBase = (name: string) => pyObj(name, { __class__: 'class', __builtin_handler__: name }, false);
  const simple = handlerBase('SimpleHTTPRequestHandler');
  const base = handlerBase('BaseHTTPRequestHandler');
  const makeServer = fn('HTTPServer', ([address, handler]) => {
    const parts = isKind(address ?? null, 'tuple') ? (address as { items: PyValue[] }).items : [];
    const server: PyServer = { framework: 'http.server', routes: [], host: parts[0] ?? '', port: parts[1] ?? UNKNOWN, handler: handler ?? null, directory: world.cwd };
    return pyObj('HTTPServer', {
      serve_forever: fn('serve_forever', () => {
        world.servers.push(server);
        throw new PyBlocks();
      }),
      server_close: fn('server_close', () => null),
      __enter__: null,
    }, true);
  });
  return pyObj('module', { HTTPServer: makeServer, ThreadingHTTPServer: makeServer, SimpleHTTPRequestHandler: simple, BaseHTTPRequestHandler: base }, true);
}

function dotenvModule(world: PyWorld): PyObject {
  return pyObj('module', {
    load_dotenv: fn('load_dotenv', () => {
      const text = readText(world.fs, resolvePath(world.cwd, '.env'));
      if (text === undefined) return false;
      for (const line of text.split('\n')) {
        const match = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line);
        if (match && !line.trim().startsWith('#') && !world.env.has(match[1]!)) world.env.set(match[1]!, match[2]!.replace(/^(['"])(.*)\1$/, '$2'));
      }
      return true;
    }),
  }, true);
}

// ---- answering requests --------------------------------------------------------------------------

const FLASK_404 = '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

function answer(world: PyWorld, server: PyServer, path: string): AppRoute | undefined {
  const it = getInterp(world);
  if (server.framework === 'http.server') return answerHttpServer(world, server, path);
  const route = server.routes.find((r) => r.path === path && r.methods.includes('GET'));
  if (!route) {
    return server.framework === 'flask'
      ? { method: 'GET', path, status: 404, body: FLASK_404, contentType: 'text/html; charset=utf-8' }
      : { method: 'GET', path, status: 404, body: '{"detail":"Not Found"}', contentType: 'application/json' };
  }
  let result: PyValue;
  try {
    result = it.call(route.fn, [], new Map());
  } catch (signal) {
    if (signal instanceof PyRaise) {
      note(world, `the view for ${path} raises ${signal.type}; a real server would answer 500.`);
      return undefined;
    }
    throw signal;
  }
  let status = 200;
  if (isKind(result, 'tuple')) {
    const [body, code] = result.items;
    if (typeof code === 'number') status = code;
    result = body ?? null;
  }
  if (server.framework === 'fastapi') {
    const text = toJson(result, true, false);
    if (text === UNKNOWN) return undefined;
    return { method: 'GET', path, status, body: text, contentType: 'application/json' };
  }
  // Flask: strings are HTML; dicts, lists and jsonify() become JSON (sorted keys, compact unless debug).
  const json = (value: PyValue) => toJson(value, !server.debug, true, server.debug ? 2 : undefined);
  if (typeof result === 'string') return { method: 'GET', path, status, body: result, contentType: 'text/html; charset=utf-8' };
  if (isKind(result, 'dict') || isKind(result, 'list')) {
    const text = json(result);
    return text === UNKNOWN ? undefined : { method: 'GET', path, status, body: `${text}\n`, contentType: 'application/json' };
  }
  if (isKind(result, 'obj') && result.type === 'Response') {
    const text = json(result.attrs.get('json') ?? null);
    return text === UNKNOWN ? undefined : { method: 'GET', path, status, body: `${text}\n`, contentType: 'application/json' };
  }
  if (isKind(result, 'obj') && result.type === 'Template') {
    const name = result.attrs.get('name');
    const file = typeof name === 'string' ? readText(world.fs, resolvePath(world.cwd, `templates/${name}`)) : undefined;
    if (file === undefined) {
      note(world, `the template ${String(name)} is not in templates/; Flask would answer 500 (TemplateNotFound).`);
      return { method: 'GET', path, status: 500, body: '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n', contentType: 'text/html; charset=utf-8' };
    }
    const context = result.attrs.get('context') as { entries: Array<[PyValue, PyValue]> };
    let unresolved = false;
    const body = file.replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (_m, key: string) => {
      const entry = context.entries.find(([k]) => k === key);
      const text = entry ? pyStr(entry[1]) : '';
      if (text === UNKNOWN) unresolved = true;
      return text === UNKNOWN ? '' : text;
    });
    if (unresolved || /\{%|\{\{/.test(body)) note(world, `the template ${String(name)} uses Jinja features the simulator does not render.`);
    return { method: 'GET', path, status, body, contentType: 'text/html; charset=utf-8' };
  }
  if (result === UNKNOWN) return undefined;
  note(world, `the view for ${path} returns something the simulator does not turn into a response.`);
  return undefined;
}

function answerHttpServer(world: PyWorld, server: PyServer, path: string): AppRoute | undefined {
  const it = getInterp(world);
  const handler = server.handler;
  const builtin = isKind(handler ?? null, 'obj') ? (handler as PyObject).attrs.get('__builtin_handler__') : undefined;
  const custom = isKind(handler ?? null, 'obj') && !builtin ? (handler as PyObject) : undefined;
  const doGet = custom ? it.classAttr(custom, 'do_GET') : undefined;
  if (custom && doGet && isKind(doGet, 'func')) {
    let status = 200;
    let contentType = '';
    const chunks: string[] = [];
    const self: PyObject = { kind: 'obj', type: custom.type, attrs: new Map(), cls: custom, open: true };
    self.attrs.set('path', path);
    self.attrs.set('send_response', fn('send_response', ([code]) => ((status = typeof code === 'number' ? code : 200), null)));
    self.attrs.set('send_header', fn('send_header', ([name, value]) => {
      if (typeof name === 'string' && name.toLowerCase() === 'content-type' && typeof value === 'string') contentType = value;
      return null;
    }));
    self.attrs.set('end_headers', fn('end_headers', () => null));
    self.attrs.set('wfile', pyObj('wfile', { write: fn('write', ([data]) => {
      const text = isKind(data ?? null, 'bytes') ? (data as { v: string }).v : typeof data === 'string' ? data : UNKNOWN;
      if (text === UNKNOWN) throw new PyRaise('TypeError', "a bytes-like object is required, not 'str'");
      chunks.push(text);
      return text.length;
    }) }));
    try {
      it.call(doGet, [self], new Map());
    } catch (signal) {
      if (signal instanceof PyRaise) {
        note(world, `do_GET raises ${signal.type}: ${signal.message}`);
        return undefined;
      }
      throw signal;
    }
    return { method: 'GET', path, status, body: chunks.join(''), contentType };
  }
  // SimpleHTTPRequestHandler: index.html, or a listing of the served directory.
  const dir = resolvePath(server.directory ?? world.cwd, `.${path}`);
  const index = readText(world.fs, `${dir === '/' ? '' : dir}/index.html`);
  if (index !== undefined) return { method: 'GET', path, status: 200, body: index, contentType: 'text/html' };
  const names = listDir(world.fs, dir).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  const title = `Directory listing for ${path}`;
  const items = names.map((name) => {
    const full = `${dir === '/' ? '' : dir}/${name}`;
    const node = world.fs.getNode(full, false);
    const isDir = world.fs.getNode(full)?.type === 'dir';
    const display = node?.type === 'symlink' ? `${name}@` : isDir ? `${name}/` : name;
    const link = isDir ? `${name}/` : name;
    return `<li><a href="${encodeURIComponent(link).replace(/%2F/g, '/')}">${display.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</a></li>`;
  });
  const body = ['<!DOCTYPE HTML>', '<html lang="en">', '<head>', '<meta charset="utf-8">', `<title>${title}</title>\n</head>`, `<body>\n<h1>${title}</h1>`, '<hr>\n<ul>', ...items, '</ul>\n<hr>\n</body>\n</html>\n'].join('\n');
  return { method: 'GET', path, status: 200, body, contentType: 'text/html; charset=utf-8' };
}

// ---- running a program ------------------------------------------------------------------------

export function pythonVersionOf(fs: MachineFs, env: Record<string, string>): string {
  if (env.PYTHON_VERSION) return env.PYTHON_VERSION;
  const local = listDir(fs, '/usr/local/lib').find((name) => /^python3\.\d+$/.test(name));
  if (local) return `${local.slice(6)}.0`;
  const system = listDir(fs, '/usr/lib').filter((name) => /^python3\.\d+$/.test(name)).sort().pop();
  return system ? `${system.slice(6)}.0` : '3.13.5';
}

function sitePaths(fs: MachineFs, env: Record<string, string>, version: string, scriptDir: string): string[] {
  const short = version.split('.').slice(0, 2).join('.');
  const home = env.HOME ?? '/root';
  return [
    scriptDir,
    ...(env.PYTHONPATH ?? '').split(':').filter(Boolean),
    `/usr/local/lib/python${short}/site-packages`,
    `${home}/.local/lib/python${short}/site-packages`,
    `/usr/local/lib/python${short}/dist-packages`,
    '/usr/lib/python3/dist-packages',
    `/usr/lib/python${short}/site-packages`,
  ].filter((path, i, all) => all.indexOf(path) === i && (i === 0 || fs.getNode(path)?.type === 'dir'));
}

function findModule(world: PyWorld, root: string): string | 'package' | undefined {
  for (const dir of world.sitePaths) {
    const base = `${dir === '/' ? '' : dir}/${root}`;
    if (world.fs.getNode(`${base}.py`)?.type === 'file') return `${base}.py`;
    if (world.fs.getNode(`${base}/__init__.py`)?.type === 'file') return dir === world.sitePaths[0] ? `${base}/__init__.py` : 'package';
    if (world.fs.getNode(base)?.type === 'dir') return 'package';
  }
  return undefined;
}

function stdlibModel(world: PyWorld, root: string): PyValue {
  switch (root) {
    case 'os':
      return osModule(world);
    case 'sys':
      return sysModule(world);
    case 'time':
      return timeModule(world);
    case 'json':
      return jsonModule();
    case 'math':
      return mathModule();
    case 'logging':
      return loggingModule(world);
    case 'datetime':
      return datetimeModule(world);
    case 'socket':
      return pyObj('module', { gethostname: fn('gethostname', () => world.hostname) }, true);
    case 'platform':
      return pyObj('module', { system: fn('system', () => 'Linux'), python_version: fn('python_version', () => world.version), node: fn('node', () => world.hostname) }, true);
    case 'http':
      return pyObj('module', { server: httpServerModule(world) }, true);
    case 'socketserver':
      return pyObj('module', { TCPServer: (httpServerModule(world).attrs.get('HTTPServer') as PyNative) }, true);
    case 'random':
      return pyObj('module', {}, true);
    default:
      return pyObj('module', {}, true);
  }
}

function packageModel(world: PyWorld, root: string): PyValue {
  switch (root) {
    case 'flask':
      return flaskModule(world);
    case 'fastapi':
      return fastapiModule(world);
    case 'uvicorn':
      return uvicornModule(world);
    case 'dotenv':
      return dotenvModule(world);
    case 'requests':
      return pyObj('module', { get: fn('get', () => (note(world, 'the program makes HTTP requests; the simulator does not send them.'), UNKNOWN)) }, true);
    default:
      return pyObj('module', {}, true);
  }
}

function parsePython(path: string, text: string): PyStmt[] {
  return new StatementParser(pyTokenize(text)).module();
}

function runPyModule(world: PyWorld, path: string, name: string, text: string, isMain: boolean): PyModuleCtx {
  const body = parsePython(path, text);
  const module: PyModuleCtx = { path, name, lines: text.split('\n'), scope: new PyScope(null) };
  module.scope.vars.set('__name__', isMain ? '__main__' : name);
  module.scope.vars.set('__file__', path);
  const it = getInterp(world);
  it.inFrame({ path, fn: '<module>', line: 1 }, () => it.runBody(body, module.scope, module, '<module>'));
  return module;
}

function makeImporter(world: PyWorld): (name: string, from: PyModuleCtx, line: number) => PyValue {
  return (dotted, from, line) => {
    void from;
    void line;
    const root = dotted.split('.')[0]!;
    const cached = world.modules.get(root);
    if (cached !== undefined) return cached;
    let value: PyValue;
    if (STDLIB.has(root)) value = stdlibModel(world, root);
    else {
      const found = findModule(world, root);
      if (!found) throw new PyRaise('ModuleNotFoundError', `No module named '${root}'`);
      if (found === 'package') value = packageModel(world, root);
      else {
        if (world.modules.size > 30) return pyObj('module', {}, true);
        world.modules.set(root, pyObj('module', {}, true));
        const module = runPyModule(world, found, root, readText(world.fs, found) ?? '', false);
        const obj = pyObj('module', {}, false);
        for (const [key, item] of module.scope.vars) obj.attrs.set(key, item);
        value = obj;
      }
    }
    world.modules.set(root, value);
    return value;
  };
}

function traceback(world: PyWorld, signal: PyRaise, mainPath: string): string {
  const frames = signal.frames.length > 0 ? signal.frames : [{ path: mainPath, line: 1, fn: '<module>' }];
  const lines = ['Traceback (most recent call last):'];
  for (const frame of frames) {
    lines.push(`  File "${frame.path}", line ${frame.line}, in ${frame.fn || '<module>'}`);
    const source = (readText(world.fs, frame.path) ?? '').split('\n')[frame.line - 1];
    if (source !== undefined && source.trim()) lines.push(`    ${source.trim()}`);
  }
  lines.push(signal.message ? `${signal.type}: ${signal.message}` : signal.type);
  return `${lines.join('\n')}\n`;
}

function syntaxErrorText(world: PyWorld, path: string, error: PySyntaxError): string {
  const source = (readText(world.fs, path) ?? '').split('\n')[error.line - 1] ?? '';
  const trimmed = source.trimStart();
  const caret = ' '.repeat(Math.max(0, error.col - 1 - (source.length - trimmed.length)));
  return `  File "${path}", line ${error.line}\n    ${trimmed}\n    ${caret}^\n${error.kind}: ${error.message}\n`;
}

function newWorld(fs: MachineFs, cwd: string, env: Record<string, string>, options: AnalyzeOptions, scriptDir: string, unbufferedFlag: boolean, argv: string[]): PyWorld {
  const version = pythonVersionOf(fs, env);
  const world: PyWorld = {
    fs,
    env: new Map(Object.entries(env)),
    cwd,
    version,
    hostname: options.hostname ?? env.HOSTNAME ?? 'localhost',
    now: options.now ?? 0,
    pid: options.pid ?? 1,
    ip: options.ip ?? '172.17.0.2',
    unbuffered: unbufferedFlag || options.tty === true || (env.PYTHONUNBUFFERED ?? '') !== '',
    logs: [],
    pending: [],
    stdout: [],
    stderr: [],
    notes: [],
    steps: 0,
    servers: [],
    modules: new Map(),
    sitePaths: sitePaths(fs, env, version, scriptDir),
    argv,
    logLevel: 30,
    logFormat: '%(levelname)s:%(name)s:%(message)s',
  };
  let interp: PyInterpreter;
  const builtins = makeBuiltins(world, () => interp);
  interp = new PyInterpreter(world, builtins, makeImporter(world));
  interpreters.set(world, interp);
  return world;
}

interface ServeSpec {
  /** How the server started, for its banner. */
  via: 'app.run' | 'flask run' | 'uvicorn' | 'gunicorn' | 'http.server-cli' | 'serve_forever';
  appName: string;
  workers?: number;
}

/** The lines a server writes at start-up (all on stderr except http.server's print). */
function serverBanner(world: PyWorld, server: PyServer, port: number, host: string, spec: ServeSpec): string[] {
  if (spec.via === 'app.run' || spec.via === 'flask run') {
    const lines = [` * Serving Flask app '${spec.appName}'`, ` * Debug mode: ${server.debug ? 'on' : 'off'}`];
    lines.push('WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.');
    if (host === '0.0.0.0') lines.push(' * Running on all addresses (0.0.0.0)', ` * Running on http://127.0.0.1:${port}`, ` * Running on http://${world.ip}:${port}`);
    else lines.push(` * Running on http://${host === 'localhost' ? '127.0.0.1' : host}:${port}`);
    lines.push('Press CTRL+C to quit');
    if (server.debug) lines.push(' * Restarting with stat', ' * Debugger is active!', ` * Debugger PIN: ${pinFor(spec.appName)}`);
    return lines;
  }
  if (spec.via === 'uvicorn') return [`INFO:     Started server process [${world.pid}]`, 'INFO:     Waiting for application startup.', 'INFO:     Application startup complete.', `INFO:     Uvicorn running on http://${host}:${port} (Press CTRL+C to quit)`];
  if (spec.via === 'gunicorn') {
    const stamp = `[${new Date(world.now).toISOString().slice(0, 19).replace('T', ' ')} +0000]`;
    return [`${stamp} [${world.pid}] [INFO] Starting gunicorn 23.0.0`, `${stamp} [${world.pid}] [INFO] Listening at: http://${host}:${port} (${world.pid})`, `${stamp} [${world.pid}] [INFO] Using worker: sync`, `${stamp} [${world.pid + 6}] [INFO] Booting worker with pid: ${world.pid + 6}`];
  }
  return [];
}

function pinFor(name: string): string {
  let h = 7;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 1_000_000_000;
  const digits = String(h).padStart(9, '0');
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)}`;
}

function serverOutcome(world: PyWorld, server: PyServer, spec: ServeSpec, defaults: { host: string; port: number }): AppOutcome {
  const portValue = server.port ?? defaults.port;
  const portNum = typeof portValue === 'string' && /^\d+$/.test(portValue) ? Number(portValue) : num(portValue);
  if (portNum === undefined) note(world, 'the port the server listens on depends on something the simulator cannot compute.');
  const port = portNum ?? 0;
  let host = typeof server.host === 'string' ? server.host : defaults.host;
  if (host === '' || host === '::') host = '0.0.0.0';
  if (host === 'localhost') host = '127.0.0.1';
  for (const line of serverBanner(world, server, port, host, spec)) world.logs.push({ stream: 'stderr', text: `${line}\n` });
  const paths = new Set(['/']);
  for (const route of server.routes) if (route.methods.includes('GET') && !/[<{]/.test(route.path)) paths.add(route.path);
  const routes: AppRoute[] = [];
  for (const path of paths) {
    const answered = answer(world, server, path);
    if (answered) routes.push(answered);
    else note(world, `the answer to GET ${path} depends on something the simulator cannot compute.`);
  }
  if (!world.unbuffered && world.pending.length > 0) {
    note(world, "Python buffers print() output when there is no terminal, so these lines do not reach `docker logs` yet: set PYTHONUNBUFFERED=1, run python -u, or print(..., flush=True).");
  }
  const root = routes.find((route) => route.path === '/');
  return {
    kind: 'server',
    port,
    host,
    logs: world.logs.map((line) => line.text.replace(/\n$/, '')),
    body: root?.body ?? '',
    contentType: root?.contentType ?? '',
    status: root?.status ?? 200,
    routes,
    notes: world.notes,
  };
}

/** Runs a Python program (`python app.py`, `-c`, `-m`, `flask run`, `uvicorn`, `gunicorn`). */
export function analyzePython(fs: MachineFs, program: string, args: string[], cwd: string, env: Record<string, string>, options: AnalyzeOptions): AppOutcome {
  const name = program.split('/').pop() ?? program;
  const version = pythonVersionOf(fs, env);
  if (name === 'flask') return flaskCli(fs, args, cwd, env, options);
  if (name === 'uvicorn') return asgiCli(fs, 'uvicorn', args, cwd, env, options);
  if (name === 'gunicorn') return asgiCli(fs, 'gunicorn', args, cwd, env, options);
  if (name === 'fastapi') return asgiCli(fs, 'fastapi', args, cwd, env, options);
  let unbuffered = false;
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    const arg = args[i]!;
    if (arg === '--version' || arg === '-V') return { kind: 'exit', stdout: `Python ${version}\n`, stderr: '', exitCode: 0, notes: [] };
    if (arg === '-u') unbuffered = true;
    else if (arg === '-c') return runScript(fs, { path: '<string>', code: args[i + 1] ?? '' }, cwd, env, options, unbuffered, ['-c', ...args.slice(i + 2)]);
    else if (arg === '-m') return runModuleFlag(fs, args[i + 1] ?? '', args.slice(i + 2), cwd, env, options, unbuffered);
    else if (/^-[uBOsSEIq]+$/.test(arg)) unbuffered ||= arg.includes('u');
    i++;
  }
  const script = args[i];
  if (script === undefined) {
    return { kind: 'exit', stdout: '', stderr: options.tty ? `Python ${version} (main, Jun 12 2025, 00:00:00) [GCC 12.2.0] on linux\nType "help", "copyright", "credits" or "license" for more information.\n>>> ` : '', exitCode: 0, notes: options.tty ? ['the Python REPL is interactive; the simulator shows only its greeting.'] : [] };
  }
  const path = resolvePath(cwd, script);
  if (fs.getNode(path)?.type !== 'file') {
    return { kind: 'exit', stdout: '', stderr: `${program}: can't open file '${path}': [Errno 2] No such file or directory\n`, exitCode: 2, notes: [] };
  }
  return runScript(fs, { path }, cwd, env, options, unbuffered, [script, ...args.slice(i + 1)]);
}

function runScript(fs: MachineFs, script: { path: string; code?: string }, cwd: string, env: Record<string, string>, options: AnalyzeOptions, unbuffered: boolean, argv: string[]): AppOutcome {
  const scriptDir = script.code === undefined ? dirname(script.path) : cwd;
  const world = newWorld(fs, cwd, env, options, scriptDir, unbuffered, argv);
  const text = script.code ?? readText(fs, script.path) ?? '';
  let exitCode = 0;
  let failure = '';
  try {
    runPyModule(world, script.path, '__main__', text, true);
  } catch (signal) {
    const result = settle(world, signal, script.path, { via: 'app.run', appName: basename(script.path).replace(/\.py$/, '') });
    if (result.outcome) return result.outcome;
    exitCode = result.exitCode;
    failure = result.failure;
  }
  return finishExit(world, exitCode, failure);
}

function settle(world: PyWorld, signal: unknown, path: string, spec: ServeSpec): { outcome?: AppOutcome; exitCode: number; failure: string } {
  if (signal instanceof PyBlocks) {
    const server = world.servers[0];
    if (server) {
      const uvicorn = (world as PyWorld & { uvicorn?: boolean }).uvicorn === true;
      if (server.framework === 'http.server') return { outcome: serverOutcome(world, server, { ...spec, via: 'serve_forever' }, { host: '0.0.0.0', port: 8000 }), exitCode: 0, failure: '' };
      return { outcome: serverOutcome(world, server, uvicorn ? { ...spec, via: 'uvicorn' } : spec, uvicorn ? { host: '127.0.0.1', port: 8000 } : { host: '127.0.0.1', port: 5000 }), exitCode: 0, failure: '' };
    }
    return { outcome: runningOutcome(world), exitCode: 0, failure: '' };
  }
  if (signal instanceof PyExit) return { exitCode: signal.code, failure: '' };
  if (signal instanceof PyRaise) return { exitCode: 1, failure: traceback(world, signal, path) };
  if (signal instanceof PySyntaxError) return { exitCode: 1, failure: syntaxErrorText(world, path, signal) };
  if (signal instanceof PyBudget || signal instanceof PyLongRun) {
    note(world, `${signal instanceof PyLongRun ? `line ${signal.line}: a loop keeps going` : 'the program does more work than the simulator follows'}; the simulator stopped following it there, so as far as it can tell the program is still running.`);
    return { outcome: { kind: 'running', logs: world.logs.map((line) => line.text.replace(/\n$/, '')), notes: world.notes }, exitCode: 0, failure: '' };
  }
  if (signal instanceof PyReturn || signal instanceof PyBreak || signal instanceof PyContinue) return { exitCode: 0, failure: '' };
  throw signal;
}

/** A worker loop: what it printed before the loop and what each round prints. */
function runningOutcome(world: PyWorld): AppOutcome {
  const everyMs = Math.round((world.interval?.seconds ?? 1) * 1000);
  const visible = world.logs.map((line) => line.text.replace(/\n$/, ''));
  if (!world.unbuffered) {
    note(world, "Python buffers print() output when there is no terminal, so `docker logs` stays empty until about 8 KB have been printed: set PYTHONUNBUFFERED=1, run python -u, or print(..., flush=True).");
    return { kind: 'running', logs: visible, repeat: { lines: [], everyMs }, notes: world.notes };
  }
  // The first round ran once already; each later round prints the same lines.
  return { kind: 'running', logs: visible, repeat: { lines: world.round ?? [], everyMs }, notes: world.notes };
}

function finishExit(world: PyWorld, exitCode: number, failure: string): AppOutcome {
  // At exit Python flushes stdout; stderr was written as it happened.
  return { kind: 'exit', stdout: world.stdout.join(''), stderr: world.stderr.join('') + failure, exitCode, notes: world.notes };
}

function runModuleFlag(fs: MachineFs, module: string, args: string[], cwd: string, env: Record<string, string>, options: AnalyzeOptions, unbuffered: boolean): AppOutcome {
  if (module === 'flask') return flaskCli(fs, args, cwd, env, options);
  if (module === 'uvicorn' || module === 'gunicorn') return asgiCli(fs, module, args, cwd, env, options);
  if (module === 'http.server') {
    const world = newWorld(fs, cwd, env, options, cwd, unbuffered, ['-m', ...args]);
    let port = 8000;
    let bind = '';
    let directory = cwd;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--bind' || arg === '-b') bind = args[++i] ?? '';
      else if (arg === '--directory' || arg === '-d') directory = resolvePath(cwd, args[++i] ?? '.');
      else if (/^\d+$/.test(arg)) port = Number(arg);
    }
    const host = bind || '0.0.0.0';
    writeStdout(world, `Serving HTTP on ${host} port ${port} (http://${host}:${port}/) ...\n`, false);
    const server: PyServer = { framework: 'http.server', routes: [], host, port, handler: null, directory };
    return serverOutcome(world, server, { via: 'http.server-cli', appName: '' }, { host: '0.0.0.0', port: 8000 });
  }
  const world = newWorld(fs, cwd, env, options, cwd, unbuffered, ['-m', ...args]);
  const found = findModule(world, module.split('.')[0]!);
  if (!found) return { kind: 'exit', stdout: '', stderr: `/usr/local/bin/python${world.version.split('.').slice(0, 2).join('.')}: No module named ${module}\n`, exitCode: 1, notes: [] };
  if (found !== 'package') return runScript(fs, { path: found }, cwd, env, options, unbuffered, [found, ...args]);
  return { kind: 'exit', stdout: '', stderr: '', exitCode: 0, notes: [`the simulator does not run the module ${module} with -m.`] };
}

/** Loads `module:attr` (uvicorn main:app, gunicorn app:app) the way the servers import it. */
function loadApp(world: PyWorld, target: string, cwd: string): { app?: PyObject; error?: string; failure?: string } {
  const [moduleName = 'main', attr = 'app'] = target.split(':');
  const path = resolvePath(cwd, `${moduleName.replace(/\./g, '/')}.py`);
  const text = readText(world.fs, path);
  if (text === undefined) return { error: `Could not import module "${moduleName}".` };
  try {
    const module = runPyModule(world, path, moduleName, text, false);
    const app = module.scope.vars.get(attr);
    if (!app || !isKind(app, 'obj')) return { error: `Attribute "${attr}" not found in module "${moduleName}".` };
    return { app };
  } catch (signal) {
    if (signal instanceof PyRaise) return { failure: traceback(world, signal, path) };
    if (signal instanceof PySyntaxError) return { failure: syntaxErrorText(world, path, signal) };
    if (signal instanceof PyBlocks) return { error: 'the module starts its own server while being imported.' };
    throw signal;
  }
}

function asgiCli(fs: MachineFs, tool: 'uvicorn' | 'gunicorn' | 'fastapi', args: string[], cwd: string, env: Record<string, string>, options: AnalyzeOptions): AppOutcome {
  const world = newWorld(fs, cwd, env, options, cwd, false, [tool, ...args]);
  let host = tool === 'fastapi' ? '0.0.0.0' : '127.0.0.1';
  let port = 8000;
  let target = tool === 'fastapi' ? 'main:app' : '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--host') host = args[++i] ?? host;
    else if (arg.startsWith('--host=')) host = arg.slice(7);
    else if (arg === '--port' || arg === '-p') port = Number(args[++i] ?? port);
    else if (arg.startsWith('--port=')) port = Number(arg.slice(7));
    else if (arg === '-b' || arg === '--bind') {
      const bind = args[++i] ?? '';
      [host = host, port = port] = [bind.split(':')[0], Number(bind.split(':')[1] ?? port)] as [string, number];
    } else if (arg.startsWith('--bind=')) {
      const bind = arg.slice(7);
      host = bind.split(':')[0] ?? host;
      port = Number(bind.split(':')[1] ?? port);
    } else if (arg === '-w' || arg === '--workers' || arg === '--log-level' || arg === '-k' || arg === '--worker-class' || arg === '--timeout') i++;
    else if (arg === 'run' && tool === 'fastapi') continue;
    else if (!arg.startsWith('-')) target = tool === 'fastapi' ? `${arg.replace(/\.py$/, '')}:app` : arg;
  }
  if (!target) return { kind: 'exit', stdout: '', stderr: tool === 'uvicorn' ? "Usage: uvicorn [OPTIONS] APP\nTry 'uvicorn --help' for help.\n\nError: Missing argument 'APP'.\n" : 'usage: gunicorn [OPTIONS] [APP_MODULE]\ngunicorn: error: No application module specified.\n', exitCode: 2, notes: [] };
  const loaded = loadApp(world, target, cwd);
  if (loaded.failure !== undefined) return { kind: 'exit', stdout: world.stdout.join(''), stderr: world.stderr.join('') + loaded.failure, exitCode: 1, notes: world.notes };
  if (loaded.error || !loaded.app) {
    const message = tool === 'gunicorn' ? `[${new Date(world.now).toISOString().slice(0, 19).replace('T', ' ')} +0000] [${world.pid}] [ERROR] ${loaded.error ?? ''}\n` : `ERROR:    Error loading ASGI app. ${loaded.error ?? ''}\n`;
    return { kind: 'exit', stdout: '', stderr: message, exitCode: tool === 'gunicorn' ? 4 : 1, notes: world.notes };
  }
  const server = (loaded.app as PyObject & { server?: PyServer }).server;
  if (!server) return { kind: 'exit', stdout: '', stderr: '', exitCode: 1, notes: ['the app object is not one the simulator knows how to serve.'] };
  server.host = host;
  server.port = port;
  return serverOutcome(world, server, { via: tool === 'gunicorn' ? 'gunicorn' : 'uvicorn', appName: target }, { host, port });
}

function flaskCli(fs: MachineFs, args: string[], cwd: string, env: Record<string, string>, options: AnalyzeOptions): AppOutcome {
  let appTarget = env.FLASK_APP;
  let host = env.FLASK_RUN_HOST ?? '127.0.0.1';
  let port = Number(env.FLASK_RUN_PORT ?? 5000);
  let debug = ['1', 'true'].includes((env.FLASK_DEBUG ?? '').toLowerCase());
  let command: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--app' || arg === '-A') appTarget = args[++i];
    else if (arg.startsWith('--app=')) appTarget = arg.slice(6);
    else if (arg === '--host' || arg === '-h') host = args[++i] ?? host;
    else if (arg.startsWith('--host=')) host = arg.slice(7);
    else if (arg === '--port' || arg === '-p') port = Number(args[++i] ?? port);
    else if (arg.startsWith('--port=')) port = Number(arg.slice(7));
    else if (arg === '--debug') debug = true;
    else if (!arg.startsWith('-') && command === undefined) command = arg;
  }
  if (command !== 'run') return { kind: 'exit', stdout: '', stderr: '', exitCode: 0, notes: ['only `flask run` is simulated.'] };
  const candidates = appTarget ? [appTarget] : ['wsgi', 'app'];
  const world = newWorld(fs, cwd, env, options, cwd, false, ['flask', ...args]);
  for (const candidate of candidates) {
    const moduleName = candidate.replace(/\.py$/, '').split(':')[0]!;
    if (readText(fs, resolvePath(cwd, `${moduleName}.py`)) === undefined && !appTarget) continue;
    const loaded = loadApp(world, `${moduleName}:${candidate.split(':')[1] ?? 'app'}`, cwd);
    if (loaded.failure !== undefined) return { kind: 'exit', stdout: world.stdout.join(''), stderr: world.stderr.join('') + loaded.failure, exitCode: 1, notes: world.notes };
    const server = loaded.app ? (loaded.app as PyObject & { server?: PyServer }).server : undefined;
    if (!server) break;
    server.host = host;
    server.port = port;
    server.debug = debug;
    return serverOutcome(world, server, { via: 'flask run', appName: moduleName }, { host, port });
  }
  return {
    kind: 'exit',
    stdout: '',
    stderr: "Usage: flask run [OPTIONS]\nTry 'flask run --help' for help.\n\nError: Could not locate a Flask application. Use the 'flask --app' option, 'FLASK_APP' environment variable, or a 'wsgi.py' or 'app.py' file in the current directory.\n",
    exitCode: 2,
    notes: [],
  };
}
