// What a student's own program does when a container runs it. The engine cannot execute
// JavaScript or Python, so the program is read: a bounded interpreter follows the simple
// code first apps are made of (constants, prints, arithmetic, Express/Flask/FastAPI routes,
// listen/run calls) and answers with the runtime's real messages for the classic
// mistakes: the file was not copied, `npm install` / `pip install` never ran, the app
// listens on 127.0.0.1. Whatever it cannot follow is listed in `notes`, never invented.
import type { MachineFs } from '../../fs/machine-fs';
import { resolvePath } from '../../fs/paths';
import { analyzeNode } from './packages/js-app';
import { analyzePython, pythonVersionOf } from './packages/py-app';

/** One answer a server gives: what `curl http://host:port<path>` would print. */
export interface AppRoute {
  method: string;
  path: string;
  status: number;
  body: string;
  contentType: string;
}

export type AppOutcome =
  /** The program runs to its end: its output and exit code. */
  | { kind: 'exit'; stdout: string; stderr: string; exitCode: number; notes: string[] }
  /**
   * The program listens. `logs` are the lines `docker logs` shows after start-up (stdout and
   * stderr interleaved, Python's buffered prints left out when nothing flushes them);
   * `body`/`contentType`/`status` answer GET /; `routes` answers every literal GET path
   * found; `host` is the address it binds (`127.0.0.1` is unreachable through `-p`).
   */
  | { kind: 'server'; port: number; host: string; logs: string[]; body: string; contentType: string; status: number; routes: AppRoute[]; notes: string[] }
  /** The program keeps running without a port (a worker loop); `repeat` is what each round prints. */
  | { kind: 'running'; logs: string[]; repeat?: { lines: string[]; everyMs: number }; notes: string[] };

export interface AnalyzeOptions {
  /** The container has a terminal (-t): Python then flushes each printed line. */
  tty?: boolean;
  /** The container's IP, which Flask prints among its addresses. */
  ip?: string;
  /** Engine clock, for timestamps some servers print. */
  now?: number;
  /** The container's hostname (os.hostname(), socket.gethostname()). */
  hostname?: string;
  /** PID of the process (1 as a container's main process). */
  pid?: number;
}

const NODE_NAMES = /^(node|nodejs|nodemon)$/;
const PYTHON_NAMES = /^python(3(\.\d+)?)?$/;

/**
 * Reads the program `argv` would start in `cwd` with `env` and says what it does.
 * argv examples: ['node', 'server.js'], ['python3', 'app.py'], ['python', '-m', 'http.server', '8000'],
 * ['node', '-e', 'console.log(1+1)'], ['flask', 'run'], ['uvicorn', 'main:app', '--port', '8000'].
 */
export function analyzeApp(fs: MachineFs, argv: string[], cwd: string, env: Record<string, string>, options: AnalyzeOptions = {}): AppOutcome {
  try {
    return analyze(fs, argv, cwd, env, options);
  } catch {
    // A program the reader trips over is reported as unread, never as a made-up result.
    return { kind: 'exit', stdout: '', stderr: '', exitCode: 0, notes: [`the simulator could not read ${argv.slice(1).join(' ') || argv[0] || 'this program'}; what it would do is unknown.`] };
  }
}

function analyze(fs: MachineFs, argv: string[], cwd: string, env: Record<string, string>, options: AnalyzeOptions): AppOutcome {
  const [program = '', ...args] = argv;
  const name = program.split('/').pop() ?? program;
  if (NODE_NAMES.test(name)) return runNode(fs, name, args, cwd, env, options);
  if (PYTHON_NAMES.test(name) || ['flask', 'uvicorn', 'gunicorn', 'fastapi'].includes(name)) return analyzePython(fs, program, args, cwd, env, options);
  return {
    kind: 'exit',
    stdout: '',
    stderr: '',
    exitCode: 0,
    notes: [`the simulator does not know how to read programs run by "${name}".`],
  };
}

function runNode(fs: MachineFs, name: string, args: string[], cwd: string, env: Record<string, string>, options: AnalyzeOptions): AppOutcome {
  const version = env.NODE_VERSION ?? '24.3.0';
  let i = 0;
  // Options Node accepts before the script that do not change what the script does.
  while (i < args.length && args[i]!.startsWith('-')) {
    const arg = args[i]!;
    if (arg === '-v' || arg === '--version') return { kind: 'exit', stdout: `v${version}\n`, stderr: '', exitCode: 0, notes: [] };
    if (arg === '-e' || arg === '--eval' || arg === '-p' || arg === '--print') {
      const code = args[i + 1] ?? '';
      const printing = arg === '-p' || arg === '--print';
      return analyzeNode(fs, { path: `${cwd === '/' ? '' : cwd}/[eval]`, code: printing ? `console.log(${code})` : code, print: printing }, cwd, env, options, args.slice(i + 2));
    }
    if (arg === '-r' || arg === '--require' || arg === '--import' || arg === '--env-file' || arg === '--max-old-space-size') i++;
    i++;
  }
  const script = args[i];
  if (script === undefined) {
    // The REPL: without a terminal it reads end-of-file and exits at once.
    return { kind: 'exit', stdout: options.tty ? `Welcome to Node.js v${version}.\nType ".help" for more information.\n> ` : '', stderr: '', exitCode: 0, notes: options.tty ? ['the Node.js REPL is interactive; the simulator shows only its greeting.'] : [] };
  }
  let path = resolvePath(cwd, script);
  // `node .` and `node dir` run the directory's package.json main or index.js.
  const node = fs.getNode(path);
  if (node?.type === 'dir') {
    const pkg = fs.getNode(`${path}/package.json`)?.type === 'file' ? fs.readText(`${path}/package.json`) : '';
    const main = /"main"\s*:\s*"([^"]+)"/.exec(pkg)?.[1] ?? 'index.js';
    path = resolvePath(path, main);
  } else if (!node && fs.getNode(`${path}.js`)?.type === 'file') path = `${path}.js`;
  const outcome = analyzeNode(fs, { path }, cwd, env, options, args.slice(i + 1));
  if (name !== 'nodemon') return outcome;
  const banner = ['[nodemon] 3.1.10', '[nodemon] to restart at any time, enter `rs`', '[nodemon] watching path(s): *.*', '[nodemon] watching extensions: js,mjs,cjs,json', `[nodemon] starting \`node ${args.slice(i).join(' ')}\``];
  if (outcome.kind === 'server' || outcome.kind === 'running') return { ...outcome, logs: [...banner, ...outcome.logs] };
  // nodemon keeps running after the program ends, waiting for changes.
  const tail = outcome.exitCode === 0 ? '[nodemon] clean exit - waiting for changes before restart' : '[nodemon] app crashed - waiting for file changes before starting...';
  return { kind: 'running', logs: [...banner, ...`${outcome.stdout}${outcome.stderr}`.split('\n').filter((line, index, all) => line !== '' || index < all.length - 1), tail], notes: outcome.notes };
}

export { pythonVersionOf };
