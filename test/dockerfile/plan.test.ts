import { describe, expect, it } from 'vitest';
import { formatErrorExcerpt, isDockerfileError } from '../../src/engine/dockerfile/errors';
import { parseDockerfile } from '../../src/engine/dockerfile/parse';
import { toInstructions, type DockerfilePlan, type PlanOptions } from '../../src/engine/dockerfile/plan';
import type { Instruction, Stage } from '../../src/engine/dockerfile/types';
import { resolveTestImage } from './golden';

function plan(text: string, opts: PlanOptions = {}): DockerfilePlan {
  const parsed = parseDockerfile(text);
  if (isDockerfileError(parsed)) throw new Error(parsed.message);
  const p = toInstructions(parsed, { resolveImage: resolveTestImage, ...opts });
  if (isDockerfileError(p)) throw new Error(p.message);
  return p;
}

function failure(text: string, opts: PlanOptions = {}): string {
  const parsed = parseDockerfile(text);
  if (isDockerfileError(parsed)) return parsed.message;
  const p = toInstructions(parsed, { resolveImage: resolveTestImage, ...opts });
  if (!isDockerfileError(p)) throw new Error('expected an error');
  return p.message;
}

const steps = (s: Stage) => [s.fromStep?.name, ...s.instructions.map((i) => i.step?.name)].filter(Boolean);
const history = (s: Stage) => s.instructions.flatMap((i) => (i.history ? [i.history.createdBy] : []));
const only = <K extends Instruction['kind']>(s: Stage, kind: K) =>
  s.instructions.filter((i): i is Extract<Instruction, { kind: K }> => i.kind === kind);

const NODE_APP = `FROM node:22-alpine
WORKDIR /app
COPY package.json .
RUN npm install
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
`;

describe('build plan for the course node app', () => {
  it('names the steps as BuildKit prints them', () => {
    const [stage] = plan(NODE_APP).stages;
    expect(steps(stage as Stage)).toEqual([
      '[1/5] FROM docker.io/library/node:22-alpine',
      '[2/5] WORKDIR /app',
      '[3/5] COPY package.json .',
      '[4/5] RUN npm install',
      '[5/5] COPY . .',
    ]);
  });

  it('writes the docker history rows of a BuildKit image', () => {
    const [stage] = plan(NODE_APP).stages;
    expect(history(stage as Stage)).toEqual([
      'WORKDIR /app',
      'COPY package.json . # buildkit',
      'RUN /bin/sh -c npm install # buildkit',
      'COPY . . # buildkit',
      'EXPOSE map[3000/tcp:{}]',
      'CMD ["node" "server.js"]',
    ]);
    expect(stage?.instructions.map((i) => i.history?.emptyLayer)).toEqual([false, false, false, false, true, true]);
  });

  it('gives the image config the instructions set, on top of the base image', () => {
    const [stage] = plan(NODE_APP).stages;
    expect(stage?.config).toEqual({
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NODE_VERSION=22.17.0', 'YARN_VERSION=1.22.22'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['node', 'server.js'],
      WorkingDir: '/app',
      ExposedPorts: { '3000/tcp': {} },
      ArgsEscaped: true,
    });
  });

  it('runs RUN in the working directory with the base image environment', () => {
    const [run] = only(plan(NODE_APP).stages[0] as Stage, 'RUN');
    expect(run?.args).toEqual(['/bin/sh', '-c', 'npm install']);
    expect(run?.workdir).toBe('/app');
    expect(run?.env).toContain('NODE_VERSION=22.17.0');
  });

  it('resolves COPY destinations against WORKDIR and keeps the trailing slash', () => {
    const s = plan('FROM alpine:3.22\nWORKDIR /srv\nCOPY a .\nCOPY b ./lib/\nCOPY c conf\nCOPY d /etc/\n').stages[0] as Stage;
    expect(only(s, 'COPY').map((c) => c.destPath)).toEqual(['/srv/', '/srv/lib/', '/srv/conf', '/etc/']);
  });
});

describe('ARG and ENV scoping', () => {
  const DF = `ARG VERSION=1.0
FROM alpine:3.22
RUN echo "before: $VERSION"
ARG VERSION
RUN echo "after: $VERSION"
ARG OTHER=default
ENV OTHER=from-env
RUN echo $OTHER
`;

  it('makes a global ARG visible in a stage only after it is declared again', () => {
    const runs = only(plan(DF).stages[0] as Stage, 'RUN');
    expect(runs.map((r) => r.step?.text)).toEqual([
      'RUN echo "before: $VERSION"',
      'RUN echo "after: 1.0"',
      'RUN echo from-env',
    ]);
    expect(runs[0]?.env.some((e) => e.startsWith('VERSION='))).toBe(false);
    expect(runs[1]?.env).toContain('VERSION=1.0');
  });

  it('lets --build-arg override global and stage defaults', () => {
    const runs = only(plan(DF, { buildArgs: { VERSION: '2.0', OTHER: 'cli' } }).stages[0] as Stage, 'RUN');
    expect(runs[1]?.step?.text).toBe('RUN echo "after: 2.0"');
    // ENV wins over ARG with the same name.
    expect(runs[2]?.env).toContain('OTHER=from-env');
  });

  it('puts the stage ARGs in front of RUN in docker history', () => {
    const s = plan(DF).stages[0] as Stage;
    expect(history(s)).toContain('RUN |2 VERSION=1.0 OTHER=from-env /bin/sh -c echo $OTHER # buildkit');
  });

  it('predefines the platform ARGs for linux/amd64', () => {
    const s = plan('FROM alpine:3.22\nARG TARGETPLATFORM\nARG TARGETOS\nARG TARGETARCH\nARG BUILDPLATFORM\nRUN echo $TARGETPLATFORM $TARGETOS $TARGETARCH $BUILDPLATFORM\n').stages[0] as Stage;
    expect(only(s, 'RUN')[0]?.step?.text).toBe('RUN echo linux/amd64 linux amd64 linux/amd64');
  });

  it('expands global ARGs in FROM and reports the meta ARG values', () => {
    const p = plan('ARG NODE=22\nARG FLAVOR\nFROM node:${NODE}-alpine${FLAVOR}\n');
    expect(p.stages[0]?.baseImage).toBe('docker.io/library/node:22-alpine');
    expect(p.metaArgs).toEqual([{ key: 'NODE', value: '22' }, { key: 'FLAVOR' }]);
  });

  it('carries ENV and ARG values into a stage built FROM another stage', () => {
    const p = plan('FROM alpine:3.22 AS base\nARG APP=demo\nENV HOME_DIR=/home/$APP\n\nFROM base\nWORKDIR $HOME_DIR\nRUN echo $APP\n');
    const child = p.stages[1] as Stage;
    expect(child.baseKind).toBe('stage');
    expect(child.baseStage).toBe(0);
    expect(child.fromStep).toBeUndefined();
    expect(steps(child)).toEqual(['[stage-1 1/2] WORKDIR /home/demo', '[stage-1 2/2] RUN echo demo']);
  });
});

describe('stages and targets', () => {
  const DF = `FROM golang:1.24 AS build
RUN go build -o /out/app .

FROM alpine:3.22 AS debug
RUN apk add --no-cache strace

FROM alpine:3.22
COPY --from=build /out/app /app
CMD ["/app"]
`;

  it('plans only the stages the final image needs, as BuildKit skips the others', () => {
    const p = plan(DF);
    expect(p.stages.map((s) => [s.name, s.reachable, s.dispatched, s.isTarget])).toEqual([
      ['build', true, true, false],
      ['debug', false, false, false],
      ['', true, true, true],
    ]);
    expect(p.target).toBe(2);
  });

  it('builds up to --target and nothing after it', () => {
    const p = plan(DF, { target: 'debug' });
    expect(p.stages.map((s) => s.dispatched)).toEqual([false, true, false]);
    expect(p.target).toBe(1);
  });

  it('plans every stage for docker build --check', () => {
    expect(plan(DF, { allStages: true }).stages.every((s) => s.dispatched)).toBe(true);
  });

  it('names steps with the stage name, or stage-N for unnamed stages', () => {
    const p = plan(DF);
    expect(steps(p.stages[0] as Stage)).toEqual(['[build 1/2] FROM docker.io/library/golang:1.24', '[build 2/2] RUN go build -o /out/app .']);
    expect(steps(p.stages[2] as Stage)).toEqual(['[stage-2 1/2] FROM docker.io/library/alpine:3.22', '[stage-2 2/2] COPY --from=build /out/app /app']);
  });

  it('pads the step index to the width of the total', () => {
    const s = plan('FROM alpine:3.22\n' + 'RUN echo\n'.repeat(11)).stages[0] as Stage;
    expect(steps(s).slice(0, 2)).toEqual(['[ 1/12] FROM docker.io/library/alpine:3.22', '[ 2/12] RUN echo']);
  });

  it('resolves COPY --from to a stage by name or index, or to an image', () => {
    const s = plan('FROM alpine:3.22 AS a\nFROM alpine:3.22\nCOPY --from=A /x /x\nCOPY --from=0 /y /y\nCOPY --from=nginx:alpine /etc/nginx /n\n').stages[1] as Stage;
    expect(only(s, 'COPY').map((c) => c.from)).toEqual([
      { kind: 'stage', stage: 0, name: 'a' },
      { kind: 'stage', stage: 0, name: 'a' },
      { kind: 'image', ref: 'nginx:alpine', image: 'docker.io/library/nginx:alpine' },
    ]);
  });

  it('shows the stage name even in a one-stage build that uses RUN --mount, as BuildKit does', () => {
    const s = plan('FROM alpine:3.22\nRUN --mount=type=cache,target=/root/.cache echo\n').stages[0] as Stage;
    expect(s.stepName).toBe('stage-0');
    expect(steps(s)[1]).toBe('[stage-0 2/2] RUN --mount=type=cache,target=/root/.cache echo');
    expect(only(s, 'RUN')[0]?.mounts[0]).toMatchObject({ type: 'cache', target: '/root/.cache', readOnly: false });
  });

  it('refuses an unknown --target, suggesting a close stage name', () => {
    expect(failure(DF, { target: 'bild' })).toBe('target stage "bild" could not be found (did you mean build?)');
  });
});

describe('CMD, ENTRYPOINT and ONBUILD', () => {
  it('resets the inherited CMD when ENTRYPOINT is set without a CMD in the stage', () => {
    const s = plan('FROM node:22-alpine\nENTRYPOINT ["node"]\n').stages[0] as Stage;
    expect(s.config.Cmd).toBeNull();
    expect(only(s, 'ENTRYPOINT')[0]?.resetsCmd).toBe(true);
  });

  it('keeps a CMD set earlier in the stage when ENTRYPOINT comes later', () => {
    const s = plan('FROM node:22-alpine\nCMD ["app.js"]\nENTRYPOINT ["node"]\n').stages[0] as Stage;
    expect(s.config.Cmd).toEqual(['app.js']);
  });

  it('wraps the shell form in /bin/sh -c, or in the SHELL set before', () => {
    const s = plan('FROM alpine:3.22\nCMD node server.js\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT exec app\n').stages[0] as Stage;
    expect(s.config.Cmd).toEqual(['/bin/sh', '-c', 'node server.js']);
    expect(s.config.Entrypoint).toEqual(['/bin/bash', '-c', 'exec app']);
  });

  it('runs the base image ONBUILD triggers first, named ONBUILD in the steps', () => {
    const p = plan('FROM onbuild-base\nRUN echo mine\n', {
      resolveImage: () => ({ config: { OnBuild: ['COPY . /app', 'RUN npm install'] } }),
    });
    const s = p.stages[0] as Stage;
    // BuildKit names the FROM step before the triggers raise the stage's total.
    expect(steps(s)).toEqual([
      '[1/2] FROM docker.io/library/onbuild-base:latest',
      '[2/4] ONBUILD COPY . /app',
      '[3/4] ONBUILD RUN npm install',
      '[4/4] RUN echo mine',
    ]);
    expect(s.instructions.map((i) => [i.onBuild, i.startLine])).toEqual([[true, 1], [true, 1], [false, 2]]);
    expect(s.config.OnBuild).toBeUndefined();
  });

  it('stores ONBUILD triggers in the image without running them', () => {
    const s = plan('FROM alpine:3.22\nONBUILD RUN make\n').stages[0] as Stage;
    expect(s.config.OnBuild).toEqual(['RUN make']);
    expect(s.instructions[0]?.history).toBeUndefined();
  });
});

describe('heredocs in the plan', () => {
  it('runs a single RUN heredoc body as the shell script and names the step after its first line', () => {
    const s = plan('FROM alpine:3.22\nRUN <<EOF\napk add curl\necho done\nEOF\n').stages[0] as Stage;
    const [run] = only(s, 'RUN');
    expect(run?.args).toEqual(['/bin/sh', '-c', 'apk add curl\necho done\n']);
    expect(run?.step?.text).toBe('RUN <<EOF (apk add curl...)');
  });

  it('mounts a heredoc with a shebang as a script file', () => {
    const [run] = only(plan('FROM python:3.13-slim\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n').stages[0] as Stage, 'RUN');
    expect(run?.script).toEqual({ path: '/dev/pipes/EOF', content: '#!/usr/bin/env python3\nprint(1)\n' });
    expect(run?.args).toEqual(['/bin/sh', '-c', '/dev/pipes/EOF']);
  });

  it('expands variables in a COPY heredoc unless the delimiter is quoted', () => {
    const s = plan("FROM alpine:3.22\nENV WHO=world\nCOPY <<EOF <<'RAW' /out/\nhi $WHO\nEOF\nhi $WHO\nRAW\n").stages[0] as Stage;
    expect(only(s, 'COPY')[0]?.contents).toEqual([
      { path: 'EOF', data: 'hi world\n' },
      { path: 'RAW', data: 'hi $WHO\n' },
    ]);
  });
});

describe('source excerpts', () => {
  it('quotes two lines around a single-line error, with >>> on the line', () => {
    expect(formatErrorExcerpt('FROM alpine\nFOO bar\n', 2)).toBe(
      'Dockerfile:2\n--------------------\n   1 |     FROM alpine\n   2 | >>> FOO bar\n   3 |     \n--------------------\n',
    );
  });

  it('marks every line of a multi-line instruction and adds one line of context', () => {
    const text = 'FROM a\nRUN b\nRUN c \\\n  d\nRUN e\nRUN f\n';
    expect(formatErrorExcerpt(text, 3, 4)).toBe(
      'Dockerfile:3\n--------------------\n   2 |     RUN b\n   3 | >>> RUN c \\\n   4 | >>>   d\n   5 |     RUN e\n--------------------\n',
    );
  });

  it('prints nothing for a location outside the file', () => {
    expect(formatErrorExcerpt('FROM a\n', 0)).toBe('');
  });
});

describe('speed', () => {
  const THIRTY = `# syntax=docker/dockerfile:1
ARG NODE_VERSION=22
FROM node:\${NODE_VERSION}-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:\${NODE_VERSION}-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:\${NODE_VERSION}-alpine
ENV NODE_ENV=production
LABEL org.opencontainers.image.title="api" \\
      org.opencontainers.image.version="1.0"
WORKDIR /app
RUN addgroup -S app && adduser -S app -G app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json .
USER app
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:3000/health || exit 1
VOLUME /app/data
STOPSIGNAL SIGTERM
CMD ["node", "dist/server.js"]
`;

  it('parses and plans a 30-line multi-stage Dockerfile (timings are in npm run bench)', () => {
    expect(THIRTY.split('\n').length).toBeGreaterThanOrEqual(30);
    expect(isDockerfileError(toInstructions(parseDockerfile(THIRTY) as never))).toBe(false);
  });
});
