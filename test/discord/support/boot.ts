// Boots the real bot (real discord.js client, real use cases over an in-memory SQLite store and
// the mini catalogue) against the fake Discord, as production does, with a clock the test moves.
import { Writable } from 'node:stream';
import { createBaleia, type Baleia } from '../../../src/app/baleia';
import { createFileUseCases, type StarterTemplate } from '../../../src/app/files';
import { KeyedLock } from '../../../src/app/keyed-lock';
import { startBot, type Bot } from '../../../src/discord/bot';
import { loadCommands } from '../../../src/discord/loader';
import { createLogger } from '../../../src/discord/logger';
import { officialImageNames } from '../../../src/discord/run';
import { registerCommands } from '../../../src/register';
import { openStore, type Store } from '../../../src/store';
import { createFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type FakeMessage, type InteractionHandle } from '../../fake-discord';
import { catalogFrom, MINI_CATALOG, START } from '../../support/test-host';

export interface BootOptions {
  fake?: FakeDiscordOptions;
  /** Wraps the real use cases (to make one slow, or throw). */
  wrap?: (baleia: Baleia) => Baleia;
  deferAfterMs?: number;
  templates?: StarterTemplate[];
  /** Also register the commands globally (for DMs). */
  global?: boolean;
}

export interface Booted {
  fake: FakeDiscord;
  bot: Bot;
  store: Store;
  baleia: Baleia;
  /** Every log line the bot wrote (JSON text). */
  logs: string[];
  advance(seconds: number): void;
  close(): Promise<void>;
}

export async function bootBot(options: BootOptions = {}): Promise<Booted> {
  const fake = await createFakeDiscord({ quiet: true, ...options.fake });
  const store = openStore(':memory:');
  let now = START;
  let seed = 7;
  const catalog = catalogFrom(MINI_CATALOG);
  const deps = { store, catalog, clock: () => now, seed: () => seed++ };
  const real = createBaleia(deps);
  const baleia = options.wrap ? options.wrap(real) : real;
  const files = createFileUseCases({ ...deps, templates: options.templates ?? [] }, { lock: new KeyedLock(), profileOf: real.profileOf });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  const log = createLogger({ level: 'debug', secrets: [fake.token], destination });
  const commands = await loadCommands();
  await registerCommands({ token: fake.token, apiUrl: fake.restUrl, guildId: fake.guild.id, commands });
  if (options.global) await registerCommands({ token: fake.token, apiUrl: fake.restUrl, commands });
  const bot = await startBot({
    token: fake.token,
    apiUrl: fake.restUrl,
    baleia,
    files,
    log,
    commands,
    officialImages: officialImageNames(catalog),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  return {
    fake,
    bot,
    store,
    baleia,
    logs,
    advance: (seconds) => {
      now += seconds * 1000;
    },
    async close() {
      await bot.stop();
      await fake.close();
      store.close();
    },
  };
}

/** The code block of a reply's first embed, without its fences. */
export function terminal(message: FakeMessage): string {
  const description = String(message.embeds[0]?.description ?? '');
  const match = /^```\n([\s\S]*)\n```$/.exec(description);
  if (!match) throw new Error(`no code block in: ${description}`);
  return match[1]!;
}

/** Labels of the buttons of a message, in order. */
export function buttons(message: FakeMessage): string[] {
  return message.components.flatMap((row) => (row.components as Array<{ label?: string }>).map((component) => component.label ?? ''));
}

export function customIdOf(message: FakeMessage, label: string): string {
  for (const row of message.components) {
    for (const component of row.components as Array<{ label?: string; custom_id?: string }>) if (component.label === label && component.custom_id) return component.custom_id;
  }
  throw new Error(`no button "${label}" in ${JSON.stringify(message.components)}`);
}

export async function reply(handle: InteractionHandle): Promise<FakeMessage> {
  return handle.waitForReply(8000);
}
