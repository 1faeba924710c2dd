// Compiled programs and interpreter scripts in an image reach this dispatcher: when the shell
// runs one, the filesystem hands it a one-line launcher (fs/machine-fs.ts) that calls
// `.baleia-exec <path> <args>`. It runs the programs Baleia simulates and says plainly when one
// is not simulated, instead of pretending.
import { defineCommand, type Command } from 'just-bash';
import { basename } from '../../fs/paths';

const VERSIONS: Record<string, string> = {
  npm: '11.4.2',
  'redis-server': 'Redis server v=8.0.2 sha=00000000:1 malloc=jemalloc-5.3.0 bits=64 build=ba5b9b1ab1c3cd53',
  'redis-cli': 'redis-cli 8.0.2',
  postgres: 'postgres (PostgreSQL) 17.5 (Debian 17.5-1.pgdg120+1)',
  psql: 'psql (PostgreSQL) 17.5 (Debian 17.5-1.pgdg120+1)',
  go: 'go version go1.24.4 linux/amd64',
  mysqld: '/usr/sbin/mysqld  Ver 9.3.0 for Linux on x86_64 (MySQL Community Server - GPL)',
  mongod: 'db version v8.0.11',
  git: 'git version 2.39.5',
};

/** Maps a program path to a simulated program; python3.13 and friends share one entry. */
function programKey(path: string): string {
  const name = basename(path);
  if (/^python(3(\.\d+)?)?$/.test(name)) return 'python3';
  if (/^pip(3(\.\d+)?)?$/.test(name)) return 'pip';
  if (name === 'nodejs') return 'node';
  return name;
}

/**
 * `.baleia-exec`: dispatches to `programs` by the program's name. A program that is not in the
 * map answers `--version` when known, and otherwise says it is not simulated (exit 126).
 */
export function binaryDispatcher(programs: Record<string, Command>): Command {
  return defineCommand('.baleia-exec', async (args, ctx) => {
    const [path = '', ...rest] = args;
    const program = programs[programKey(path)] ?? programs[basename(path)];
    if (program) return program.execute(rest, ctx);
    const name = basename(path);
    const version = VERSIONS[name];
    if (version && rest.some((arg) => arg === '--version' || arg === '-v' || arg === '-V' || arg === 'version')) return { stdout: `${version}\n`, stderr: '', exitCode: 0 };
    return { stdout: '', stderr: `baleia: ${name} is in this image, but Baleia does not simulate running it here.\n`, exitCode: 126 };
  });
}

/** `nginx -v` prints on stderr; `nginx -t` checks the configuration. */
export function nginxCommand(): Command {
  return defineCommand('nginx', async (args) => {
    if (args.includes('-v') || args.includes('-V')) return { stdout: '', stderr: 'nginx version: nginx/1.29.0\n', exitCode: 0 };
    if (args.includes('-t')) {
      return { stdout: '', stderr: 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n', exitCode: 0 };
    }
    return { stdout: '', stderr: 'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n', exitCode: 1 };
  });
}
