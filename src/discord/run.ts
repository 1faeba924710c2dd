// `npm start` with a DISCORD_TOKEN: the bot, its logs, and a graceful stop on SIGINT/SIGTERM
// (no new interactions, the running ones finish, the engine goes idle, the database closes).
import { randomInt } from 'node:crypto';
import type { Baleia } from '../app/baleia';
import { createClassUseCases } from '../app/class';
import { createFileUseCases, loadTemplates } from '../app/files';
import { createLearning } from '../app/learning';
import type { Config } from '../config';
import { createDailyRunner } from '../daily/runner';
import { startDailyTimer } from '../daily/timer';
import type { CatalogIndex } from '../engine/registry/catalog';
import { loadCourse, type Course } from '../learning/content';
import type { Store } from '../store';
import { startBot } from './bot';
import { createLogger } from './logger';

export interface RunBotOptions {
  config: Config;
  store: Store;
  catalog: CatalogIndex;
  baleia: Baleia;
  /** The course (loaded and checked against the engine here when not given). */
  course?: Course;
}

/** `docker.io/library/nginx:latest` → `nginx`, `docker.io/library/node:20` → `node:20`. */
export function officialImageNames(catalog: CatalogIndex): string[] {
  const names = new Set<string>();
  for (const ref of catalog.official.keys()) names.add(ref.replace(/^docker\.io\/(?:library\/)?/, '').replace(/:latest$/, ''));
  return [...names].sort();
}

export async function runDiscordBot(options: RunBotOptions): Promise<number> {
  const { config, store, catalog, baleia } = options;
  const log = createLogger({ level: config.LOG_LEVEL, secrets: [config.DISCORD_TOKEN] });
  const files = createFileUseCases(
    { store, catalog, clock: () => Date.now(), seed: () => randomInt(0, 2 ** 32), templates: loadTemplates() },
    { lock: baleia.lock, profileOf: baleia.profileOf },
  );
  const clock = () => Date.now();
  const course = options.course ?? (await loadCourse(catalog));
  // The class time zone (set with /class setup) decides streak days and "due today".
  const learning = createLearning({ baleia, store, catalog, course, clock, timeZone: (scope) => store.classes.settings(scope)?.timeZone });
  const classes = createClassUseCases({ store, learning, clock });
  const bot = await startBot({ token: config.DISCORD_TOKEN!, apiUrl: config.DISCORD_API_URL, baleia, files, learning, classes, log, officialImages: officialImageNames(catalog), channels: store.channels });
  const daily = startDailyTimer({ runner: createDailyRunner({ classes, client: bot.client, log, clock }), classes, log });
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log.info({ signal }, 'shutting down');
  // The timer first: a prompt being sent finishes (and is recorded) before Discord goes away.
  await daily.stop();
  await bot.stop();
  store.close();
  log.flush?.();
  return 0;
}
