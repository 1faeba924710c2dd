// Runs a Node.js entry point through the bounded interpreter (js-run.ts) with models of the
// modules first apps use: console, process, http, os, path, fs, express, cors, dotenv.
// The result says whether the program exits (and what it printed) or listens on a port
// (and what it answers on /), plus notes for whatever could not be followed.
import type { MachineFs } from '../../../fs/machine-fs';
import { basename, dirname, resolvePath } from '../../../fs/paths';
import type { AppOutcome, AppRoute, AnalyzeOptions } from '../app-runner';
import { readText } from './files';
import {
  BudgetExceeded,
  ExitSignal,
  Interpreter,
  JsSyntaxError,
  LongRun,
  ModuleMissing,
  NODE_BUILTINS,
  Scope,
  ThrowSignal,
  UNKNOWN,
  errorValue,
  esmImports,
  fromJson,
  hasModuleSyntax,
  hasUnknown,
  inspect,
  isCallable,
  native,
  obj,
  parseModule,
  toJson,
  toStr,
  type JsObj,
  type ModuleCtx,
  type ServerModel,
  type Value,
  type World,
} from './js-run';
import type { Token } from './js-tokens';

// ---- Node's own error texts -------------------------------------------------------------------

/** Stack frames Node prints for a module it cannot find, by major version. */
const LOADER: Record<string, { throwLine: number; main: string[]; require: string[] }> = {
  // Captured from Node.js 20.20 (the frames changed little across 20.x).
  '20': {
    throwLine: 1210,
    main: ['    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)', '    at Module._load (node:internal/modules/cjs/loader:1038:27)', '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)', '    at node:internal/main/run_main_module:28:49 {'],
    require: ['    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)', '    at Module._load (node:internal/modules/cjs/loader:1038:27)', '    at Module.require (node:internal/modules/cjs/loader:1289:19)', '    at require (node:internal/modules/helpers:182:18)', '{{site}}', '    at Module._compile (node:internal/modules/cjs/loader:1521:14)', '    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)', '    at Module.load (node:internal/modules/cjs/loader:1266:32)', '    at Module._load (node:internal/modules/cjs/loader:1091:12)', '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12) {'],
  },
  // Node.js 22.13 as reported by users; 22.17's line numbers differ slightly.
  '22': {
    throwLine: 1247,
    main: ['    at Function._resolveFilename (node:internal/modules/cjs/loader:1244:15)', '    at Function._load (node:internal/modules/cjs/loader:1070:27)', '    at TracingChannel.traceSync (node:diagnostics_channel:322:14)', '    at wrapModuleLoad (node:internal/modules/cjs/loader:217:24)', '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:170:5)', '    at node:internal/main/run_main_module:36:49 {'],
    require: ['    at Function._resolveFilename (node:internal/modules/cjs/loader:1244:15)', '    at Function._load (node:internal/modules/cjs/loader:1070:27)', '    at TracingChannel.traceSync (node:diagnostics_channel:322:14)', '    at wrapModuleLoad (node:internal/modules/cjs/loader:217:24)', '    at Module.require (node:internal/modules/cjs/loader:1335:12)', '    at require (node:internal/modules/helpers:136:16)', '{{site}}', '    at Module._compile (node:internal/modules/cjs/loader:1546:14)', '    at Object..js (node:internal/modules/cjs/loader:1689:10)', '    at Module.load (node:internal/modules/cjs/loader:1318:32) {'],
  },
  // Node.js 24: same frames as 22 with the loader's newer line numbers (best effort).
  '24': {
    throwLine: 1368,
    main: ['    at Function._resolveFilename (node:internal/modules/cjs/loader:1365:15)', '    at defaultResolveImpl (node:internal/modules/cjs/loader:1021:19)', '    at resolveForCJSWithHooks (node:internal/modules/cjs/loader:1026:22)', '    at Function._load (node:internal/modules/cjs/loader:1175:37)', '    at TracingChannel.traceSync (node:diagnostics_channel:322:14)', '    at wrapModuleLoad (node:internal/modules/cjs/loader:235:24)', '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:171:5)', '    at node:internal/main/run_main_module:36:49 {'],
    require: ['    at Function._resolveFilename (node:internal/modules/cjs/loader:1365:15)', '    at defaultResolveImpl (node:internal/modules/cjs/loader:1021:19)', '    at resolveForCJSWithHooks (node:internal/modules/cjs/loader:1026:22)', '    at Function._load (node:internal/modules/cjs/loader:1175:37)', '    at TracingChannel.traceSync (node:diagnostics_channel:322:14)', '    at wrapModuleLoad (node:internal/modules/cjs/loader:235:24)', '    at Module.require (node:internal/modules/cjs/loader:1445:12)', '    at require (node:internal/modules/helpers:135:16)', '{{site}}', '    at Module._compile (node:internal/modules/cjs/loader:1688:14) {'],
  },
};

function loaderFor(nodeVersion: string) {
  const major = Number(nodeVersion.split('.')[0]);
  return LOADER[major >= 24 ? '24' : major >= 22 ? '22' : '20']!;
}

export function nodeMissingMain(path: string, nodeVersion: string): string {
  const loader = loaderFor(nodeVersion);
  return `node:internal/modules/cjs/loader:${loader.throwLine}\n  throw err;\n  ^\n\nError: Cannot find module '${path}'\n${loader.main.join('\n')}\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v${nodeVersion}\n`;
}

function nodeMissingRequire(missing: ModuleMissing, nodeVersion: string): string {
  const loader = loaderFor(nodeVersion);
  const site = `    at Object.<anonymous> (${missing.from}:${missing.at?.line ?? 1}:${missing.at?.col ?? 1})`;
  const stack = missing.stack.length === 1 ? `[ '${missing.stack[0]}' ]` : `[\n${missing.stack.map((path) => `    '${path}'`).join(',\n')}\n  ]`;
  return `node:internal/modules/cjs/loader:${loader.throwLine}\n  throw err;\n  ^\n\nError: Cannot find module '${missing.request}'\nRequire stack:\n${missing.stack.map((path) => `- ${path}`).join('\n')}\n${loader.require.map((line) => line.replace('{{site}}', site)).join('\n')}\n  code: 'MODULE_NOT_FOUND',\n  requireStack: ${stack}\n}\n\nNode.js v${nodeVersion}\n`;
}

function nodeMissingImport(missing: ModuleMissing, nodeVersion: string): string {
  const relative = missing.request.startsWith('.') || missing.request.startsWith('/');
  if (relative) {
    const target = resolvePath(dirname(missing.from), missing.request);
    return `node:internal/modules/esm/resolve:275\n    throw new ERR_MODULE_NOT_FOUND(\n          ^\n\nError [ERR_MODULE_NOT_FOUND]: Cannot find module '${target}' imported from ${missing.from}\n    at finalizeResolution (node:internal/modules/esm/resolve:275:11)\n    at moduleResolve (node:internal/modules/esm/resolve:860:10)\n    at defaultResolve (node:internal/modules/esm/resolve:984:11)\n    at ModuleLoader.defaultResolve (node:internal/modules/esm/loader:685:12)\n    at #cachedDefaultResolve (node:internal/modules/esm/loader:634:25)\n    at ModuleLoader.resolve (node:internal/modules/esm/loader:617:38)\n    at ModuleLoader.getModuleJobForImport (node:internal/modules/esm/loader:273:38)\n    at ModuleJob._link (node:internal/modules/esm/module_job:135:49) {\n  code: 'ERR_MODULE_NOT_FOUND',\n  url: 'file://${target}'\n}\n\nNode.js v${nodeVersion}\n`;
  }
  return `node:internal/modules/package_json_reader:268\n  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);\n        ^\n\nError [ERR_MODULE_NOT_FOUND]: Cannot find package '${missing.request}' imported from ${missing.from}\n    at Object.getPackageJSONURL (node:internal/modules/package_json_reader:268:9)\n    at packageResolve (node:internal/modules/esm/resolve:768:81)\n    at moduleResolve (node:internal/modules/esm/resolve:854:18)\n    at defaultResolve (node:internal/modules/esm/resolve:984:11)\n    at ModuleLoader.defaultResolve (node:internal/modules/esm/loader:685:12)\n    at #cachedDefaultResolve (node:internal/modules/esm/loader:634:25)\n    at ModuleLoader.resolve (node:internal/modules/esm/loader:617:38)\n    at ModuleLoader.getModuleJobForImport (node:internal/modules/esm/loader:273:38)\n    at ModuleJob._link (node:internal/modules/esm/module_job:135:49) {\n  code: 'ERR_MODULE_NOT_FOUND'\n}\n\nNode.js v${nodeVersion}\n`;
}

function sourceLine(fs: MachineFs, path: string, line: number): string {
  return (readText(fs, path) ?? '').split('\n')[line - 1] ?? '';
}

/** Node's report of an uncaught error: where it was thrown, then the error. */
function uncaught(fs: MachineFs, signal: ThrowSignal, path: string, nodeVersion: string): string {
  const value = signal.value;
  const file = signal.module?.path ?? path;
  const at = signal.at;
  const header = at ? `${file}:${at.line}\n${sourceLine(fs, file, at.line)}\n${' '.repeat(Math.max(0, at.col - 1))}^\n\n` : '';
  let text: string;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && (value as JsObj).kind === 'obj' && (value as JsObj).tag === 'Error') {
    const error = value as JsObj;
    text = `${String(error.props.get('name'))}: ${String(error.props.get('message'))}\n    at Object.<anonymous> (${file}:${at?.line ?? 1}:${at?.col ?? 1})`;
  } else {
    const shown = inspect(value, 0, true);
    text = `Uncaught ${shown === UNKNOWN ? 'exception' : shown}`;
    return `${header.replace(/\n\n$/, '\n')}${text.replace(/^Uncaught /, '')}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)\n\nNode.js v${nodeVersion}\n`;
  }
  return `${header}${text}\n\nNode.js v${nodeVersion}\n`;
}

export function nodeSyntaxError(fs: MachineFs, path: string, error: JsSyntaxError, nodeVersion: string): string {
  const line = sourceLine(fs, path, error.line);
  return `${path}:${error.line}\n${line}\n${' '.repeat(Math.max(0, error.col - 1))}${'^'.repeat(error.length)}\n\nSyntaxError: ${error.message}\n\nNode.js v${nodeVersion}\n`;
}

// ---- HTTP responses ----------------------------------------------------------------------------

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

const MIME: Record<string, string> = { html: 'text/html', htm: 'text/html', css: 'text/css', js: 'application/javascript', json: 'application/json', txt: 'text/plain', svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', ico: 'image/x-icon' };

function mimeOf(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  const type = MIME[ext] ?? 'application/octet-stream';
  return type.startsWith('text/') || type === 'application/javascript' || type === 'application/json' ? `${type}; charset=UTF-8` : type;
}

interface Recorded {
  status: number;
  body: string | typeof UNKNOWN;
  contentType: string;
  done: boolean;
  headers: Map<string, string>;
  chunks: string[];
}

function expressNotFound(method: string, path: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${method} ${path}</pre>\n</body>\n</html>\n`;
}

// ---- the host ------------------------------------------------------------------------------------

interface Host {
  world: World;
  it: Interpreter;
  main: string;
}

function processObject(world: World): JsObj {
  const envObj = obj(Object.fromEntries(world.env));
  return obj({
    env: envObj,
    argv: world.argv,
    platform: 'linux',
    arch: 'x64',
    version: `v${world.nodeVersion}`,
    versions: obj({ node: world.nodeVersion }),
    pid: world.pid,
    cwd: native('cwd', () => world.cwd),
    exit: native('exit', ([code]) => {
      throw new ExitSignal(typeof code === 'number' ? code : 0);
    }),
    uptime: native('uptime', () => 0.04),
    on: native('on', () => undefined),
    once: native('once', () => undefined),
    nextTick: native('nextTick', ([fn, ...args]) => {
      world.later.push({ delay: -1, order: world.later.length, fn, args });
      return undefined;
    }),
    stdout: obj({ write: native('write', ([text]) => {
      const value = toStr(text);
      if (value !== UNKNOWN) writeOut(world, 'stdout', value);
      return true;
    }), isTTY: undefined }, true),
    stderr: obj({ write: native('write', ([text]) => {
      const value = toStr(text);
      if (value !== UNKNOWN) writeOut(world, 'stderr', value);
      return true;
    }) }, true),
    memoryUsage: native('memoryUsage', () => UNKNOWN),
    hrtime: native('hrtime', () => UNKNOWN),
    exitCode: undefined,
  }, true);
}

/** Appends text to the logs, splitting at newlines like a terminal would. */
function writeOut(world: World, stream: 'stdout' | 'stderr', text: string): void {
  const last = world.logs[world.logs.length - 1];
  const parts = text.split('\n');
  if (last && last.stream === stream && !last.text.endsWith('\n')) {
    last.text += parts.shift()!;
    if (parts.length > 0) last.text += '\n';
  }
  parts.forEach((part, i) => {
    if (i === parts.length - 1 && part === '') return;
    world.logs.push({ stream, text: part + (i < parts.length - 1 ? '\n' : '') });
  });
}

/** console.log's formatting: printf-style first argument, then inspected values. */
function formatLog(args: Value[]): string | typeof UNKNOWN {
  if (args.length === 0) return '';
  const rest = [...args];
  let head = '';
  if (typeof rest[0] === 'string' && /%[sdifjoOc%]/.test(rest[0])) {
    const format = rest.shift() as string;
    let failed = false;
    head = format.replace(/%([sdifjoOc%])/g, (match, spec: string) => {
      if (spec === '%') return '%';
      if (rest.length === 0) return match;
      const value = rest.shift()!;
      if (spec === 'c') return '';
      if (value === UNKNOWN) {
        failed = true;
        return '';
      }
      if (spec === 'd' || spec === 'i') return String(spec === 'i' ? Math.trunc(Number(value)) : Number(value));
      if (spec === 'f') return String(Number(value));
      if (spec === 'j') return String(toJson(value) ?? 'undefined');
      const text = spec === 's' && typeof value !== 'object' ? toStr(value) : inspect(value, 0, spec !== 's');
      if (text === UNKNOWN) failed = true;
      return text === UNKNOWN ? '' : text;
    });
    if (failed) return UNKNOWN;
    if (rest.length === 0) return head;
    head += ' ';
  }
  const parts = rest.map((value) => inspect(value));
  if (parts.includes(UNKNOWN)) return UNKNOWN;
  return head + parts.join(' ');
}

function consoleObject(host: { world: World; note: (text: string) => void }): JsObj {
  const make = (stream: 'stdout' | 'stderr', name: string) =>
    native(name, (args, _self, at) => {
      const text = formatLog(args);
      if (text === UNKNOWN) {
        host.note(`line ${at?.line ?? '?'}: console.${name} prints a value the simulator cannot compute, so that line is missing from the output.`);
        return undefined;
      }
      writeOut(host.world, stream, `${text}\n`);
      return undefined;
    });
  return obj({ log: make('stdout', 'log'), info: make('stdout', 'info'), debug: make('stdout', 'debug'), error: make('stderr', 'error'), warn: make('stderr', 'warn'), table: make('stdout', 'table'), dir: make('stdout', 'dir') }, true);
}

function pathModule(): JsObj {
  const join = (parts: Value[]) => {
    const strings = parts.map(toStr);
    if (strings.includes(UNKNOWN)) return UNKNOWN;
    const joined = (strings as string[]).filter((part) => part !== '').join('/');
    const absolute = joined.startsWith('/');
    const resolved = resolvePath('/', joined);
    return absolute ? resolved : resolved.slice(1) || '.';
  };
  return obj({
    join: native('join', (parts) => join(parts)),
    resolve: native('resolve', (parts) => {
      let current = '/';
      for (const part of parts) {
        const text = toStr(part);
        if (text === UNKNOWN) return UNKNOWN;
        current = resolvePath(current, text);
      }
      return current;
    }),
    basename: native('basename', ([path, ext]) => (typeof path === 'string' ? basename(path).replace(typeof ext === 'string' ? new RegExp(`${ext.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : /$^/, '') : UNKNOWN)),
    dirname: native('dirname', ([path]) => (typeof path === 'string' ? dirname(path) : UNKNOWN)),
    extname: native('extname', ([path]) => (typeof path === 'string' ? (/\.[^./]*$/.exec(basename(path))?.[0] ?? '') : UNKNOWN)),
    sep: '/',
  }, true);
}

function osModule(world: World): JsObj {
  return obj({
    hostname: native('hostname', () => world.hostname),
    platform: native('platform', () => 'linux'),
    type: native('type', () => 'Linux'),
    arch: native('arch', () => 'x64'),
    EOL: '\n',
    homedir: native('homedir', () => world.env.get('HOME') ?? '/root'),
    tmpdir: native('tmpdir', () => '/tmp'),
  }, true);
}

function fsModule(host: Host): JsObj {
  const { world } = host;
  const read = (path: Value, at: Token | undefined): Value => {
    if (typeof path !== 'string') return UNKNOWN;
    const absolute = resolvePath(world.cwd, path);
    const text = readText(world.fs, absolute);
    if (text === undefined) {
      const error = errorValue('Error', `ENOENT: no such file or directory, open '${absolute}'`);
      error.props.set('code', 'ENOENT');
      throw new ThrowSignal(error, at, undefined);
    }
    return text;
  };
  return obj({
    readFileSync: native('readFileSync', ([path, encoding], _self, at) => {
      const text = read(path, at);
      return encoding === undefined ? (text === UNKNOWN ? UNKNOWN : obj({}, true, 'Buffer')) : text;
    }),
    existsSync: native('existsSync', ([path]) => (typeof path === 'string' ? world.fs.getNode(resolvePath(world.cwd, path)) !== undefined : UNKNOWN)),
    writeFileSync: native('writeFileSync', () => {
      host.it.note('the program writes files; the simulator does not keep what it writes.');
      return undefined;
    }),
    mkdirSync: native('mkdirSync', () => undefined),
    promises: obj({}, true),
  }, true);
}

function httpModule(host: Host, dir: string): JsObj {
  return obj({
    createServer: native('createServer', (args) => {
      const handler = args.find(isCallable) ?? args.find((arg) => typeof arg === 'object' && arg !== null && (arg as JsObj).tag === 'express');
      const model: ServerModel = { kind: 'http', routes: [], statics: [], handler, dir };
      return serverObject(host, model);
    }),
    STATUS_CODES: obj(Object.fromEntries(Object.entries(STATUS_TEXT))),
  }, true);
}

function serverObject(host: Host, model: ServerModel): JsObj {
  const server = obj({}, true, 'server');
  server.props.set('listen', native('listen', (args, _self, at) => {
    listen(host, model, args, at);
    return server;
  }));
  server.props.set('on', native('on', () => server));
  server.props.set('close', native('close', () => server));
  server.props.set('address', native('address', () => obj({ address: '::', family: 'IPv6', port: model.listen?.port ?? UNKNOWN })));
  return server;
}

function listen(host: Host, model: ServerModel, args: Value[], at: Token | undefined): void {
  let port: Value = args[0];
  let host_: Value = '0.0.0.0';
  let callback: Value;
  if (typeof port === 'object' && port !== null && !Array.isArray(port) && (port as JsObj).kind === 'obj') {
    const options = port as JsObj;
    port = options.props.get('port');
    if (options.props.has('host')) host_ = options.props.get('host');
  }
  for (const arg of args.slice(1)) {
    if (typeof arg === 'string') host_ = arg;
    else if (isCallable(arg)) callback = arg;
  }
  if (!model.listen) {
    model.listen = { port, host: host_, at };
    host.world.servers.push(model);
  } else host.it.note('the program calls listen more than once; only the first server is simulated.');
  if (callback) host.world.later.push({ delay: 0, order: host.world.later.length, fn: callback, args: [] });
}

function routerObject(host: Host, model: ServerModel, tag: 'express' | 'router'): JsObj {
  const app = obj({}, true, tag);
  const route = (method: string) =>
    native(method.toLowerCase(), (args) => {
      if (method === 'GET' && args.length === 1 && typeof args[0] === 'string') return app.props.get(`setting:${args[0]}`);
      const [path, ...handlers] = args;
      if (typeof path === 'string') model.routes.push({ method, path, handlers });
      else if (path === UNKNOWN) host.it.note('a route has a path the simulator cannot compute.');
      return app;
    });
  for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL']) app.props.set(method.toLowerCase(), route(method));
  app.props.set('use', native('use', (args) => {
    const [first, ...rest] = args;
    const mount = typeof first === 'string' ? first : '/';
    const handlers = typeof first === 'string' ? rest : args;
    for (const handler of handlers) {
      if (typeof handler === 'object' && handler !== null && (handler as JsObj).tag === 'static') model.statics.push({ mount, dir: String((handler as JsObj).props.get('dir')) });
      else if (typeof handler === 'object' && handler !== null && (handler as JsObj).tag === 'router') {
        const inner = (handler as JsObj).data?.model as ServerModel | undefined;
        if (inner) for (const r of inner.routes) model.routes.push({ ...r, path: `${mount === '/' ? '' : mount}${r.path === '/' && mount !== '/' ? '' : r.path}` || '/' });
      } else if (isCallable(handler)) model.routes.push({ method: 'USE', path: mount, handlers: [handler] });
    }
    return app;
  }));
  app.props.set('set', native('set', ([key, value]) => {
    if (typeof key === 'string') app.props.set(`setting:${key}`, value);
    return app;
  }));
  app.props.set('route', native('route', ([path]) => {
    const chain = obj({}, true);
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
      chain.props.set(method.toLowerCase(), native(method.toLowerCase(), (handlers) => {
        if (typeof path === 'string') model.routes.push({ method, path, handlers });
        return chain;
      }));
    }
    return chain;
  }));
  if (tag === 'express') {
    app.props.set('listen', native('listen', (args, _self, at) => {
      listen(host, model, args, at);
      return serverObject(host, model);
    }));
    app.props.set('disable', native('disable', () => app));
    app.props.set('enable', native('enable', () => app));
    app.props.set('engine', native('engine', () => app));
  }
  app.data = { model };
  return app;
}

function expressModule(host: Host, dir: string): Value {
  const factory = native('express', () => {
    const model: ServerModel = { kind: 'express', routes: [], statics: [], dir };
    return routerObject(host, model, 'express');
  });
  factory.props = new Map<string, Value>([
    ['static', native('static', ([root]) => {
      const staticObj = obj({}, false, 'static');
      staticObj.props.set('dir', typeof root === 'string' ? resolvePath(host.world.cwd, root) : UNKNOWN);
      return staticObj;
    })],
    ['json', native('json', () => native('jsonParser', () => undefined))],
    ['urlencoded', native('urlencoded', () => native('urlencodedParser', () => undefined))],
    ['text', native('text', () => native('textParser', () => undefined))],
    ['Router', native('Router', () => routerObject(host, { kind: 'express', routes: [], statics: [], dir }, 'router'))],
  ]);
  return factory;
}

function packageModel(host: Host, name: string, dir: string): Value {
  switch (name) {
    case 'express':
      return expressModule(host, dir);
    case 'cors':
    case 'morgan':
    case 'helmet':
    case 'compression':
    case 'cookie-parser':
      return native(name, () => native(`${name}Middleware`, () => undefined));
    case 'body-parser':
      return obj({ json: native('json', () => native('jsonParser', () => undefined)), urlencoded: native('urlencoded', () => native('urlencodedParser', () => undefined)) }, true);
    case 'dotenv':
      return obj({ config: native('config', () => loadDotenv(host)) }, true);
    default:
      return obj({}, true, 'package');
  }
}

/** dotenv.config(): variables from .env in the working directory, unless already set. */
function loadDotenv(host: Host): Value {
  const text = readText(host.world.fs, resolvePath(host.world.cwd, '.env'));
  const parsed = obj();
  if (text === undefined) return obj({ error: errorValue('Error', `ENOENT: no such file or directory, open '${resolvePath(host.world.cwd, '.env')}'`) });
  const envObj = ((host.it.globals.lookup('process').value as JsObj).props.get('env')) as JsObj;
  for (const line of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    const value = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
    parsed.props.set(match[1]!, value);
    if (!envObj.props.has(match[1]!)) envObj.props.set(match[1]!, value);
  }
  return obj({ parsed });
}

// ---- module loading -------------------------------------------------------------------------------

function nodeModulesDir(fs: MachineFs, fromDir: string, name: string): string | undefined {
  const pkg = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = `${dir === '/' ? '' : dir}/node_modules/${pkg}`;
    if (fs.getNode(candidate)) return candidate;
    if (dir === '/') return undefined;
  }
}

function resolveFile(fs: MachineFs, path: string): string | undefined {
  for (const candidate of [path, `${path}.js`, `${path}.json`, `${path}.mjs`, `${path}.cjs`, `${path}/index.js`, `${path}/index.json`]) {
    if (fs.getNode(candidate)?.type === 'file') return candidate;
  }
  return undefined;
}

function builtinModule(host: Host, name: string, dir: string): Value {
  const bare = name.replace(/^node:/, '');
  switch (bare) {
    case 'http':
    case 'https':
      return httpModule(host, dir);
    case 'os':
      return osModule(host.world);
    case 'path':
    case 'path/posix':
      return pathModule();
    case 'fs':
      return fsModule(host);
    case 'process':
      return host.it.globals.lookup('process').value;
    default:
      return obj({}, true, `node:${bare}`);
  }
}

function makeLoader(host: Host): (request: string, from: ModuleCtx, at: Token | undefined) => Value {
  return (request, from, at) => {
    const bare = request.replace(/^node:/, '');
    if (request.startsWith('node:') || NODE_BUILTINS.has(bare)) return builtinModule(host, request, dirname(from.path));
    if (request.startsWith('./') || request.startsWith('../') || request.startsWith('/')) {
      const target = resolveFile(host.world.fs, resolvePath(dirname(from.path), request));
      if (!target) throw new ModuleMissing(request, from.path, [from.path, ...from.stack], at, from.esm);
      return loadFile(host, target, from);
    }
    if (!nodeModulesDir(host.world.fs, dirname(from.path), request)) throw new ModuleMissing(request, from.path, [from.path, ...from.stack], at, from.esm);
    return packageModel(host, request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0]!, dirname(from.path));
  };
}

function loadFile(host: Host, path: string, from: ModuleCtx): Value {
  const cached = host.world.modules.get(path);
  if (cached) return cached.moduleObj.props.get('exports');
  if (host.world.modules.size > 30 || from.stack.length > 8) {
    host.it.note('the program loads more files than the simulator follows.');
    return obj({}, true);
  }
  const text = readText(host.world.fs, path) ?? '';
  if (path.endsWith('.json')) {
    try {
      return fromJson(JSON.parse(text));
    } catch {
      return UNKNOWN;
    }
  }
  const module = parseModule(host.world.fs, path, text, from.esm, [from.path, ...from.stack]);
  host.world.modules.set(path, module);
  runModule(host, module);
  return module.moduleObj.props.get('exports');
}

function moduleScope(host: Host, module: ModuleCtx): Scope {
  const scope = new Scope(null);
  const loader = makeLoader(host);
  const require = native('require', ([request], _self, at) => (typeof request === 'string' ? loader(request, module, at) : UNKNOWN));
  require.props = new Map<string, Value>([['main', host.world.modules.get(host.main)?.moduleObj ?? module.moduleObj], ['resolve', native('resolve', ([request]) => request)]]);
  scope.vars.set('require', require);
  scope.vars.set('module', module.moduleObj);
  scope.vars.set('exports', module.exports);
  scope.vars.set('__dirname', dirname(module.path));
  scope.vars.set('__filename', module.path);
  return scope;
}

function runModule(host: Host, module: ModuleCtx): void {
  const scope = moduleScope(host, module);
  const parentScope = new Scope(scope);
  (module as { scope: Scope }).scope = parentScope;
  if (module.esm) {
    const loader = makeLoader(host);
    for (const entry of esmImports(module)) {
      const value = loader(entry.source, module, entry.at);
      const exportsObj = typeof value === 'object' && value !== null && !Array.isArray(value) && (value as JsObj).kind === 'obj' ? (value as JsObj) : undefined;
      if (entry.defaultName) parentScope.vars.set(entry.defaultName, exportsObj?.props.has('default') ? exportsObj.props.get('default') : value);
      if (entry.namespace) parentScope.vars.set(entry.namespace, value);
      for (const [imported, local] of entry.named) {
        const member = isCallable(value) && value.kind === 'native' ? value.props?.get(imported) : exportsObj?.props.get(imported);
        parentScope.vars.set(local, member === undefined && exportsObj?.open ? UNKNOWN : member ?? UNKNOWN);
      }
    }
  }
  host.it.execBlock(module, 0, module.tokens.length - 1, parentScope);
}

// ---- answering a request ----------------------------------------------------------------------------

function responseObject(host: Host, recorded: Recorded, express: boolean): JsObj {
  const res = obj({}, true, 'res');
  const finish = (body: string | typeof UNKNOWN, type?: string) => {
    if (recorded.done) return;
    recorded.done = true;
    recorded.body = body === UNKNOWN ? UNKNOWN : recorded.chunks.join('') + body;
    if (type !== undefined && !recorded.headers.has('content-type')) recorded.contentType = type;
  };
  const chain = (fn: (args: Value[]) => void) => native('res', (args) => {
    fn(args);
    return res;
  });
  res.props.set('status', chain(([code]) => {
    if (typeof code === 'number') recorded.status = code;
  }));
  res.props.set('send', chain(([body]) => {
    if (typeof body === 'string') finish(body, 'text/html; charset=utf-8');
    else if (typeof body === 'number' && express) {
      recorded.status = body;
      finish(STATUS_TEXT[body] ?? String(body), 'text/plain; charset=utf-8');
    } else if (body === undefined) finish('', '');
    else {
      const json = toJson(body);
      finish(json === undefined ? '' : json, 'application/json; charset=utf-8');
    }
  }));
  res.props.set('json', chain(([body]) => {
    const json = toJson(body);
    finish(json === undefined ? '' : json, 'application/json; charset=utf-8');
  }));
  res.props.set('sendStatus', chain(([code]) => {
    if (typeof code === 'number') recorded.status = code;
    finish(STATUS_TEXT[recorded.status] ?? String(recorded.status), 'text/plain; charset=utf-8');
  }));
  res.props.set('end', chain(([body]) => {
    const text = body === undefined ? '' : toStr(body);
    finish(text, recorded.contentType);
  }));
  res.props.set('write', chain(([chunk]) => {
    const text = toStr(chunk);
    if (text === UNKNOWN) recorded.body = UNKNOWN;
    else recorded.chunks.push(text);
  }));
  const setType = (value: Value) => {
    if (typeof value === 'string') {
      recorded.contentType = value.includes('/') ? value : mimeOf(`x.${value}`);
      recorded.headers.set('content-type', recorded.contentType);
    }
  };
  const setHeader = ([name, value]: Value[]) => {
    if (typeof name === 'string' && name.toLowerCase() === 'content-type') setType(value);
    else if (typeof name === 'object' && name !== null && (name as JsObj).kind === 'obj') {
      for (const [key, item] of (name as JsObj).props) if (key.toLowerCase() === 'content-type') setType(item);
    }
  };
  res.props.set('setHeader', chain(setHeader));
  res.props.set('set', chain(setHeader));
  res.props.set('header', chain(setHeader));
  res.props.set('type', chain(([value]) => setType(value)));
  res.props.set('writeHead', chain(([code, a, b]) => {
    if (typeof code === 'number') recorded.status = code;
    for (const headers of [a, b] as Value[]) setHeader([headers]);
  }));
  res.props.set('sendFile', chain(([path]) => {
    if (typeof path !== 'string') return finish(UNKNOWN);
    const text = readText(host.world.fs, resolvePath(host.world.cwd, path));
    if (text === undefined) {
      recorded.status = 404;
      finish(`<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Error: ENOENT: no such file or directory, stat &#39;${path}&#39;</pre>\n</body>\n</html>\n`, 'text/html; charset=utf-8');
    } else finish(text, mimeOf(path));
  }));
  res.props.set('render', chain(([view]) => {
    host.it.note(`the route renders the template "${String(view)}"; the simulator does not run template engines.`);
    finish(UNKNOWN);
  }));
  res.props.set('redirect', chain(([a, b]) => {
    const url = typeof a === 'string' ? a : typeof b === 'string' ? b : '/';
    recorded.status = typeof a === 'number' ? a : 302;
    finish(`<p>${STATUS_TEXT[recorded.status] ?? 'Found'}. Redirecting to <a href="${url}">${url}</a></p>`, 'text/html; charset=utf-8');
  }));
  res.props.set('locals', obj());
  return res;
}

function requestObject(method: string, path: string): JsObj {
  return obj({
    method,
    url: path,
    path,
    originalUrl: path,
    query: obj(),
    params: obj(),
    headers: obj({ host: 'localhost', 'user-agent': 'curl/8.14.1', accept: '*/*' }),
    body: undefined,
    ip: '::ffff:172.17.0.1',
    hostname: 'localhost',
    protocol: 'http',
    get: native('get', () => undefined),
    on: native('on', () => undefined),
  }, true);
}

function answer(host: Host, server: ServerModel, method: string, path: string): Recorded {
  const recorded: Recorded = { status: 200, body: '', contentType: '', done: false, headers: new Map(), chunks: [] };
  const req = requestObject(method, path);
  const res = responseObject(host, recorded, server.kind === 'express');
  const callHandler = (handler: Value): boolean => {
    let nextCalled = false;
    const next = native('next', () => {
      nextCalled = true;
      return undefined;
    });
    try {
      host.it.callFunction(handler, [req, res, next]);
    } catch (signal) {
      if (signal instanceof ThrowSignal) {
        recorded.status = 500;
        recorded.done = true;
        recorded.body = UNKNOWN;
        host.it.note(`the handler for ${method} ${path} throws an error; a real server would answer 500.`);
        return true;
      }
      throw signal;
    }
    return recorded.done || !nextCalled;
  };
  if (server.kind === 'http') {
    const handler = server.handler;
    if (typeof handler === 'object' && handler !== null && (handler as JsObj).tag === 'express') {
      const inner = (handler as JsObj).data?.model as ServerModel | undefined;
      return inner ? answer(host, { ...inner, listen: server.listen }, method, path) : recorded;
    }
    if (handler) callHandler(handler);
    if (!recorded.done && recorded.chunks.length > 0) recorded.body = recorded.chunks.join('');
    else if (!recorded.done) recorded.body = UNKNOWN;
    return recorded;
  }
  // Express: middleware and routes in the order they were registered, statics included.
  const layers: Array<{ kind: 'route' | 'static'; method?: string; path: string; handlers?: Value[]; dir?: string }> = [];
  for (const route of server.routes) layers.push({ kind: 'route', method: route.method, path: route.path, handlers: route.handlers });
  for (const entry of server.statics) layers.push({ kind: 'static', path: entry.mount, dir: entry.dir });
  // Statics were registered with `use`; keep them before routes registered after them is not knowable here, so serve them first for files and last for routes.
  for (const layer of layers) {
    if (layer.kind === 'static') {
      if (path.startsWith(layer.path) && layer.dir) {
        const relative = path.slice(layer.path.length).replace(/^\//, '');
        const file = resolvePath(layer.dir, relative || 'index.html');
        const node = host.world.fs.getNode(file);
        const target = node?.type === 'dir' ? `${file}/index.html` : file;
        const text = readText(host.world.fs, target);
        if (text !== undefined) {
          recorded.body = text;
          recorded.contentType = mimeOf(target);
          recorded.done = true;
          return recorded;
        }
      }
      continue;
    }
    const matches = layer.method === 'USE' ? path.startsWith(layer.path) : (layer.method === method || layer.method === 'ALL') && matchPath(layer.path, path);
    if (!matches) continue;
    for (const handler of layer.handlers ?? []) {
      if (!isCallable(handler)) continue;
      if (callHandler(handler)) {
        if (!recorded.done) {
          recorded.body = UNKNOWN;
          host.it.note(`the handler for ${method} ${path} does not answer in a way the simulator can follow.`);
        }
        return recorded;
      }
    }
  }
  recorded.status = 404;
  recorded.body = expressNotFound(method, path);
  recorded.contentType = 'text/html; charset=utf-8';
  return recorded;
}

function matchPath(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === '/*' || pattern === '*splat' || pattern === '/*splat') return true;
  const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+').replace(/\*/g, '.*')}/?$`);
  return regex.test(path);
}

// ---- entry point ------------------------------------------------------------------------------------

export interface NodeRun {
  world: World;
  host: Host;
}

/** Runs `node <script>`; `code` instead of a file for `node -e`. */
export function analyzeNode(fs: MachineFs, script: { path: string; code?: string; print?: boolean }, cwd: string, env: Record<string, string>, options: AnalyzeOptions, scriptArgs: string[]): AppOutcome {
  const nodeVersion = env.NODE_VERSION ?? '24.3.0';
  const world: World = {
    fs,
    env: new Map(Object.entries(env)),
    cwd,
    nodeVersion,
    hostname: options.hostname ?? env.HOSTNAME ?? 'localhost',
    now: options.now ?? 0,
    pid: options.pid ?? 1,
    argv: ['/usr/local/bin/node', ...(script.code === undefined ? [script.path] : []), ...scriptArgs],
    logs: [],
    notes: [],
    servers: [],
    later: [],
    intervals: [],
    steps: 0,
    maxSteps: 60_000,
    modules: new Map(),
    esm: false,
  };
  const text = script.code ?? readText(fs, script.path);
  if (text === undefined) return { kind: 'exit', stdout: '', stderr: nodeMissingMain(script.path, nodeVersion), exitCode: 1, notes: [] };
  const globals = new Scope(null);
  const host = { world, main: script.path } as Host;
  const it = new Interpreter(world, globals, (request, from, at) => makeLoader(host)(request, from, at));
  host.it = it;
  const note = (value: string) => it.note(value);
  const processObj = processObject(world);
  globals.vars.set('console', consoleObject({ world, note }));
  globals.vars.set('process', processObj);
  globals.vars.set('globalThis', obj({}, true));
  globals.vars.set('JSON', obj({
    stringify: native('stringify', ([value, , space]) => {
      const text = toJson(value, typeof space === 'number' ? ' '.repeat(space) : typeof space === 'string' ? space : '');
      return text === UNKNOWN ? UNKNOWN : text;
    }),
    parse: native('parse', ([text], _self, at) => {
      if (typeof text !== 'string') return UNKNOWN;
      try {
        return fromJson(JSON.parse(text));
      } catch (error) {
        throw new ThrowSignal(errorValue('SyntaxError', error instanceof Error ? error.message : 'Unexpected token'), at, undefined);
      }
    }),
  }));
  const math = obj({ PI: Math.PI, E: Math.E }, false);
  for (const name of ['floor', 'ceil', 'round', 'abs', 'sqrt', 'max', 'min', 'pow', 'trunc', 'sign', 'log', 'log10', 'sin', 'cos'] as const) {
    math.props.set(name, native(name, (args) => {
      if (args.some((arg) => arg === UNKNOWN)) return UNKNOWN;
      const nums = args.map((arg) => (typeof arg === 'number' ? arg : typeof arg === 'string' ? Number(arg) : NaN));
      return (Math[name] as (...values: number[]) => number)(...nums);
    }));
  }
  math.props.set('random', native('random', () => UNKNOWN));
  globals.vars.set('Math', math);
  const toNumber = (value: Value) => (value === UNKNOWN ? UNKNOWN : typeof value === 'string' ? (value.trim() === '' ? 0 : Number(value)) : Number(value));
  const numberFn = native('Number', ([value]) => toNumber(value), {
    parseInt: native('parseInt', ([value, radix]) => (typeof value === 'string' ? parseInt(value, typeof radix === 'number' ? radix : 10) : value === UNKNOWN ? UNKNOWN : NaN)),
    isInteger: native('isInteger', ([value]) => Number.isInteger(value)),
  });
  globals.vars.set('Number', numberFn);
  globals.vars.set('String', native('String', ([value]) => toStr(value)));
  globals.vars.set('Boolean', native('Boolean', ([value]) => (value === UNKNOWN ? UNKNOWN : Boolean(value))));
  globals.vars.set('parseInt', native('parseInt', ([value, radix]) => (typeof value === 'string' ? parseInt(value, typeof radix === 'number' ? radix : 10) : typeof value === 'number' ? Math.trunc(value) : value === UNKNOWN ? UNKNOWN : NaN)));
  globals.vars.set('parseFloat', native('parseFloat', ([value]) => (typeof value === 'string' ? parseFloat(value) : value === UNKNOWN ? UNKNOWN : NaN)));
  globals.vars.set('isNaN', native('isNaN', ([value]) => (value === UNKNOWN ? UNKNOWN : Number.isNaN(Number(value)))));
  globals.vars.set('Array', native('Array', () => [], { isArray: native('isArray', ([value]) => Array.isArray(value)), from: native('from', ([value]) => (Array.isArray(value) ? [...value] : typeof value === 'string' ? [...value] : UNKNOWN)) }));
  globals.vars.set('Object', native('Object', () => obj(), {
    keys: native('keys', ([value]) => (typeof value === 'object' && value !== null && !Array.isArray(value) && (value as JsObj).kind === 'obj' ? [...(value as JsObj).props.keys()] : UNKNOWN)),
    values: native('values', ([value]) => (typeof value === 'object' && value !== null && !Array.isArray(value) && (value as JsObj).kind === 'obj' ? [...(value as JsObj).props.values()] : UNKNOWN)),
    entries: native('entries', ([value]) => (typeof value === 'object' && value !== null && !Array.isArray(value) && (value as JsObj).kind === 'obj' ? [...(value as JsObj).props].map(([key, item]) => [key, item]) : UNKNOWN)),
    assign: native('assign', ([target, ...sources]) => {
      if (typeof target !== 'object' || target === null || Array.isArray(target) || (target as JsObj).kind !== 'obj') return UNKNOWN;
      for (const source of sources) if (typeof source === 'object' && source !== null && !Array.isArray(source) && (source as JsObj).kind === 'obj') for (const [key, item] of (source as JsObj).props) (target as JsObj).props.set(key, item);
      return target;
    }),
    freeze: native('freeze', ([value]) => value),
  }));
  const dateNow = world.now;
  const dateObject = () => obj({
    toISOString: native('toISOString', () => new Date(dateNow).toISOString()),
    toString: native('toString', () => new Date(dateNow).toUTCString()),
    toLocaleString: native('toLocaleString', () => UNKNOWN),
    toLocaleTimeString: native('toLocaleTimeString', () => UNKNOWN),
    getTime: native('getTime', () => dateNow),
    getFullYear: native('getFullYear', () => new Date(dateNow).getUTCFullYear()),
    getHours: native('getHours', () => new Date(dateNow).getUTCHours()),
  }, true, 'Date');
  globals.vars.set('Date', native('Date', (_args, self) => (self === 'new' ? dateObject() : new Date(dateNow).toUTCString()), { now: native('now', () => dateNow) }));
  globals.vars.set('Error', native('Error', ([message]) => errorValue('Error', toStr(message) === UNKNOWN ? '' : String(toStr(message)))));
  globals.vars.set('TypeError', native('TypeError', ([message]) => errorValue('TypeError', String(message ?? ''))));
  globals.vars.set('Promise', native('Promise', ([executor]) => {
    let settled: Value = UNKNOWN;
    if (isCallable(executor)) it.callFunction(executor, [native('resolve', ([value]) => ((settled = value), undefined)), native('reject', () => undefined)]);
    return settled;
  }, { resolve: native('resolve', ([value]) => value), all: native('all', ([values]) => values) }));
  globals.vars.set('Map', native('Map', () => obj({}, true, 'Map')));
  globals.vars.set('Set', native('Set', () => obj({}, true, 'Set')));
  globals.vars.set('Buffer', obj({ from: native('from', () => obj({}, true, 'Buffer')) }, true));
  globals.vars.set('URL', native('URL', () => obj({}, true, 'URL')));
  globals.vars.set('setTimeout', native('setTimeout', ([fn, delay, ...args]) => {
    world.later.push({ delay: typeof delay === 'number' ? delay : 0, order: world.later.length, fn, args });
    return obj({}, true, 'Timeout');
  }));
  globals.vars.set('setImmediate', native('setImmediate', ([fn, ...args]) => {
    world.later.push({ delay: 0, order: world.later.length, fn, args });
    return obj({}, true, 'Immediate');
  }));
  globals.vars.set('setInterval', native('setInterval', ([fn, delay]) => {
    world.intervals.push({ delay: typeof delay === 'number' ? delay : 1, fn });
    return obj({}, true, 'Timeout');
  }));
  globals.vars.set('clearInterval', native('clearInterval', () => {
    world.intervals.pop();
    return undefined;
  }));
  globals.vars.set('clearTimeout', native('clearTimeout', () => undefined));
  globals.vars.set('fetch', native('fetch', () => {
    it.note('the program calls fetch; the simulator does not make network requests from apps.');
    return UNKNOWN;
  }));

  let exitCode = 0;
  let failure: string | undefined;
  try {
    const isMjs = script.path.endsWith('.mjs');
    const pkgType = nearestPackageType(fs, dirname(script.path));
    let tokensEsm = false;
    let module: ModuleCtx;
    try {
      module = parseModule(fs, script.path, text, false, []);
      tokensEsm = isMjs || pkgType === 'module' || (!script.path.endsWith('.cjs') && hasModuleSyntax(module.tokens));
      (module as { esm: boolean }).esm = tokensEsm;
    } catch (error) {
      if (error instanceof JsSyntaxError) {
        return { kind: 'exit', stdout: '', stderr: nodeSyntaxError(fs, script.path, error, nodeVersion), exitCode: 1, notes: ['Node prints the stack of its module loader after a syntax error; the simulator leaves those lines out.'] };
      }
      throw error;
    }
    world.esm = tokensEsm;
    // Node 22+ detects ES module syntax in a .js file whose package.json does not say so, and warns.
    if (tokensEsm && !isMjs && pkgType === 'commonjs-implied' && Number(nodeVersion.split('.')[0]) >= 22) {
      const pkgPath = nearestPackageJson(fs, dirname(script.path));
      writeOut(world, 'stderr', `(node:${world.pid}) [MODULE_TYPELESS_PACKAGE_JSON] Warning: Module type of file://${script.path} is not specified and it doesn't parse as CommonJS.\nReparsing as ES module because module syntax was detected. This incurs a performance overhead.\nTo eliminate this warning, add "type": "module" to ${pkgPath}.\n(Use \`node --trace-warnings ...\` to show where the warning was created)\n`);
    }
    world.modules.set(script.path, module);
    runModule(host, module);
    // After the synchronous part: listen callbacks, immediates and timeouts, in time order.
    const pending = [...world.later].sort((a, b) => a.delay - b.delay || a.order - b.order);
    world.later.length = 0;
    for (const task of pending) {
      it.callFunction(task.fn, task.args);
      for (const more of world.later.splice(0)) it.callFunction(more.fn, more.args);
    }
  } catch (signal) {
    if (signal instanceof ExitSignal) exitCode = signal.code;
    else if (signal instanceof ModuleMissing) {
      failure = signal.esm ? nodeMissingImport(signal, nodeVersion) : nodeMissingRequire(signal, nodeVersion);
      exitCode = 1;
    } else if (signal instanceof ThrowSignal) {
      failure = uncaught(fs, signal, script.path, nodeVersion);
      exitCode = 1;
      it.note('Node also prints the internal stack frames below the first "at" line; the simulator leaves them out.');
    } else if (signal instanceof JsSyntaxError) {
      failure = nodeSyntaxError(fs, script.path, signal, nodeVersion);
      exitCode = 1;
    } else if (signal instanceof BudgetExceeded || signal instanceof LongRun) {
      const where = signal instanceof LongRun ? `line ${signal.line}: a loop keeps going` : 'the program does more work than the simulator follows';
      it.note(`${where}; the simulator stopped following it there, so as far as it can tell the program is still running.`);
      return { kind: 'running', logs: world.logs.map((line) => line.text.replace(/\n$/, '')), notes: world.notes };
    } else throw signal;
  }
  return outcome(host, failure, exitCode, script.print === true);
}

type PkgType = 'module' | 'commonjs' | 'commonjs-implied' | 'none';

function nearestPackageJson(fs: MachineFs, dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const path = `${current === '/' ? '' : current}/package.json`;
    if (fs.getNode(path)?.type === 'file') return path;
    if (current === '/') return undefined;
  }
}

function nearestPackageType(fs: MachineFs, dir: string): PkgType {
  const path = nearestPackageJson(fs, dir);
  if (!path) return 'none';
  const text = readText(fs, path) ?? '';
  const type = /"type"\s*:\s*"(module|commonjs)"/.exec(text)?.[1];
  return type === 'module' ? 'module' : type === 'commonjs' ? 'commonjs' : 'commonjs-implied';
}

function outcome(host: Host, failure: string | undefined, exitCode: number, print: boolean): AppOutcome {
  const { world } = host;
  void print;
  const stdout = world.logs.filter((line) => line.stream === 'stdout').map((line) => line.text).join('');
  const stderr = world.logs.filter((line) => line.stream === 'stderr').map((line) => line.text).join('');
  const notes = world.notes;
  if (failure !== undefined || world.servers.length === 0) {
    if (world.intervals.length > 0 && failure === undefined) {
      const repeat = runIntervals(host);
      return { kind: 'running', logs: world.logs.map((line) => line.text.replace(/\n$/, '')), ...(repeat && { repeat }), notes };
    }
    return { kind: 'exit', stdout, stderr: stderr + (failure ?? ''), exitCode, notes };
  }
  const server = world.servers[0]!;
  const port = server.listen?.port;
  const hostValue = server.listen?.host;
  let portNumber: number;
  if (typeof port === 'number' && Number.isInteger(port)) portNumber = port;
  else if (typeof port === 'string' && /^\d+$/.test(port)) portNumber = Number(port);
  else if (port === undefined || port === null) {
    // listen() without a port picks a free one; say so rather than invent a number silently.
    portNumber = 0;
    world.notes.push('listen() was called without a port, so a real server would pick a random free port.');
  } else {
    portNumber = 0;
    world.notes.push('the port the server listens on depends on something the simulator cannot compute.');
  }
  const routes: AppRoute[] = [];
  const paths = new Set<string>(['/']);
  for (const route of server.routes) if ((route.method === 'GET' || route.method === 'ALL') && !/[:*]/.test(route.path)) paths.add(route.path);
  for (const path of paths) {
    const recorded = answer(host, server, 'GET', path);
    if (recorded.body === UNKNOWN) {
      host.it.note(`the answer to GET ${path} depends on something the simulator cannot compute.`);
      continue;
    }
    routes.push({ method: 'GET', path, status: recorded.status, body: recorded.body, contentType: recorded.contentType });
  }
  const root = routes.find((route) => route.path === '/');
  const hostText = typeof hostValue === 'string' ? (hostValue === 'localhost' ? '127.0.0.1' : hostValue) : '0.0.0.0';
  return {
    kind: 'server',
    port: portNumber,
    host: hostText,
    logs: world.logs.map((line) => line.text.replace(/\n$/, '')),
    body: root?.body ?? '',
    contentType: root?.contentType ?? '',
    status: root?.status ?? 200,
    routes,
    notes: world.notes,
  };
}

/** What a setInterval callback prints each time, found by running it once. */
function runIntervals(host: Host): { lines: string[]; everyMs: number } | undefined {
  const first = host.world.intervals[0];
  if (!first) return undefined;
  const before = host.world.logs.length;
  try {
    host.it.callFunction(first.fn, []);
  } catch {
    return undefined;
  }
  const lines = host.world.logs.splice(before).map((line) => line.text.replace(/\n$/, ''));
  return { lines, everyMs: first.delay };
}

export { hasUnknown };
