// The build context and what COPY takes from it: .dockerignore (Go patterns, **, ! and the
// last match winning), -f and its own .dockerignore, build args, heredocs, --chmod, WORKDIR.
import { describe, expect, it } from 'vitest';
import { parseDockerIgnore } from '../../src/engine/build/dockerignore';
import { newHost, run, writeProject } from './support';

describe('.dockerignore patterns (moby/patternmatcher)', () => {
  const ignores = (patterns: string, path: string) => parseDockerIgnore(patterns).ignores(path);

  it('matches a name at the root, and everything inside an ignored folder', () => {
    expect(ignores('node_modules\n', 'node_modules')).toBe(true);
    expect(ignores('node_modules\n', 'node_modules/express/index.js')).toBe(true);
    expect(ignores('node_modules\n', 'src/node_modules')).toBe(false);
  });

  it('uses Go filepath.Match per path segment: * and ? stop at /', () => {
    expect(ignores('*.log\n', 'debug.log')).toBe(true);
    expect(ignores('*.log\n', 'logs/debug.log')).toBe(false);
    expect(ignores('*/*.log\n', 'logs/debug.log')).toBe(true);
    expect(ignores('file?.txt\n', 'file1.txt')).toBe(true);
    expect(ignores('[a-c].txt\n', 'b.txt')).toBe(true);
    expect(ignores('[!a-c].txt\n', 'b.txt')).toBe(false);
  });

  it('lets ** span any number of folders', () => {
    expect(ignores('**/*.log\n', 'debug.log')).toBe(true);
    expect(ignores('**/*.log\n', 'a/b/c/debug.log')).toBe(true);
    expect(ignores('docs/**\n', 'docs/a/b.md')).toBe(true);
  });

  it('re-includes with ! and lets the last matching line win', () => {
    const patterns = '*.md\n!README.md\n';
    expect(ignores(patterns, 'NOTES.md')).toBe(true);
    expect(ignores(patterns, 'README.md')).toBe(false);
    expect(ignores('!README.md\n*.md\n', 'README.md')).toBe(true);
  });

  it('skips comments and blank lines and ignores a leading or trailing slash', () => {
    const patterns = '# build output\n\n/dist/\n  tmp  \n';
    expect(ignores(patterns, 'dist/app.js')).toBe(true);
    expect(ignores(patterns, 'tmp')).toBe(true);
    expect(ignores(patterns, '# build output')).toBe(false);
  });
});

describe('the build context', () => {
  it('leaves ignored files out of COPY . . and out of the context transfer', async () => {
    const host = newHost();
    writeProject(host, 'app', {
      Dockerfile: 'FROM alpine:3.22\nWORKDIR /app\nCOPY . .\nRUN ls -A\n',
      '.dockerignore': 'secret.env\nlogs/\n*.md\n!README.md\n',
      'secret.env': 'TOKEN=abc\n',
      'logs/today.log': 'x\n',
      'NOTES.md': 'n\n',
      'README.md': 'r\n',
      'app.js': 'a\n',
    });
    const r = await run(host, 'docker build --progress=plain -t app app');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/#\d+ 0\.\d+ \.dockerignore\n#\d+ 0\.\d+ Dockerfile\n#\d+ 0\.\d+ README\.md\n#\d+ 0\.\d+ app\.js\n#\d+ DONE/);
    expect(r.events.find((e) => e.kind === 'build.dockerignore')?.data).toMatchObject({ excluded: 4 });
  });

  it('cannot COPY a file .dockerignore excludes: it is not in the context', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nCOPY secret.env /\n', '.dockerignore': '*.env\n', 'secret.env': 'x\n' });
    const r = await run(host, 'docker build app');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref [0-9a-f-]{36}::[0-9a-z]{25}: "\/secret\.env": not found\n$/);
  });

  it('reads another Dockerfile with -f, relative to the current folder, with its own .dockerignore', async () => {
    const host = newHost();
    writeProject(host, 'app', {
      Dockerfile: 'FROM alpine:3.22\nRUN exit 1\n',
      'docker/dev.Dockerfile': 'FROM alpine:3.22\nCOPY . /src\nRUN ls /src\n',
      'docker/dev.Dockerfile.dockerignore': 'docker\n',
      'main.txt': 'm\n',
    });
    const r = await run(host, 'docker build --progress=plain -f app/docker/dev.Dockerfile app');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('#1 [internal] load build definition from dev.Dockerfile\n');
    expect(r.stderr).toMatch(/#\d+ 0\.\d+ Dockerfile\n#\d+ 0\.\d+ main\.txt\n#\d+ DONE/);
  });

  it('passes --build-arg values to ARG, and an ARG without a value takes it from the environment', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nARG VERSION=1.0\nARG USER_NAME\nRUN echo "v$VERSION by $USER_NAME" > /about.txt\n' });
    await run(host, 'export USER_NAME=ana');
    await run(host, 'docker build -t app --build-arg VERSION=2.1 --build-arg USER_NAME app');
    expect((await run(host, 'docker run --rm app cat /about.txt')).stdout).toBe('v2.1 by ana\n');
  });

  it('writes COPY heredocs as files, applies --chmod, and creates WORKDIR folders', async () => {
    const host = newHost();
    writeProject(host, 'app', {
      Dockerfile: 'FROM alpine:3.22\nWORKDIR /srv/www/site\nCOPY <<EOF config.txt\nport=8080\nEOF\nCOPY --chmod=755 run.sh /usr/local/bin/\nCMD ["run.sh"]\n',
      'run.sh': '#!/bin/sh\necho running\n',
    });
    const r = await run(host, 'docker build -t app app');
    expect(r.exitCode).toBe(0);
    expect((await run(host, 'docker run --rm app cat /srv/www/site/config.txt')).stdout).toBe('port=8080\n');
    expect((await run(host, 'docker run --rm app sh -c "test -x /usr/local/bin/run.sh && echo executable"')).stdout).toBe('executable\n');
    expect((await run(host, 'docker run --rm app')).stdout).toBe('running\n');
  });

  it('copies a folder\'s contents, not the folder, and wildcards match in the context', async () => {
    const host = newHost();
    writeProject(host, 'app', {
      Dockerfile: 'FROM alpine:3.22\nCOPY site/ /www/\nCOPY *.txt /texts/\n',
      'site/index.html': '<h1>hi</h1>\n',
      'site/css/style.css': 'h1{}\n',
      'a.txt': 'a\n',
      'b.txt': 'b\n',
    });
    expect((await run(host, 'docker build -t app app')).exitCode).toBe(0);
    expect((await run(host, 'docker run --rm app find /www /texts -type f')).stdout).toBe('/www/css/style.css\n/www/index.html\n/texts/a.txt\n/texts/b.txt\n');
  });

  it('makes RUN write into the new layer: apt-get style files grow the image, deletions are whiteouts', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: "FROM alpine:3.22\nRUN printf '%0300000d' 0 > /big\nRUN rm /big\n" });
    const r = await run(host, 'docker build -t app app');
    expect(r.exitCode).toBe(0);
    const history = (await run(host, 'docker history --format "{{.CreatedBy}}|{{.Size}}" app')).stdout.split('\n');
    expect(history[0]).toBe('RUN /bin/sh -c rm /big # buildkit|0B');
    expect(history[1]).toBe("RUN /bin/sh -c printf '%0300000d' 0 > /big #…|300kB");
  });
});
