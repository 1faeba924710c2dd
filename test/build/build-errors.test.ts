// Builds that fail: BuildKit's error blocks and messages, and hostile Dockerfiles that must end
// in a clear error quickly, without crashing or changing the host.
import { describe, expect, it } from 'vitest';
import { newHost, run, snapshot, writeProject } from './support';

const FAILED_RUN = `[+] Building 2.2s (7/7) FINISHED                                 docker:default
 => [internal] load build definition from Dockerfile                       0.0s
 => => transferring dockerfile: 123B                                       0.0s
 => [internal] load metadata for docker.io/library/alpine:3.22             1.3s
 => [auth] library/alpine:pull token for registry-1.docker.io              0.0s
 => [internal] load .dockerignore                                          0.0s
 => => transferring context: 2B                                            0.0s
 => [1/3] FROM docker.io/library/alpine:3.22@sha256:718acc95a725574b564d5  0.3s
 => => resolve docker.io/library/alpine:3.22@sha256:718acc95a725574b564d5  0.0s
 => => sha256:ae36502934949958e0daf27432f4445f4a0502d5691543d 527B / 527B  0.0s
 => => sha256:aa1c0df2fb03cdbf197905c1b860ff73acdad1f6da8bc0f 600B / 600B  0.0s
 => => sha256:ba84740b614e5dc2409e0b875d14a42436f83ec9e0e 3.80MB / 3.80MB  0.2s
 => => extracting sha256:ba84740b614e5dc2409e0b875d14a42436f83ec9e0eb58f8  0.1s
 => [2/3] WORKDIR /app                                                     0.1s
 => ERROR [3/3] RUN echo "building" && cat nope.txt                        0.3s
------
 > [3/3] RUN echo "building" && cat nope.txt:
0.096 building
0.193 cat: nope.txt: No such file or directory
------
Dockerfile:3
--------------------
   1 |     FROM alpine:3.22
   2 |     WORKDIR /app
   3 | >>> RUN echo "building" && cat nope.txt
   4 |     CMD ["sh"]
   5 |     
--------------------
ERROR: failed to solve: process "/bin/sh -c echo \\"building\\" && cat nope.txt" did not complete successfully: exit code: 1
`;

describe('builds that fail', () => {
  it('stops at a RUN that exits non-zero, with its log, the Dockerfile excerpt and exit 1', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nWORKDIR /app\nRUN echo "building" && cat nope.txt\nCMD ["sh"]\n' });
    const r = await run(host, 'docker build -t app app');
    expect(r.stderr).toBe(FAILED_RUN);
    expect(r.exitCode).toBe(1);
    expect(host.state.images).toEqual({});
    expect(r.events.find((e) => e.kind === 'build.failed')?.data).toMatchObject({ step: 'RUN echo "building" && cat nope.txt', exitCode: 1 });
  });

  it('keeps the steps that finished before the failure in the cache', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nWORKDIR /app\nRUN exit 2\n' });
    await run(host, 'docker build app');
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nWORKDIR /app\nRUN exit 0\n' });
    const r = await run(host, 'docker build app');
    expect(r.stderr).toContain(' => CACHED [2/3] WORKDIR /app');
    expect(r.exitCode).toBe(0);
  });

  it('shows BuildKit\'s checksum error for a COPY of a file the context does not have', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nCOPY app.py /app/\n' });
    const r = await run(host, 'docker build app');
    expect(r.stderr).toContain(' => ERROR [2/2] COPY app.py /app/                                          0.0s\n------\n > [2/2] COPY app.py /app/:\n------\nDockerfile:2\n');
    expect(r.stderr).toMatch(/\nERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}::[0-9a-z]{25}: "\/app\.py": not found\n$/);
    expect(r.exitCode).toBe(1);
  });

  it('fails on a base image the registry does not have, quoting the FROM line', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM nosuchimage\nRUN true\n' });
    const r = await run(host, 'docker build app');
    expect(r.stderr).toContain(' => ERROR [internal] load metadata for docker.io/library/nosuchimage:late  ');
    expect(r.stderr.endsWith(`------
 > [internal] load metadata for docker.io/library/nosuchimage:latest:
------
Dockerfile:1
--------------------
   1 | >>> FROM nosuchimage
   2 |     RUN true
   3 |     
--------------------
ERROR: failed to solve: nosuchimage: failed to resolve source metadata for docker.io/library/nosuchimage:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed
`)).toBe(true);
    const tag = await run(host, "printf 'FROM node:99\\n' > app/Dockerfile && docker build app");
    expect(tag.stderr.endsWith('ERROR: failed to solve: node:99: failed to resolve source metadata for docker.io/library/node:99: docker.io/library/node:99: not found\n')).toBe(true);
  });

  it('prints the parse error with its excerpt before building anything', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nRUNN echo hi\n' });
    const r = await run(host, 'docker build app');
    expect(r.stderr).toBe(`[+] Building 0.1s (1/1) FINISHED                                 docker:default
 => [internal] load build definition from Dockerfile                       0.0s
 => => transferring dockerfile: 76B                                        0.0s
Dockerfile:2
--------------------
   1 |     FROM alpine:3.22
   2 | >>> RUNN echo hi
   3 |     
--------------------
ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)
`);
  });

  it('says when the folder has no Dockerfile', async () => {
    const host = newHost();
    writeProject(host, 'app', { 'app.js': '1\n' });
    const r = await run(host, 'docker build app');
    expect(r.stderr.endsWith(' => => transferring dockerfile: 2B                                         0.0s\nERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory\n')).toBe(true);
  });

  it('refuses several sources into a destination that is not a folder', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nCOPY a.txt b.txt /dest\n', 'a.txt': 'a', 'b.txt': 'b' });
    const r = await run(host, 'docker build app');
    expect(r.stderr.endsWith('ERROR: failed to solve: When using COPY with more than one source file, the destination must be a directory and end with a /\n')).toBe(true);
  });
});

describe('hostile Dockerfiles', () => {
  async function hostile(dockerfile: string) {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nRUN echo warm\n' });
    await run(host, 'docker build -t warm app');
    writeProject(host, 'app', { Dockerfile: dockerfile });
    const before = snapshot(host);
    const r = await run(host, 'docker build -t evil app');
    return { r, unchanged: snapshot(host) === before };
  }

  it('refuses a huge Dockerfile', async () => {
    const { r, unchanged } = await hostile(`FROM alpine:3.22\n${'RUN echo x\n'.repeat(40_000)}`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/ERROR: failed to solve: .+\n$/);
    expect(unchanged).toBe(true);
  });

  it('refuses deeply nested variables', async () => {
    const nested = `${'${A:-'.repeat(200)}x${'}'.repeat(200)}`;
    const { r, unchanged } = await hostile(`FROM alpine:3.22\nENV B=${nested}\n`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/ERROR: failed to solve: .+\n$/);
    expect(unchanged).toBe(true);
  });

  it('refuses endless continuation lines', async () => {
    const { r, unchanged } = await hostile(`FROM alpine:3.22\nRUN echo \\\n${'  more \\\n'.repeat(20_000)}`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/ERROR: failed to solve: .+\n$/);
    expect(unchanged).toBe(true);
  });

  it('refuses binary junk', async () => {
    let junk = '';
    for (let i = 0; i < 3_000; i++) junk += String.fromCharCode((i * 7919) % 256);
    const { r, unchanged } = await hostile(junk);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/ERROR: failed to solve: .+\n$/);
    expect(unchanged).toBe(true);
  });

  it('stops a RUN that loops forever and tells the student why', async () => {
    const { r, unchanged } = await hostile('FROM alpine:3.22\nRUN while true; do :; done\n');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(' => ERROR [2/2] RUN while true; do :; done');
    expect(r.stderr).toContain('baleia: this RUN never finished (an endless loop?), so Baleia stopped it.');
    expect(r.stderr).toMatch(/ERROR: failed to solve: process "\/bin\/sh -c while true; do :; done" did not complete successfully: exit code: \d+\n$/);
    expect(unchanged).toBe(true);
    expect(r.events.some((e) => e.kind === 'build.run-stopped')).toBe(true);
  });

  it('stops a RUN that would sleep for hours', async () => {
    const { r, unchanged } = await hostile('FROM alpine:3.22\nRUN sleep 36000\n');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('baleia: this RUN would sleep for more than 10 minutes, so Baleia stopped it.');
    expect(unchanged).toBe(true);
  });
});
