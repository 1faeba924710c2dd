import { describe, expect, it } from 'vitest';
import containers from '../fixtures/docker-cli/containers.json' with { type: 'json' };
import global from '../fixtures/docker-cli/global.json' with { type: 'json' };
import images from '../fixtures/docker-cli/images.json' with { type: 'json' };
import linux from '../fixtures/docker-cli/linux.json' with { type: 'json' };
import run from '../fixtures/docker-cli/run.json' with { type: 'json' };
import system from '../fixtures/docker-cli/system.json' with { type: 'json' };
import volumes from '../fixtures/docker-cli/volumes.json' with { type: 'json' };
import {
  argumentCountError,
  commandSpec,
  type DockerCliResult,
  helpText,
  type ParsedDockerCommand,
  parseDockerArgs,
  parseNormalizedNamed,
} from '../../src/engine/cli/parse-args';

interface Golden {
  line: string;
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
  parsesFine: boolean;
  daemon: 'none' | 'linux';
  postParse?: boolean;
}

const FILES: Record<string, Golden[]> = {
  global: global as Golden[],
  run: run as Golden[],
  containers: containers as Golden[],
  images: images as Golden[],
  volumes: volumes as Golden[],
  system: system as Golden[],
  linux: linux as Golden[],
};

function parsed(argv: string[], daemon: 'none' | 'linux' = 'none'): ParsedDockerCommand {
  const r = parseDockerArgs(argv, { daemon });
  if (!r.ok) throw new Error(`expected a parse, got exit ${r.exitCode}: ${r.stderr}`);
  return r;
}

function line(l: string): string[] {
  return l.split(' ').filter((w) => w !== '');
}

describe('golden lines recorded from the real docker 28.2.2 client', () => {
  for (const [file, cases] of Object.entries(FILES)) {
    describe(file, () => {
      for (const g of cases) {
        it(g.line, () => {
          const r: DockerCliResult = parseDockerArgs(g.argv, { daemon: g.daemon });
          if (g.parsesFine || g.postParse) {
            // The client went on to do the command: what it printed before that must match.
            expect(r.ok, r.ok ? '' : r.stderr).toBe(true);
            if (!r.ok) return;
            expect(g.stdout.startsWith(r.stdout)).toBe(true);
            expect(g.stderr.startsWith(r.stderr)).toBe(true);
            if (g.parsesFine) {
              const rest = g.stderr.slice(r.stderr.length);
              expect(rest).toMatch(/Cannot connect to the Docker daemon|page not found/);
            }
          } else {
            expect({ stdout: r.ok ? '(parsed)' : r.stdout, stderr: r.ok ? '' : r.stderr, exitCode: r.ok ? -1 : r.exitCode }).toEqual({
              stdout: g.stdout,
              stderr: g.stderr,
              exitCode: g.exitCode,
            });
          }
        });
      }
    });
  }
});

describe('what the parsed command holds', () => {
  it('runs nginx detached with a name and a published port', () => {
    const r = parsed(line('run -dit --name web -p 8080:80 nginx'));
    expect(r.path).toEqual(['container', 'run']);
    expect(r.typedPath).toEqual(['run']);
    expect(r.flags).toEqual({ detach: true, interactive: true, tty: true, name: 'web', publish: ['8080:80'] });
    expect(r.args).toEqual(['nginx']);
  });

  it('gives everything after the image to the container command', () => {
    expect(parsed(line('run alpine --rm')).args).toEqual(['alpine', '--rm']);
    expect(parsed(line('run -m 512m alpine ls -la')).args).toEqual(['alpine', 'ls', '-la']);
    expect(parsed(line('exec -it web sh -c ls')).args).toEqual(['web', 'sh', '-c', 'ls']);
  });

  it('takes attached values, = values and repeated list flags', () => {
    expect(parsed(line('run -p8080:80 -p=443:443 -e A=1 -e B=2 nginx')).flags).toEqual({
      publish: ['8080:80', '443:443'],
      env: ['A=1', 'B=2'],
    });
    expect(parsed(line('run --name=web --rm=false -d=false nginx')).flags).toEqual({ name: 'web', rm: false, detach: false });
  });

  it('reads sizes with binary units, decimals and durations', () => {
    const r = parsed(line('run -m 512m --memory-swap -1 --cpus 1.5 --health-interval 1m30s alpine'));
    expect(r.flags.memory).toBe(536870912);
    expect(r.flags['memory-swap']).toBe(-1);
    expect(r.flags.cpus).toBe(1.5);
    expect(r.flags['health-interval']).toBe(90e9);
  });

  it('maps shortcuts and aliases to the management command', () => {
    expect(parsed(line('ps -aq')).path).toEqual(['container', 'ls']);
    expect(parsed(line('container list')).path).toEqual(['container', 'ls']);
    expect(parsed(line('container list')).typedPath).toEqual(['container', 'list']);
    expect(parsed(line('rmi -f a b')).path).toEqual(['image', 'rm']);
    expect(parsed(line('images -a --digests')).path).toEqual(['image', 'ls']);
    expect(parsed(line('image list')).path).toEqual(['image', 'ls']);
    expect(parsed(line('volume list')).path).toEqual(['volume', 'ls']);
    expect(parsed(line('ps')).commandPath).toEqual(['ps']);
  });

  it('reads stop -t as a number of seconds and folds the deprecated --time into it', () => {
    expect(parsed(line('stop -t 5 web')).flags).toEqual({ timeout: 5 });
    const old = parsed(line('stop --time 5 web'));
    expect(old.flags).toEqual({ timeout: 5 });
    expect(old.stdout).toBe('Flag --time has been deprecated, use --timeout instead\n');
  });

  it('keeps global flags apart from the command flags', () => {
    const r = parsed(line('-D -H tcp://10.0.0.1:2375 ps -a'));
    expect(r.global).toEqual({ debug: true, host: ['tcp://10.0.0.1:2375'] });
    expect(r.flags).toEqual({ all: true });
  });

  it('lets a value flag swallow the next word even when it looks like an image', () => {
    const r = parseDockerArgs(line('run -e alpine'), { daemon: 'none' });
    expect(r.ok).toBe(false);
    expect(r.ok ? 0 : r.exitCode).toBe(1);
  });

  it('counts the arguments before --', () => {
    const r = parsed(line('run -- alpine ls'));
    expect(r.args).toEqual(['alpine', 'ls']);
    expect(r.argsLenAtDash).toBe(0);
  });

  it('normalises filters the way the client sends them', () => {
    expect(parsed(line('ps -f Status=exited --filter name=web')).flags.filter).toEqual(['status=exited', 'name=web']);
  });
});

describe('help texts and specs for the sub-command authors', () => {
  it('hides the Windows-only flags of docker run on a Linux host', () => {
    expect(helpText(['run'], { daemon: 'none' })).toContain('--cpu-count');
    expect(helpText(['run'])).not.toContain('--cpu-count');
    expect(helpText(['run'])).toContain('  -d, --detach ');
  });

  it('knows every command path by any of its names', () => {
    expect(commandSpec(['container', 'list'])?.commandPath).toBe('docker container ls');
    expect(commandSpec(['ps'])?.usageLine).toBe('docker ps [OPTIONS]');
    expect(commandSpec(['nope'])).toBeUndefined();
  });

  it('prints argument-count errors with the real SRun typo for max rules', () => {
    expect(argumentCountError(['volume', 'create'], 2)).toBe(
      "docker: 'docker volume create' requires at most 1 argument\n\nUsage:  docker volume create [OPTIONS] [VOLUME]\n\nSRun 'docker volume create --help' for more information",
    );
    expect(argumentCountError(['volume', 'create'], 1)).toBeUndefined();
  });

  it('normalises image names and refuses the ones docker pull refuses', () => {
    const ok = parseNormalizedNamed('nginx:1.27');
    expect(ok.ok && ok.ref).toEqual({
      domain: 'docker.io',
      path: 'library/nginx',
      name: 'docker.io/library/nginx',
      familiarName: 'nginx',
      tag: '1.27',
    });
    const local = parseNormalizedNamed('localhost:5000/team/app');
    expect(local.ok && local.ref.familiarName).toBe('localhost:5000/team/app');
    // Same words as `docker pull Nginx` and `docker pull nginx:Bad^tag` (see images.json).
    expect(parseNormalizedNamed('Nginx')).toEqual({
      ok: false,
      error: 'invalid reference format: repository name (library/Nginx) must be lowercase',
    });
    expect(parseNormalizedNamed('nginx:Bad^tag')).toEqual({ ok: false, error: 'invalid reference format' });
  });
});
