import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBaleia } from '../../src/app/baleia';
import { openStore } from '../../src/store';
import { catalogFrom, MINI_CATALOG, START } from '../support/test-host';

function setup(path = ':memory:') {
  const store = openStore(path);
  let now = START;
  let seed = 7;
  const baleia = createBaleia({ store, catalog: catalogFrom(MINI_CATALOG), clock: () => now, seed: () => seed++ });
  return { store, baleia, advance: (seconds: number) => (now += seconds * 1000) };
}

const ana = { scope: 'guild-1', userId: 'u1', displayName: 'Ana Souza', locale: 'pt-BR' };
const bruno = { scope: 'guild-1', userId: 'u2', displayName: 'bruno', locale: 'en-US' };

describe('a student host kept in SQLite', () => {
  it('remembers containers between commands and explains in the student language', async () => {
    const { baleia } = setup();
    const run = await baleia.runLine(ana, 'docker run -d --name web nginx');
    expect(run.exitCode).toBe(0);
    expect(run.locale).toBe('pt-BR');
    expect(run.explanation.sentences.join(' ')).toContain('contêiner');
    const ps = await baleia.runLine(ana, 'docker ps --format "{{.Names}}"');
    expect(ps.chunks.map((chunk) => chunk.text).join('')).toBe('web\n');
  });

  it('keeps each student host separate within one class server', async () => {
    const { baleia } = setup();
    await baleia.runLine(ana, 'docker run -d --name web nginx');
    const other = await baleia.runLine(bruno, 'docker ps -q');
    expect(other.chunks).toEqual([]);
    expect(other.locale).toBe('en');
  });

  it('names students in the registry from their Discord name, unique per server', async () => {
    const { baleia, store } = setup();
    await baleia.runLine(ana, 'true');
    await baleia.runLine({ ...bruno, displayName: 'Ana Souza' }, 'true');
    expect(store.students.get('guild-1', 'u1')?.userName).toBe('ana-souza');
    expect(store.students.get('guild-1', 'u2')?.userName).toBe('ana-souza2');
  });

  it('lets a classmate pull what a student pushed under their own name', async () => {
    const { baleia } = setup();
    await baleia.runLine(ana, 'docker run --name box alpine sh -c "echo hello > /hello.txt"');
    await baleia.runLine(ana, 'docker commit box ana-souza/hello:v1');
    const push = await baleia.runLine(ana, 'docker push ana-souza/hello:v1');
    const pushed = push.chunks.map((chunk) => chunk.text).join('');
    expect(pushed).toMatch(/^The push refers to repository \[docker\.io\/ana-souza\/hello\]\n[0-9a-f]{12}: Pushed\n[0-9a-f]{12}: Mounted from library\/alpine\nv1: digest: sha256:[0-9a-f]{64} size: \d+\n$/);
    const run = await baleia.runLine(bruno, 'docker run --rm ana-souza/hello:v1 cat /hello.txt');
    expect(run.chunks.filter((chunk) => chunk.stream === 'stdout').map((chunk) => chunk.text).join('')).toBe('hello\n');
  });

  it("refuses a push into a classmate's namespace with Docker's message", async () => {
    const { baleia } = setup();
    await baleia.runLine(bruno, 'docker pull alpine');
    await baleia.runLine(bruno, 'docker tag alpine ana-souza/alpine');
    const push = await baleia.runLine(bruno, 'docker push ana-souza/alpine');
    expect(push.exitCode).toBe(1);
    expect(push.chunks.at(-1)).toEqual({ stream: 'stderr', text: 'denied: requested access to the resource is denied\n' });
  });

  it('runs one student command at a time even when they arrive together', async () => {
    const { baleia } = setup();
    const lines = Array.from({ length: 10 }, (_, index) => baleia.runLine(ana, `docker volume create v${index}`));
    await Promise.all(lines);
    const ls = await baleia.runLine(ana, 'docker volume ls -q');
    expect(ls.chunks.map((chunk) => chunk.text).join('').trim().split('\n')).toHaveLength(10);
  });

  it('survives a reopen of the database file with the host intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baleia-'));
    const path = join(dir, 'baleia.db');
    const first = setup(path);
    await first.baleia.runLine(ana, 'docker run -d --name web -v data:/data nginx');
    first.store.close();
    const second = setup(path);
    const ps = await second.baleia.runLine(ana, 'docker ps -a --format "{{.Names}} {{.Mounts}}"');
    expect(ps.chunks.map((chunk) => chunk.text).join('')).toBe('web data\n');
    second.store.close();
  });
});

describe('stored layers', () => {
  it('collects the layers no image, build cache or registry refers to any more', async () => {
    const { baleia, store } = setup();
    await baleia.runLine(ana, 'docker run --name box alpine sh -c "echo hi > /hi"');
    await baleia.runLine(ana, 'docker commit box snap');
    await baleia.runLine(ana, 'docker commit box ana-souza/snap:v1');
    await baleia.runLine(ana, 'docker push ana-souza/snap:v1');
    expect(store.layers.ids()).toHaveLength(1);
    await baleia.runLine(ana, 'docker rm box && docker rmi snap ana-souza/snap:v1');
    // The registry still holds the pushed layer, so it stays.
    expect(baleia.collectLayers().removed).toBe(0);
    await baleia.runLine(ana, 'docker run --name box2 alpine sh -c "echo other > /other"');
    await baleia.runLine(ana, 'docker commit box2 other && docker rm box2 && docker rmi other');
    expect(store.layers.ids()).toHaveLength(2);
    expect(baleia.collectLayers()).toMatchObject({ removed: 1 });
    expect(store.layers.ids()).toHaveLength(1);
  });
});
