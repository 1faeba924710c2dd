// The build cache across edits: which steps say CACHED, why a step missed, what reordering
// the Dockerfile saves, and the records `docker system df` and `docker builder prune` see.
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/explain/explain';
import { HostContext } from '../../src/engine/host-context';
import { putRecord, MAX_CACHE_RECORDS } from '../../src/engine/build/cache';
import { newHost, run, SMALL_APP, writeProject } from './support';

const FAKE_NPM = '#!/bin/sh\necho "added 1 package in 2s"\nmkdir -p node_modules\necho dep > node_modules/dep.js\n';

const INSTALL_FIRST = {
  Dockerfile: 'FROM alpine:3.22\nCOPY --chmod=755 tools/npm /usr/local/bin/npm\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nCOPY . .\nCMD ["node", "server.js"]\n',
  'tools/npm': FAKE_NPM,
  'package.json': '{ "name": "app" }\n',
  'server.js': 'console.log(1);\n',
};

const COPY_ALL_FIRST = {
  ...INSTALL_FIRST,
  Dockerfile: 'FROM alpine:3.22\nCOPY --chmod=755 tools/npm /usr/local/bin/npm\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "server.js"]\n',
};

function cachedSteps(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith(' => CACHED ')).map((l) => l.slice(11).replace(/\s+0\.0s$/, '').trim());
}

function ranSteps(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /^ => \[\d+\/\d+\] /.test(l) && !l.includes(' FROM ')).map((l) => l.slice(4).replace(/\s+\d+\.\ds$/, '').trim());
}

async function editAndRebuild(files: Record<string, string>) {
  const host = newHost();
  writeProject(host, 'app', files);
  await run(host, 'docker build -t app app');
  host.advance(60);
  writeProject(host, 'app', { 'server.js': 'console.log(2);\n' });
  const r = await run(host, 'docker build -t app app');
  return { host, r };
}

describe('the build cache across edits', () => {
  it('reuses the install when package.json is copied first, and explains that server.js changed', async () => {
    const { r } = await editAndRebuild(INSTALL_FIRST);
    expect(cachedSteps(r.stderr)).toEqual(['[2/6] COPY --chmod=755 tools/npm /usr/local/bin/npm', '[3/6] WORKDIR /app', '[4/6] COPY package.json .', '[5/6] RUN npm install']);
    expect(ranSteps(r.stderr)).toEqual(['[6/6] COPY . .']);
    const miss = r.events.find((e) => e.kind === 'build.cache-miss');
    expect(miss?.data).toMatchObject({ step: 'COPY . .', cause: 'files-changed', changed: 'server.js', later: 0, cachedBefore: 4 });
    expect(r.events.some((e) => e.kind === 'build.install-after-copy')).toBe(false);
    expect(explain(r.events, 'en').sentences[0]).toBe(
      'server.js changed, so the build cache missed at COPY . . and only that step ran again; the 4 step(s) above it were reused (CACHED).',
    );
  });

  it('runs npm install again when COPY . . comes first, and says how reordering saves it', async () => {
    const { r } = await editAndRebuild(COPY_ALL_FIRST);
    expect(cachedSteps(r.stderr)).toEqual(['[2/5] COPY --chmod=755 tools/npm /usr/local/bin/npm', '[3/5] WORKDIR /app']);
    expect(ranSteps(r.stderr)).toEqual(['[4/5] COPY . .', '[5/5] RUN npm install']);
    const sentences = explain(r.events, 'en').sentences;
    expect(sentences[0]).toBe(
      'RUN npm install ran again only because it comes after COPY . .: any edit to your code changes that COPY and everything after it. Copy package.json first, install, and COPY the rest afterwards; then editing code keeps the install CACHED.',
    );
    expect(sentences[1]).toBe(
      'server.js changed, so the build cache missed at COPY . .: that step and the 1 after it ran again, because a miss changes the key of every later step. The 2 step(s) above it were reused (CACHED).',
    );
    expect(explain(r.events, 'pt-BR').sentences[0]).toContain('rodou de novo só porque vem depois de COPY . .');
  });

  it('does not run a cached RUN again: the plain output has no log lines for it', async () => {
    const { host } = await editAndRebuild(INSTALL_FIRST);
    const r = await run(host, 'docker build --progress=plain -t app app');
    expect(r.stderr).toMatch(/#(\d+) \[5\/6\] RUN npm install\n#\1 CACHED\n/);
    expect(r.stderr).not.toContain('added 1 package');
  });

  it('gives the same image ID when nothing changed, so no new image appears', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    const first = await run(host, 'docker build -q -t app app');
    host.advance(120);
    const second = await run(host, 'docker build -q -t app app');
    expect(second.stdout).toBe(first.stdout);
    expect(Object.keys(host.state.images)).toHaveLength(1);
    expect(second.events.find((e) => e.kind === 'build.all-cached')?.data).toMatchObject({ steps: 4, same: true });
  });

  it('leaves the previous image dangling as <none> when the tag moves to the rebuilt image', async () => {
    const { host, r } = await editAndRebuild(INSTALL_FIRST);
    const images = await run(host, 'docker images');
    expect(images.stdout.split('\n')[2]).toMatch(/^<none> +<none> +[0-9a-f]{12} +About a minute ago/);
    expect(r.events.some((e) => e.kind === 'image.dangling')).toBe(true);
  });

  it('runs every step again with --no-cache', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    await run(host, 'docker build -t app app');
    host.advance(60);
    const r = await run(host, 'docker build --no-cache -t app app');
    expect(cachedSteps(r.stderr)).toEqual([]);
    expect(ranSteps(r.stderr)).toHaveLength(4);
    expect(r.events.find((e) => e.kind === 'build.cache-miss')?.data).toMatchObject({ cause: 'no-cache' });
  });

  it('misses from the first RUN that sees a changed --build-arg; steps before it stay cached', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nWORKDIR /app\nARG GREETING=hello\nRUN echo "$GREETING" > greeting.txt\nRUN cat greeting.txt\n' });
    await run(host, 'docker build -t app app');
    const r = await run(host, 'docker build --progress=plain --build-arg GREETING=ola -t app app');
    expect(r.stderr).toContain('#5 [2/4] WORKDIR /app\n#5 CACHED\n');
    expect(r.stderr).toContain('#6 [3/4] RUN echo "ola" > greeting.txt\n#6 DONE');
    expect(r.stderr).toMatch(/#7 \[4\/4\] RUN cat greeting.txt\n#7 0\.\d+ ola\n/);
    expect(r.events.find((e) => e.kind === 'build.cache-miss')?.data).toMatchObject({ step: 'RUN echo "$GREETING" > greeting.txt', cause: 'env-changed', changed: 'GREETING' });
  });

  it('misses at the first RUN after a changed ENV, and names the instruction that changed', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nRUN echo one > /one\nENV MODE=dev\nRUN echo "$MODE" > /mode\n' });
    await run(host, 'docker build -t app app');
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nRUN echo one > /one\nENV MODE=prod\nRUN echo "$MODE" > /mode\n' });
    const r = await run(host, 'docker build -t app app');
    expect(cachedSteps(r.stderr)).toEqual(['[2/3] RUN echo one > /one']);
    expect(r.events.find((e) => e.kind === 'build.cache-miss')?.data).toMatchObject({ cause: 'env-changed', changed: 'MODE' });
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nRUN echo two > /one\nENV MODE=prod\nRUN echo "$MODE" > /mode\n' });
    const changed = await run(host, 'docker build -t app app');
    expect(changed.events.find((e) => e.kind === 'build.cache-miss')?.data).toMatchObject({ cause: 'instruction-changed', step: 'RUN echo two > /one', was: 'RUN echo one > /one' });
  });
});

describe('build cache records', () => {
  it('shows the records in docker system df and lets docker builder prune remove them', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    await run(host, 'docker build -t app app');
    expect((await run(host, 'docker system df')).stdout.split('\n')[4]).toBe('Build Cache     5         0         8.31MB    8.31MB (100%)');
    host.advance(90);
    const refused = await run(host, 'docker builder prune', 'n\n');
    expect(refused.stdout).toBe('WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] ');
    expect(host.state.buildCache).toHaveLength(5);
    const pruned = await run(host, 'docker builder prune -f');
    const lines = pruned.stdout.split('\n');
    expect(lines[0]).toBe('ID\t\t\t\t\t\tRECLAIMABLE\tSIZE\t\tLAST ACCESSED');
    expect(lines).toHaveLength(8);
    expect(lines[6]).toBe('Total:\t8.31MB');
    expect(pruned.stdout.split('\n')[1]).toMatch(/^[0-9a-f]{25} {15}\ttrue \t\t\S+ +\t\S.* ago$/);
    expect(pruned.stdout.split('\n')[2]).toMatch(/^[0-9a-f]{25} {15}\ttrue \t\S+ +\t\S.* ago$/);
    expect(host.state.buildCache).toEqual([]);
    const rebuilt = await run(host, 'docker build -t app app');
    expect(cachedSteps(rebuilt.stderr)).toEqual([]);
  });

  it('asks about all build cache with -a and keeps recent records with --filter until=', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    await run(host, 'docker build -t app app');
    expect((await run(host, 'docker builder prune -a', '')).stdout).toBe('WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] \n');
    const kept = await run(host, 'docker builder prune -f --filter until=1h');
    expect(kept.stdout).toBe('Total:\t0B\n');
    expect(host.state.buildCache).toHaveLength(5);
  });

  it('keeps at most MAX_CACHE_RECORDS records per student, dropping the least recently used', () => {
    const host = newHost();
    const ctx = new HostContext(host.state, { catalog: host.catalog, getStoredLayer: () => undefined, registry: host.registry }, host.now);
    for (let i = 0; i < MAX_CACHE_RECORDS + 5; i++) {
      putRecord(ctx, { key: `sha256:${String(i).padStart(64, '0')}`, size: 1, created: i, lastUsed: i, usageCount: 1, description: `step ${i}`, shared: false });
    }
    expect(ctx.state.buildCache).toHaveLength(MAX_CACHE_RECORDS);
    expect(ctx.state.buildCache.map((r) => r.lastUsed)[0]).toBe(5);
  });
});
