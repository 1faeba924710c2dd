// `npm start` with a DISCORD_TOKEN: the bot, its logs, and a graceful stop on SIGINT/SIGTERM
// (no new interactions, the running ones finish, the engine goes idle, the database closes).
import { randomInt } from 'node:crypto';
import type { Baleia } from '../app/baleia';
import { createFileUseCases, loadTemplates } from '../app/files';
import type { Config } from '../config';
import type { CatalogIndex } from '../engine/registry/catalog';
import type { Store } from '../store';
import { startBot } from './bot';
import { createLogger } from './logger';

export interface RunBotOptions {
  config: Config;
  store: Store;
  catalog: CatalogIndex;
  baleia: Baleia;
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
  const bot = await startBot({ token: config.DISCORD_TOKEN!, apiUrl: config.DISCORD_API_URL, baleia, files, log, officialImages: officialImageNames(catalog), channels: store.channels });
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log.info({ signal }, 'shutting down');
  await bot.stop();
  store.close();
  log.flush?.();
  return 0;
}
