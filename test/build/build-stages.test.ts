// Multi-stage builds: only the target stage becomes the image, BuildKit skips the stages the
// target does not need, and COPY --from takes files from a stage or an image.
import { describe, expect, it } from 'vitest';
import { newHost, run, writeProject } from './support';

const GO_APP = {
  Dockerfile:
    'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/greeter .\n\nFROM alpine:3.22\nCOPY --from=build /out/greeter /usr/local/bin/greeter\nCMD ["greeter"]\n',
  'go.mod': 'module example.com/greeter\n\ngo 1.24\n',
  'main.go': 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi from go")\n}\n',
};

describe('multi-stage builds', () => {
  it('keeps the compiler out of the final image, which is much smaller than the build stage', async () => {
    const host = newHost();
    writeProject(host, 'go', GO_APP);
    const r = await run(host, 'docker build -t greeter go');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(' => [build 1/6] FROM docker.io/library/golang:1.24@sha256:');
    expect(r.stderr).toContain(' => [stage-1 1/2] FROM docker.io/library/alpine:3.22@sha256:');
    expect(r.stderr).toContain(' => [build 6/6] RUN CGO_ENABLED=0 go build -o /out/greeter .');
    expect(r.stderr).toContain(' => [stage-1 2/2] COPY --from=build /out/greeter /usr/local/bin/greeter');
    await run(host, 'docker build --target build -t greeter:build go');
    const images = (await run(host, 'docker images --format "{{.Tag}} {{.Size}}"')).stdout;
    expect(images).toBe('latest 10.5MB\nbuild 692MB\n');
    const event = r.events.find((e) => e.kind === 'build.multi-stage');
    expect(event?.data).toMatchObject({ stages: 2, target: 'stage-1', other: 'build', smaller: true });
    expect((await run(host, 'docker run --rm greeter')).stdout).toBe('hi from go\n');
  });

  it('builds only the stages the --target needs and says which it skipped', async () => {
    const host = newHost();
    writeProject(host, 'app', {
      Dockerfile: 'FROM alpine:3.22 AS base\nRUN echo base > /base\n\nFROM base AS test\nRUN exit 3\n\nFROM base AS prod\nCOPY --from=base /base /copied\n',
    });
    const prod = await run(host, 'docker build -t app app');
    expect(prod.exitCode).toBe(0);
    expect(prod.stderr).not.toContain('[test');
    expect(prod.events.find((e) => e.kind === 'build.stage-skipped')?.data).toEqual({ stage: 'test', target: 'prod' });
    const test = await run(host, 'docker build --target test app');
    expect(test.exitCode).toBe(1);
    expect(test.stderr).toContain(' => CACHED [base 2/2] RUN echo base > /base');
    expect(test.stderr).toContain(' => ERROR [test 1/1] RUN exit 3');
  });

  it('refuses a --target that no stage has', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22 AS base\nRUN true\n' });
    const r = await run(host, 'docker build --target nope app');
    expect(r.stderr.endsWith('ERROR: failed to solve: target stage "nope" could not be found\n')).toBe(true);
    expect(r.exitCode).toBe(1);
  });

  it('copies from a stage by index and from an image by name', async () => {
    const host = newHost();
    writeProject(host, 'app', {
      Dockerfile: 'FROM alpine:3.22\nRUN echo first > /first.txt\n\nFROM alpine:3.22\nCOPY --from=0 /first.txt /from-stage.txt\nCOPY --from=nginx:alpine /etc/nginx/nginx.conf /nginx.conf\n',
    });
    const r = await run(host, 'docker build -t app app');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(' => [internal] load metadata for docker.io/library/nginx:alpine');
    expect(r.stderr).toContain(' => FROM docker.io/library/nginx:alpine@sha256:');
    const cat = await run(host, 'docker run --rm app cat /from-stage.txt');
    expect(cat.stdout).toBe('first\n');
    expect((await run(host, 'docker run --rm app head -1 /nginx.conf')).exitCode).toBe(0);
    expect((await run(host, 'docker images --format "{{.Repository}}"')).stdout).toBe('app\n');
  });

  it('keeps COPY --from cached when the files it takes did not change', async () => {
    const host = newHost();
    writeProject(host, 'go', { ...GO_APP, 'README.md': 'v1\n' });
    await run(host, 'docker build -t greeter go');
    writeProject(host, 'go', { 'README.md': 'v2\n' });
    const r = await run(host, 'docker build -t greeter go');
    expect(r.stderr).toContain(' => [build 5/6] COPY . .');
    expect(r.stderr).toContain(' => [build 6/6] RUN CGO_ENABLED=0 go build -o /out/greeter .');
    expect(r.stderr).toContain(' => CACHED [stage-1 2/2] COPY --from=build /out/greeter /usr/local/bin/gr  0.0s');
  });

  it('uses a local image for FROM when the tag exists locally, even after an identical build', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nRUN cat /etc/os-release | head -1\n' });
    expect((await run(host, 'docker build -t app app')).stderr).toContain(' => [1/2] FROM docker.io/library/alpine:3.22@sha256:');
    await run(host, 'docker pull busybox:1.37 && docker tag busybox:1.37 alpine:3.22');
    const r = await run(host, 'docker build --progress=plain -t app app');
    expect(r.stderr).toContain('#4 [1/2] FROM docker.io/library/alpine:3.22\n#4 DONE 0.0s\n');
    expect(r.stderr).not.toContain('CACHED');
  });
});
