// Composition root: configuration, the real clock and randomness, the database, and either
// the Discord bot (with DISCORD_TOKEN) or the terminal playground.
import 'dotenv/config';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createBaleia } from './app/baleia';
import { createLearning } from './app/learning';
import { loadCatalog } from './catalog-loader';
import { ConfigError, parseConfig } from './config';
import { loadCourse } from './learning/content';
import { createLearningShell } from './playground/learning-commands';
import { runInteractive, runScript } from './playground/playground';
import { openStore } from './store';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { quiet: { type: 'boolean', default: false }, user: { type: 'string' }, lang: { type: 'string' } },
    allowPositionals: false,
  });
  const config = parseConfig(process.env);
  const store = openStore(config.DATABASE_PATH);
  const catalog = loadCatalog();
  const baleia = createBaleia({
    store,
    catalog,
    clock: () => Date.now(),
    seed: () => randomInt(0, 2 ** 32),
    onBug: (error) => process.stderr.write(`baleia bug: ${error instanceof Error ? error.stack : String(error)}\n`),
  });
  // Layers nobody refers to any more (removed images, reset hosts) are dropped at each start.
  baleia.collectLayers();
  try {
    if (config.DISCORD_TOKEN) {
      const { runDiscordBot } = await import('./discord/run');
      return await runDiscordBot({ config, store, catalog, baleia });
    }
    const learning = createLearning({ baleia, store, catalog, course: await loadCourse(catalog), clock: () => Date.now() });
    const user = values.user ?? process.env.USER ?? 'student';
    const student = { scope: 'local', userId: `local:${user}`, displayName: user, locale: values.lang ?? 'pt-BR' };
    const options = {
      baleia,
      learning: createLearningShell(learning),
      student,
      input: process.stdin,
      output: process.stdout,
      quiet: values.quiet ?? false,
      interactive: process.stdin.isTTY === true,
    };
    if (options.interactive) {
      await runInteractive(options);
      return 0;
    }
    return await runScript(options);
  } finally {
    if (!config.DISCORD_TOKEN) store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
