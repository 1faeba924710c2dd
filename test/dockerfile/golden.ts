// Helpers for the Dockerfile golden tests: reading case directories, rewriting goldens with
// UPDATE_GOLDEN=1 (then review the diff by hand), and a readable dump of a build plan.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DockerfilePlan } from '../../src/engine/dockerfile/plan';
import type { BaseImageInfo } from '../../src/engine/dockerfile/types';

export const UPDATE = process.env.UPDATE_GOLDEN === '1';

export function caseDirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function readCase(dir: string, name: string, file: string): string | undefined {
  const p = join(dir, name, file);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

/** Compares with the golden file, or writes it when UPDATE_GOLDEN=1. */
export function golden(dir: string, name: string, file: string, actual: string): string {
  const p = join(dir, name, file);
  if (UPDATE) writeFileSync(p, actual);
  return existsSync(p) ? readFileSync(p, 'utf8') : '';
}

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A few base image configs (trimmed from the official images) so expansions see real Env. */
export const TEST_IMAGES: Record<string, BaseImageInfo> = {
  'docker.io/library/node:22-alpine': {
    config: {
      Env: [PATH, 'NODE_VERSION=22.17.0', 'YARN_VERSION=1.22.22'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['node'],
    },
  },
  'docker.io/library/node:22': {
    config: { Env: [PATH, 'NODE_VERSION=22.17.0', 'YARN_VERSION=1.22.22'], Entrypoint: ['docker-entrypoint.sh'], Cmd: ['node'] },
  },
  'docker.io/library/python:3.13-slim': {
    config: { Env: [PATH, 'LANG=C.UTF-8', 'PYTHON_VERSION=3.13.5'], Cmd: ['python3'] },
  },
  'docker.io/library/golang:1.24': {
    config: {
      Env: ['PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOLANG_VERSION=1.24.4', 'GOPATH=/go'],
      WorkingDir: '/go',
    },
  },
  'docker.io/library/nginx:alpine': {
    config: { Env: [PATH, 'NGINX_VERSION=1.29.0'], Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], ExposedPorts: { '80/tcp': {} }, StopSignal: 'SIGQUIT' },
  },
  'docker.io/library/postgres:17': {
    config: { Env: [PATH, 'PG_MAJOR=17', 'PGDATA=/var/lib/postgresql/data'], Entrypoint: ['docker-entrypoint.sh'], Cmd: ['postgres'] },
  },
  'docker.io/library/alpine:3.22': { config: { Env: [PATH], Cmd: ['/bin/sh'] } },
};

export function resolveTestImage(image: string): BaseImageInfo | undefined {
  return TEST_IMAGES[image];
}

/**
 * One line per stage and per instruction: lines, step name, history row; then the stage's
 * final image config. Only stages the planner expanded are detailed.
 */
export function dumpPlan(plan: DockerfilePlan): string {
  let out = '';
  for (const s of plan.stages) {
    const flags = [s.isTarget ? 'target' : '', s.reachable ? 'reachable' : 'unreached', s.dispatched ? '' : 'not-planned']
      .filter(Boolean)
      .join(' ');
    out += `stage ${s.index}${s.name ? ` ${s.name}` : ''} (${flags}) base=${s.base}`;
    if (s.baseImage) out += ` image=${s.baseImage}`;
    if (s.baseStage !== undefined) out += ` stage=${s.baseStage}`;
    if (s.platform) out += ` platform=${s.platform}`;
    out += '\n';
    if (s.fromStep) out += `  L${s.startLine} FROM  ${s.fromStep.name}\n`;
    for (const i of s.instructions) {
      const lines = i.startLine === i.endLine ? `L${i.startLine}` : `L${i.startLine}-${i.endLine}`;
      out += `  ${lines} ${i.kind}${i.onBuild ? ' (onbuild)' : ''}`;
      if (i.step) out += `  ${i.step.name}`;
      out += '\n';
      if (i.history) out += `      history: ${JSON.stringify(i.history.createdBy)}${i.history.emptyLayer ? '' : ' (layer)'}\n`;
    }
    if (s.dispatched) out += `  config: ${JSON.stringify(s.config)}\n`;
  }
  return out;
}
