// The playground as src/main.ts composes it, plus the learning use cases, with the clock read
// from BALEIA_NOW so a test can replay days: `node --import tsx test/learning/playground-main.ts`
// with a script on stdin, exactly like the real playground's script mode.
import { createBaleia } from '../../src/app/baleia';
import { createLearning } from '../../src/app/learning';
import { loadCatalog } from '../../src/catalog-loader';
import { loadCourse } from '../../src/learning/content';
import { createLearningShell } from '../../src/playground/learning-commands';
import { runScript } from '../../src/playground/playground';
import { openStore } from '../../src/store';

const now = Date.parse(process.env.BALEIA_NOW ?? '2026-03-02T09:00:00-03:00');
const store = openStore(process.env.DATABASE_PATH ?? ':memory:');
const catalog = loadCatalog();
let seed = 7;
const clock = () => now;
const baleia = createBaleia({ store, catalog, clock, seed: () => seed++ });
const learning = createLearning({ baleia, store, catalog, course: await loadCourse(catalog), clock });
const user = process.env.USER ?? 'ana';
const student = { scope: 'local', userId: `local:${user}`, displayName: user, locale: process.env.BALEIA_LANG ?? 'pt-BR' };
try {
  process.exitCode = await runScript({
    baleia,
    learning: createLearningShell(learning),
    student,
    input: process.stdin,
    output: process.stdout,
    quiet: true,
    interactive: false,
  });
} finally {
  store.close();
}
