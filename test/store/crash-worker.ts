// Runs commands against a database file until it is killed; used by the crash test.
import { createBaleia } from '../../src/app/baleia';
import { openStore } from '../../src/store';
import { catalogFrom, MINI_CATALOG } from '../support/test-host';

const path = process.argv[2]!;
const store = openStore(path);
let now = Date.parse('2026-03-02T12:00:00Z');
const baleia = createBaleia({ store, catalog: catalogFrom(MINI_CATALOG), clock: () => (now += 1000), seed: () => 1 });
const student = { scope: 'crash', userId: 'u1', displayName: 'ana' };
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await baleia.runLine(student, `docker volume create v${i % 40}`);
  await baleia.runLine(student, `docker run --name c${i} -v v${i % 40}:/data alpine sh -c 'echo ${i} > /data/n'`);
  await baleia.runLine(student, `docker rm c${i}`);
  process.stdout.write(`${i}\n`);
}
