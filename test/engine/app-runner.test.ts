import { describe, expect, it } from 'vitest';
import { defineCommand, type CustomCommand } from 'just-bash';
import { MachineFs } from '../../src/engine/fs/machine-fs';
import { HostContext, type EnginePorts } from '../../src/engine/host-context';
import type { FileNode, FileTree } from '../../src/engine/model/file-tree';
import type { HostState } from '../../src/engine/model/host-state';
import { runShell } from '../../src/engine/runtime/shell';
import { analyzeApp, type AppOutcome } from '../../src/engine/runtime/tools/app-runner';
import { npmTool } from '../../src/engine/runtime/tools/npm';

const NOW = Date.UTC(2025, 5, 20, 12, 0, 0);
const dir: FileNode = { type: 'dir', mode: 0o755 };
const file = (content: string): FileNode => ({ type: 'file', mode: 0o644, content });

function withParents(tree: FileTree): FileTree {
  const out: FileTree = {};
  for (const path of Object.keys(tree)) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) out[`/${parts.slice(0, i).join('/')}`] ??= dir;
  }
  return { ...out, ...tree };
}

function machine(files: FileTree): MachineFs {
  return new MachineFs({ root: { lowers: [withParents({ '/app': dir, ...files })], upper: {} }, now: () => NOW });
}

const NODE_ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', NODE_VERSION: '24.3.0', HOSTNAME: '3f2a1b9c8d7e', HOME: '/root' };
const PY_ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', PYTHON_VERSION: '3.13.5', HOSTNAME: '3f2a1b9c8d7e', HOME: '/root' };
const EXPRESS: FileTree = { '/app/node_modules/express/package.json': file('{"name":"express","version":"5.1.0"}') };
const SITE = '/usr/local/lib/python3.13/site-packages';
const FLASK: FileTree = { [`${SITE}/flask/__init__.py`]: file(''), [`${SITE}/fastapi/__init__.py`]: file(''), [`${SITE}/uvicorn/__init__.py`]: file('') };
const run = (fs: MachineFs, argv: string[], env: Record<string, string> = NODE_ENV, options = {}) => analyzeApp(fs, argv, '/app', env, { now: NOW, ip: '172.17.0.2', ...options });

const HELLO_EXPRESS = `const express = require('express');
const app = express();
const port = process.env.PORT || 3000;

app.get('/', (req, res) => {
  res.send('Hello World!');
});

app.get('/api/status', (req, res) => {
  res.json({ status: 'ok', uptime: 1 + 1 });
});

app.listen(port, () => {
  console.log(\`Example app listening on port \${port}\`);
});
`;

describe('a Node.js app read by the app runner', () => {
  it('an Express hello world listens on 3000, logs its line and answers on /', () => {
    const outcome = run(machine({ '/app/server.js': file(HELLO_EXPRESS), ...EXPRESS }), ['node', 'server.js']);
    expect(outcome).toEqual({
      kind: 'server',
      port: 3000,
      host: '0.0.0.0',
      logs: ['Example app listening on port 3000'],
      body: 'Hello World!',
      contentType: 'text/html; charset=utf-8',
      status: 200,
      routes: [
        { method: 'GET', path: '/', status: 200, body: 'Hello World!', contentType: 'text/html; charset=utf-8' },
        { method: 'GET', path: '/api/status', status: 200, body: '{"status":"ok","uptime":2}', contentType: 'application/json; charset=utf-8' },
      ],
      notes: [],
    } satisfies AppOutcome);
  });

  it('honours PORT from the environment (docker run -e PORT=8080)', () => {
    const outcome = run(machine({ '/app/server.js': file(HELLO_EXPRESS), ...EXPRESS }), ['node', 'server.js'], { ...NODE_ENV, PORT: '8080' });
    expect(outcome.kind === 'server' && [outcome.port, outcome.logs]).toEqual([8080, ['Example app listening on port 8080']]);
  });

  it('forgot npm install: require("express") fails with Node\'s own message', () => {
    const outcome = run(machine({ '/app/server.js': file(HELLO_EXPRESS) }), ['node', 'server.js']);
    expect(outcome).toEqual({
      kind: 'exit',
      stdout: '',
      stderr: `node:internal/modules/cjs/loader:1368
  throw err;
  ^

Error: Cannot find module 'express'
Require stack:
- /app/server.js
    at Function._resolveFilename (node:internal/modules/cjs/loader:1365:15)
    at defaultResolveImpl (node:internal/modules/cjs/loader:1021:19)
    at resolveForCJSWithHooks (node:internal/modules/cjs/loader:1026:22)
    at Function._load (node:internal/modules/cjs/loader:1175:37)
    at TracingChannel.traceSync (node:diagnostics_channel:322:14)
    at wrapModuleLoad (node:internal/modules/cjs/loader:235:24)
    at Module.require (node:internal/modules/cjs/loader:1445:12)
    at require (node:internal/modules/helpers:135:16)
    at Object.<anonymous> (/app/server.js:1:17)
    at Module._compile (node:internal/modules/cjs/loader:1688:14) {
  code: 'MODULE_NOT_FOUND',
  requireStack: [ '/app/server.js' ]
}

Node.js v24.3.0
`,
      exitCode: 1,
      notes: [],
    });
  });

  it('forgot COPY: a missing script is Node\'s "Cannot find module" for the path (Node 20 wording)', () => {
    const outcome = run(machine({}), ['node', 'server.js'], { ...NODE_ENV, NODE_VERSION: '20.19.3' });
    expect(outcome).toEqual({
      kind: 'exit',
      stdout: '',
      stderr: `node:internal/modules/cjs/loader:1210
  throw err;
  ^

Error: Cannot find module '/app/server.js'
    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)
    at Module._load (node:internal/modules/cjs/loader:1038:27)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
    at node:internal/main/run_main_module:28:49 {
  code: 'MODULE_NOT_FOUND',
  requireStack: []
}

Node.js v20.19.3
`,
      exitCode: 1,
      notes: [],
    });
  });

  it('a plain http server bound to 127.0.0.1 says so in `host` (unreachable through -p)', () => {
    const outcome = run(machine({
      '/app/index.js': file(`const http = require('http');
const hostname = '127.0.0.1';
const port = 3000;
const server = http.createServer((req, res) => {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/plain');
  res.end('Hello, World!\\n');
});
server.listen(port, hostname, () => {
  console.log(\`Server running at http://\${hostname}:\${port}/\`);
});
`),
    }), ['node', 'index.js']);
    expect(outcome).toMatchObject({ kind: 'server', port: 3000, host: '127.0.0.1', logs: ['Server running at http://127.0.0.1:3000/'], body: 'Hello, World!\n', contentType: 'text/plain', status: 200 });
  });

  it('serves public/index.html through express.static', () => {
    const outcome = run(machine({
      ...EXPRESS,
      '/app/public/index.html': file('<h1>Baleia</h1>\n'),
      '/app/app.js': file(`const express = require('express');
const path = require('path');
const app = express();
app.use(express.static(path.join(__dirname, 'public')));
app.listen(80, () => console.log('up'));
`),
    }), ['node', 'app.js']);
    expect(outcome).toMatchObject({ kind: 'server', port: 80, body: '<h1>Baleia</h1>\n', contentType: 'text/html; charset=UTF-8' });
  });

  it('a script runs to the end, printing values, arithmetic and strings, with its exit code', () => {
    const outcome = run(machine({
      '/app/cli.js': file(`const os = require('os');
const items = ['alpha', 'beta'];
function shout(word) { return word.toUpperCase() + '!'; }
console.log('Hello from', os.hostname());
console.log(items.map(shout).join(' '));
console.log(2 ** 10, 7 / 2, { ok: true, list: [1, 2] });
for (let i = 1; i <= 3; i++) console.log(\`step \${i}\`);
console.error('warning: done');
process.exit(2);
`),
    }), ['node', 'cli.js']);
    expect(outcome).toEqual({
      kind: 'exit',
      stdout: "Hello from 3f2a1b9c8d7e\nALPHA! BETA!\n1024 3.5 { ok: true, list: [ 1, 2 ] }\nstep 1\nstep 2\nstep 3\n",
      stderr: 'warning: done\n',
      exitCode: 2,
      notes: [],
    });
  });

  it('node -e and node -p evaluate without eval', () => {
    const fs = machine({});
    expect(run(fs, ['node', '-e', 'console.log(1 + 1)'])).toEqual({ kind: 'exit', stdout: '2\n', stderr: '', exitCode: 0, notes: [] });
    expect(run(fs, ['node', '-p', '"ab".repeat(3)'])).toEqual({ kind: 'exit', stdout: 'ababab\n', stderr: '', exitCode: 0, notes: [] });
  });

  it('a syntax error is reported before anything runs, as Node does', () => {
    const outcome = run(machine({ '/app/bad.js': file(`console.log('start');\nconsole.log('oops'\nconst x = 1;\n`) }), ['node', 'bad.js']);
    expect(outcome).toMatchObject({ kind: 'exit', stdout: '', stderr: "/app/bad.js:3\nconst x = 1;\n^^^^^\n\nSyntaxError: missing ) after argument list\n\nNode.js v24.3.0\n", exitCode: 1 });
  });

  it('an ES module importing a missing package fails at link time', () => {
    const outcome = run(machine({ '/app/package.json': file('{"type":"module"}'), '/app/index.js': file(`import express from 'express';\nconsole.log('never');\n`) }), ['node', 'index.js']);
    expect(outcome.kind === 'exit' && outcome.stderr.split('\n').slice(0, 5)).toEqual([
      'node:internal/modules/package_json_reader:268',
      '  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);',
      '        ^',
      '',
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'express' imported from /app/index.js",
    ]);
  });

  it('a missing local file in require() names the relative request', () => {
    const outcome = run(machine({ ...EXPRESS, '/app/server.js': file(`const routes = require('./routes');\n`) }), ['node', 'server.js']);
    expect(outcome.kind === 'exit' && outcome.stderr).toContain("Error: Cannot find module './routes'\nRequire stack:\n- /app/server.js\n");
  });

  it('reads PORT from .env through dotenv', () => {
    const outcome = run(machine({
      ...EXPRESS,
      '/app/node_modules/dotenv/package.json': file('{}'),
      '/app/.env': file('PORT=4000\n'),
      '/app/server.js': file(`require('dotenv').config();\nconst app = require('express')();\napp.get('/', (req, res) => res.json({ port: process.env.PORT }));\napp.listen(process.env.PORT);\n`),
    }), ['node', 'server.js']);
    expect(outcome).toMatchObject({ kind: 'server', port: 4000, body: '{"port":"4000"}' });
  });

  it('a setInterval worker keeps running and repeats its line', () => {
    const outcome = run(machine({ '/app/worker.js': file(`let n = 0;\nconsole.log('worker started');\nsetInterval(() => console.log('tick', ++n), 5000);\n`) }), ['node', 'worker.js']);
    expect(outcome).toEqual({ kind: 'running', logs: ['worker started'], repeat: { lines: ['tick 1'], everyMs: 5000 }, notes: [] });
  });

  it('is honest about what it cannot compute', () => {
    const outcome = run(machine({ ...EXPRESS, '/app/server.js': file(`const app = require('express')();\nconst port = 3000 + Math.floor(Math.random() * 10);\nconsole.log('listening on ' + port);\napp.listen(port);\n`) }), ['node', 'server.js']);
    expect(outcome).toMatchObject({ kind: 'server', port: 0, logs: [] });
    expect(outcome.notes).toEqual([
      'line 3: console.log prints a value the simulator cannot compute, so that line is missing from the output.',
      'the port the server listens on depends on something the simulator cannot compute.',
    ]);
  });

  it('a TypeError at start-up crashes with the line and column', () => {
    const outcome = run(machine({ '/app/index.js': file(`const config = undefined;\nconsole.log(config.port);\n`) }), ['node', 'index.js']);
    expect(outcome).toMatchObject({ kind: 'exit', exitCode: 1, stderr: "/app/index.js:2\nconsole.log(config.port);\n                   ^\n\nTypeError: Cannot read properties of undefined (reading 'port')\n    at Object.<anonymous> (/app/index.js:2:20)\n\nNode.js v24.3.0\n" });
  });
});

const FLASK_APP = `from flask import Flask, jsonify
import os

app = Flask(__name__)

@app.route("/")
def hello():
    return "<h1>Hello from Flask in Docker!</h1>"

@app.route("/health")
def health():
    return jsonify(status="ok")

if __name__ == "__main__":
    print("Starting server...")
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)))
`;

describe('a Python app read by the app runner', () => {
  it('a Flask app on 0.0.0.0 prints the development-server banner and answers on /', () => {
    const outcome = run(machine({ ...FLASK, '/app/app.py': file(FLASK_APP) }), ['python', 'app.py'], PY_ENV);
    expect(outcome).toEqual({
      kind: 'server',
      port: 5000,
      host: '0.0.0.0',
      logs: [
        " * Serving Flask app 'app'",
        ' * Debug mode: off',
        'WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.',
        ' * Running on all addresses (0.0.0.0)',
        ' * Running on http://127.0.0.1:5000',
        ' * Running on http://172.17.0.2:5000',
        'Press CTRL+C to quit',
      ],
      body: '<h1>Hello from Flask in Docker!</h1>',
      contentType: 'text/html; charset=utf-8',
      status: 200,
      routes: [
        { method: 'GET', path: '/', status: 200, body: '<h1>Hello from Flask in Docker!</h1>', contentType: 'text/html; charset=utf-8' },
        { method: 'GET', path: '/health', status: 200, body: '{"status":"ok"}\n', contentType: 'application/json' },
      ],
      notes: ["Python buffers print() output when there is no terminal, so these lines do not reach `docker logs` yet: set PYTHONUNBUFFERED=1, run python -u, or print(..., flush=True)."],
    } satisfies AppOutcome);
  });

  it('with PYTHONUNBUFFERED the print reaches the logs before the banner', () => {
    const outcome = run(machine({ ...FLASK, '/app/app.py': file(FLASK_APP) }), ['python', 'app.py'], { ...PY_ENV, PYTHONUNBUFFERED: '1' });
    expect(outcome.kind === 'server' && outcome.logs.slice(0, 2)).toEqual(['Starting server...', " * Serving Flask app 'app'"]);
    expect(outcome.notes).toEqual([]);
  });

  it('Flask\'s default app.run() binds 127.0.0.1, the classic "works inside, not from the host"', () => {
    const outcome = run(machine({ ...FLASK, '/app/app.py': file(`from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return {'message': 'hi', 'count': 2}\n\napp.run()\n`) }), ['python3', 'app.py'], PY_ENV);
    expect(outcome).toMatchObject({ kind: 'server', port: 5000, host: '127.0.0.1', body: '{"count":2,"message":"hi"}\n', contentType: 'application/json' });
    expect(outcome.kind === 'server' && outcome.logs).toContain(' * Running on http://127.0.0.1:5000');
  });

  it('forgot pip install: ModuleNotFoundError with the traceback Python prints', () => {
    const outcome = run(machine({ '/app/app.py': file(FLASK_APP) }), ['python', 'app.py'], PY_ENV);
    expect(outcome).toEqual({
      kind: 'exit',
      stdout: '',
      stderr: 'Traceback (most recent call last):\n  File "/app/app.py", line 1, in <module>\n    from flask import Flask, jsonify\nModuleNotFoundError: No module named \'flask\'\n',
      exitCode: 1,
      notes: [],
    });
  });

  it('forgot COPY: python cannot open the file (exit 2)', () => {
    expect(run(machine({}), ['python3', 'app.py'], PY_ENV)).toEqual({ kind: 'exit', stdout: '', stderr: "python3: can't open file '/app/app.py': [Errno 2] No such file or directory\n", exitCode: 2, notes: [] });
  });

  it('a FastAPI app under uvicorn answers JSON on /', () => {
    const outcome = run(machine({ ...FLASK, '/app/main.py': file(`from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/")\nasync def read_root():\n    return {"Hello": "World"}\n`) }), ['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000'], PY_ENV);
    expect(outcome).toEqual({
      kind: 'server',
      port: 8000,
      host: '0.0.0.0',
      logs: ['INFO:     Started server process [1]', 'INFO:     Waiting for application startup.', 'INFO:     Application startup complete.', 'INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)'],
      body: '{"Hello":"World"}',
      contentType: 'application/json',
      status: 200,
      routes: [{ method: 'GET', path: '/', status: 200, body: '{"Hello":"World"}', contentType: 'application/json' }],
      notes: [],
    } satisfies AppOutcome);
  });

  it('uvicorn cannot import a module that is not there', () => {
    expect(run(machine({ ...FLASK }), ['uvicorn', 'main:app'], PY_ENV)).toEqual({ kind: 'exit', stdout: '', stderr: 'ERROR:    Error loading ASGI app. Could not import module "main".\n', exitCode: 1, notes: [] });
  });

  it('gunicorn prints its timestamped start-up lines', () => {
    const outcome = run(machine({ ...FLASK, [`${SITE}/gunicorn/__init__.py`]: file(''), '/app/app.py': file(FLASK_APP) }), ['gunicorn', '-b', '0.0.0.0:8000', 'app:app'], PY_ENV);
    expect(outcome).toMatchObject({
      kind: 'server',
      port: 8000,
      logs: ['[2025-06-20 12:00:00 +0000] [1] [INFO] Starting gunicorn 23.0.0', '[2025-06-20 12:00:00 +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)', '[2025-06-20 12:00:00 +0000] [1] [INFO] Using worker: sync', '[2025-06-20 12:00:00 +0000] [7] [INFO] Booting worker with pid: 7'],
    });
  });

  it('flask run finds app.py and uses --host', () => {
    const outcome = run(machine({ ...FLASK, '/app/app.py': file(FLASK_APP) }), ['flask', 'run', '--host=0.0.0.0'], PY_ENV);
    expect(outcome).toMatchObject({ kind: 'server', port: 5000, host: '0.0.0.0', body: '<h1>Hello from Flask in Docker!</h1>' });
    expect(run(machine({ ...FLASK }), ['flask', 'run'], PY_ENV)).toMatchObject({ kind: 'exit', exitCode: 2 });
  });

  it('a script prints f-strings, arithmetic and containers the way Python does', () => {
    const outcome = run(machine({
      '/app/hello.py': file(`import sys\nname = "Docker"\nnums = [n * n for n in range(4)]\nprint(f"Hello, {name}! {len(nums)} squares: {nums}")\nprint("half:", 7 / 2, "floor:", 7 // 2, "pi: {:.2f}".format(3.14159))\nprint({"ok": True, "none": None})\nprint("bye", file=sys.stderr)\n`),
    }), ['python', 'hello.py'], PY_ENV);
    expect(outcome).toEqual({ kind: 'exit', stdout: "Hello, Docker! 4 squares: [0, 1, 4, 9]\nhalf: 3.5 floor: 3 pi: 3.14\n{'ok': True, 'none': None}\n", stderr: 'bye\n', exitCode: 0, notes: [] });
  });

  it('a syntax error is reported the way Python 3.13 words it', () => {
    expect(run(machine({ '/app/bad.py': file('print("hello"\nx = 1\n') }), ['python', 'bad.py'], PY_ENV)).toEqual({
      kind: 'exit',
      stdout: '',
      stderr: '  File "/app/bad.py", line 1\n    print("hello"\n         ^\nSyntaxError: \'(\' was never closed\n',
      exitCode: 1,
      notes: [],
    });
  });

  it('input() without -i hits end-of-file', () => {
    expect(run(machine({ '/app/ask.py': file('name = input("Your name: ")\nprint("Hi", name)\n') }), ['python', 'ask.py'], PY_ENV)).toEqual({
      kind: 'exit',
      stdout: 'Your name: ',
      stderr: 'Traceback (most recent call last):\n  File "/app/ask.py", line 1, in <module>\n    name = input("Your name: ")\nEOFError: EOF when reading a line\n',
      exitCode: 1,
      notes: [],
    });
  });

  it('a worker loop keeps running; without a terminal its prints stay in the buffer', () => {
    const fs = machine({ '/app/worker.py': file('import time\nprint("worker up")\nwhile True:\n    print("tick")\n    time.sleep(5)\n') });
    const buffered = run(fs, ['python', 'worker.py'], PY_ENV);
    expect(buffered).toMatchObject({ kind: 'running', logs: [], repeat: { lines: [], everyMs: 5000 } });
    expect(buffered.notes[0]).toContain('PYTHONUNBUFFERED=1');
    expect(run(fs, ['python', '-u', 'worker.py'], PY_ENV)).toEqual({ kind: 'running', logs: ['worker up', 'tick'], repeat: { lines: ['tick'], everyMs: 5000 }, notes: [] });
  });

  it('python -m http.server lists the directory', () => {
    const outcome = run(machine({ '/app/app.py': file(''), '/app/static/a.css': file('') }), ['python', '-m', 'http.server', '8000'], PY_ENV);
    expect(outcome).toMatchObject({
      kind: 'server',
      port: 8000,
      host: '0.0.0.0',
      body: '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href="app.py">app.py</a></li>\n<li><a href="static/">static/</a></li>\n</ul>\n<hr>\n</body>\n</html>\n',
      contentType: 'text/html; charset=utf-8',
    });
  });

  it('the http.server example from the Python docs serves with a custom handler too', () => {
    const outcome = run(machine({
      '/app/server.py': file(`from http.server import BaseHTTPRequestHandler, HTTPServer\n\nclass Handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200)\n        self.send_header("Content-Type", "text/plain")\n        self.end_headers()\n        self.wfile.write(b"Hello from Python\\n")\n\nHTTPServer(("", 8080), Handler).serve_forever()\n`),
    }), ['python', 'server.py'], PY_ENV);
    expect(outcome).toMatchObject({ kind: 'server', port: 8080, host: '0.0.0.0', body: 'Hello from Python\n', contentType: 'text/plain' });
  });

  it('python --version and -c', () => {
    expect(run(machine({}), ['python', '--version'], PY_ENV)).toEqual({ kind: 'exit', stdout: 'Python 3.13.5\n', stderr: '', exitCode: 0, notes: [] });
    expect(run(machine({}), ['python3', '-c', 'print(6 * 7)'], PY_ENV)).toEqual({ kind: 'exit', stdout: '42\n', stderr: '', exitCode: 0, notes: [] });
  });
});

describe('npm start reaches the app runner through the shell', () => {
  it('CMD ["npm", "start"]: npm prints its banner, the script runs node, node reads the app', async () => {
    const fs = machine({
      ...EXPRESS,
      '/app/package.json': file(JSON.stringify({ name: 'web', version: '1.0.0', scripts: { start: 'node server.js' } })),
      '/app/server.js': file(HELLO_EXPRESS),
      '/usr/bin/npm': { type: 'file', mode: 0o755, content: 'ELF' },
      '/usr/bin/node': { type: 'file', mode: 0o755, content: 'ELF' },
    });
    const ctx = new HostContext({ rng: 1 } as HostState, {} as EnginePorts, NOW);
    const env = { ...NODE_ENV };
    // A stand-in for the engine's node command: what the app runner says, as a terminal shows it.
    const node: CustomCommand = defineCommand('node', async (args, shell) => {
      const outcome = analyzeApp(fs, ['node', ...args], shell.cwd, Object.fromEntries(shell.env), { now: NOW });
      if (outcome.kind === 'exit') return { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.exitCode };
      return { stdout: `${outcome.logs.join('\n')}\n[${outcome.kind === 'server' ? `listening on ${outcome.port}` : 'running'}]\n`, stderr: '', exitCode: 0 };
    });
    const commands: CustomCommand[] = [node];
    const runLine = async (line: string) => {
      const result = await runShell({ fs, line, cwd: '/app', env, flavour: 'dash', commands });
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    };
    commands.push(npmTool({ ctx, fs, container: null, user: 'root' }, runLine));
    const result = await runShell({ fs, line: 'npm start', cwd: '/app', env, flavour: 'dash', commands });
    expect(result.stdout).toBe('\n> web@1.0.0 start\n> node server.js\n\nExample app listening on port 3000\n[listening on 3000]\n');
  });
});
