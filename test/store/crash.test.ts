import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBaleia } from '../../src/app/baleia';
import { openStore } from '../../src/store';
import { catalogFrom, MINI_CATALOG } from '../support/test-host';

const root = new URL('../..', import.meta.url).pathname;

describe('a crash in the middle of a command', () => {
  it('leaves the host exactly as the last completed command left it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'baleia-crash-')), 'crash.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/store/crash-worker.ts', path], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let completed = -1;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) if (/^\d+$/.test(line)) completed = Number(line);
        // Kill it without warning once it is well into its work, in the middle of some command.
        if (completed >= 25) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));

    const store = openStore(path);
    const host = store.hosts.get('crash', 'u1');
    expect(host).toBeDefined();
    const state = host!.state;
    // Every saved command left a consistent host: containers point at existing volumes and images.
    for (const container of Object.values(state.containers)) {
      expect(state.images[container.imageId]).toBeDefined();
      for (const mount of container.mounts) expect(state.volumes[mount.name!]).toBeDefined();
    }
    // At most the command in flight was lost: at most one container left behind (run done, rm not yet).
    expect(Object.keys(state.containers).length).toBeLessThanOrEqual(1);
    // And the host keeps working after the restart.
    const baleia = createBaleia({ store, catalog: catalogFrom(MINI_CATALOG), clock: () => Date.parse('2026-03-03T12:00:00Z'), seed: () => 1 });
    const reply = await baleia.runLine({ scope: 'crash', userId: 'u1', displayName: 'ana' }, 'docker run --rm -v v1:/data alpine cat /data/n');
    expect(reply.exitCode).toBe(0);
    expect(Number(reply.chunks.map((chunk) => chunk.text).join('').trim().split('\n').pop())).toBeGreaterThanOrEqual(0);
    store.close();
  }, 60_000);
});
