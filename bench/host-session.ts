// Issue 3's benchmark: a mixed 200-command student session through the use case, the engine
// and SQLite (a real database file), repeated for several students. Prints p50/p99 per
// command kind, commands per second on one core, and the database bytes per student.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBaleia } from '../src/app/baleia';
import { loadCatalog } from '../src/catalog-loader';
import { buildCatalogIndex } from '../src/engine/registry/catalog';
import { readFileSync } from 'node:fs';
const catalogPath = process.env.BENCH_CATALOG;
import { openStore } from '../src/store';
import { percentile, table } from './stats';

/** A plausible first hour of a student: pull, run, exec, inspect, volumes, commit, clean up. */
export function studentSession(round: number): string[] {
  const n = round;
  return [
    'docker pull alpine',
    'docker pull nginx',
    'docker images',
    `docker run -d --name web${n} -p ${8000 + n}:80 -v site${n}:/usr/share/nginx/html nginx`,
    'docker ps',
    `curl -s localhost:${8000 + n}`,
    `docker exec web${n} sh -c 'echo "<h1>hi ${n}</h1>" > /usr/share/nginx/html/index.html'`,
    `curl -s localhost:${8000 + n}`,
    `docker logs web${n}`,
    `docker inspect -f '{{.State.Status}}' web${n}`,
    'docker run alpine echo hi',
    `docker run --name box${n} alpine sh -c 'echo data > /tmp/file'`,
    `docker diff box${n}`,
    `docker commit -m snapshot box${n} snap${n}:v1`,
    `docker history snap${n}:v1`,
    'docker ps -a',
    'docker volume ls',
    `docker volume inspect site${n}`,
    'docker system df',
    `docker stop web${n}`,
    `docker start web${n}`,
    `docker exec web${n} ls /usr/share/nginx/html`,
    'ls -la',
    `echo "note ${n}" >> notes.txt`,
    'cat notes.txt | wc -l',
    `docker rm -f web${n}`,
    `docker rm box${n}`,
    `docker rmi snap${n}:v1`,
    'docker ps -a --format "{{.Names}}: {{.Status}}"',
    'docker container prune -f',
  ];
}

export interface SessionFigures {
  perKind: Array<{ kind: string; count: number; p50: number; p99: number }>;
  all: { count: number; p50: number; p99: number };
  commandsPerSecond: number;
  bytesPerStudent: number;
}

export async function runHostSessionBench(students = 8, commandsPerStudent = 200): Promise<SessionFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'baleia-bench-'));
  const path = join(dir, 'bench.db');
  const store = openStore(path);
  let now = Date.parse('2026-03-02T12:00:00Z');
  let seed = 1;
  const baleia = createBaleia({ store, catalog: catalogPath ? buildCatalogIndex(JSON.parse(readFileSync(catalogPath, 'utf8'))) : loadCatalog(), clock: () => now, seed: () => seed++ });
  const timings: Array<{ kind: string; ms: number }> = [];
  // One warm-up student first: the first run of each code path pays for JIT compilation.
  const warmup = { scope: 'bench', userId: 'warmup', displayName: 'warmup', locale: 'en' };
  for (let round = 0; round < 7; round++) for (const line of studentSession(round)) await baleia.runLine(warmup, line);
  await baleia.resetHost(warmup);
  const started = performance.now();
  for (let s = 0; s < students; s++) {
    const student = { scope: 'bench', userId: `student-${s}`, displayName: `student${s}`, locale: 'en' };
    let sent = 0;
    for (let round = 0; sent < commandsPerStudent; round++) {
      for (const line of studentSession(round)) {
        if (sent >= commandsPerStudent) break;
        const t0 = performance.now();
        await baleia.runLine(student, line);
        const ms = performance.now() - t0;
        const words = line.split(' ');
        const kind = words[0] === 'docker' ? `docker ${words[1]}` : words[0]!;
        timings.push({ kind, ms });
        now += 2000;
        sent++;
      }
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  const bytes = statSync(path).size;
  rmSync(dir, { recursive: true, force: true });

  const kinds = [...new Set(timings.map((timing) => timing.kind))].sort();
  const perKind = kinds.map((kind) => {
    const values = timings.filter((timing) => timing.kind === kind).map((timing) => timing.ms);
    return { kind, count: values.length, p50: percentile(values, 50), p99: percentile(values, 99) };
  });
  const all = timings.map((timing) => timing.ms);
  return {
    perKind,
    all: { count: all.length, p50: percentile(all, 50), p99: percentile(all, 99) },
    commandsPerSecond: all.length / elapsed,
    bytesPerStudent: bytes / students,
  };
}

export function printHostSession(figures: SessionFigures): void {
  console.log('\n## Simulated host: a mixed 200-command session per student (use case + engine + SQLite)');
  console.log(table(['command', 'count', 'p50 ms', 'p99 ms'], figures.perKind.map((row) => [row.kind, String(row.count), row.p50.toFixed(2), row.p99.toFixed(2)])));
  console.log(`all commands: ${figures.all.count}, p50 ${figures.all.p50.toFixed(2)} ms (target < 2), p99 ${figures.all.p99.toFixed(2)} ms (target < 10)`);
  console.log(`throughput on one core: ${figures.commandsPerSecond.toFixed(0)} commands/s (target >= 500)`);
  console.log(`database bytes per student after the session: ${(figures.bytesPerStudent / 1000).toFixed(1)} kB (target < 200 kB)`);
}
