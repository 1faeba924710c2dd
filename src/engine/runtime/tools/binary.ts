// Compiled programs in an image are stand-ins (see registry/catalog.ts BINARY_STAND_IN) that call
// this dispatcher with their own path. It runs the programs Baleia simulates and says plainly
// when one is not simulated, instead of pretending.
import { basename } from '../../fs/paths';
import { fail, ok, tool, type ToolContext, type ToolResult } from './tool-context';

export type BinaryRun = (args: string[], env: Map<string, string>, cwd: string, stdin: string) => Promise<ToolResult> | ToolResult;

/** Programs a binary path may name; `extra` adds the ones other tools provide (node, python3...). */
export function binaryDispatcher(tc: ToolContext, programs: Record<string, BinaryRun>) {
  return tool('.baleia-exec', (args, env, cwd, stdin) => {
    const [path = '', ...rest] = args;
    const name = basename(path);
    const run = programs[name];
    if (run) return run(rest, env, cwd, stdin);
    const version = VERSIONS[name];
    if (version && rest.some((arg) => arg === '--version' || arg === '-v' || arg === '-V' || arg === 'version')) return ok(`${version}\n`);
    void tc;
    return fail(`baleia: ${name} is in this image, but Baleia does not simulate running it here.\n`, 126);
  });
}

const VERSIONS: Record<string, string> = {
  node: 'v24.3.0',
  npm: '11.4.2',
  python3: 'Python 3.13.5',
  python: 'Python 3.13.5',
  pip: 'pip 25.1.1 from /usr/local/lib/python3.13/site-packages/pip (python 3.13)',
  'redis-server': 'Redis server v=8.0.2 sha=00000000:1 malloc=jemalloc-5.3.0 bits=64 build=ba5b9b1ab1c3cd53',
  'redis-cli': 'redis-cli 8.0.2',
  postgres: 'postgres (PostgreSQL) 17.5 (Debian 17.5-1.pgdg120+1)',
  psql: 'psql (PostgreSQL) 17.5 (Debian 17.5-1.pgdg120+1)',
  go: 'go version go1.24.4 linux/amd64',
  mysqld: '/usr/sbin/mysqld  Ver 9.3.0 for Linux on x86_64 (MySQL Community Server - GPL)',
  mongod: 'db version v8.0.11',
  git: 'git version 2.39.5',
};

/** `nginx -v` prints on stderr; `nginx -t` checks the configuration. */
export function nginxProgram(): BinaryRun {
  return (args) => {
    if (args.includes('-v') || args.includes('-V')) return { stdout: '', stderr: 'nginx version: nginx/1.29.0\n', exitCode: 0 };
    if (args.includes('-t')) {
      return { stdout: '', stderr: 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n', exitCode: 0 };
    }
    return fail('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n', 1);
  };
}
