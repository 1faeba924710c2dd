// Boots the real bot (real discord.js client, real use cases over an in-memory SQLite store and
// the mini catalogue) against the fake Discord, as production does, with a clock the test moves.
import { Writable } from 'node:stream';
import { createBaleia, type Baleia } from '../../../src/app/baleia';
import { createClassUseCases, type ClassUseCases } from '../../../src/app/class';
import { createFileUseCases, type StarterTemplate } from '../../../src/app/files';
import { KeyedLock } from '../../../src/app/keyed-lock';
import { createLearning, type Learning } from '../../../src/app/learning';
import { createDailyRunner, type DailyRunner } from '../../../src/daily/runner';
import { startBot, type Bot } from '../../../src/discord/bot';
import { loadCommands } from '../../../src/discord/loader';
import { createLogger } from '../../../src/discord/logger';
import { officialImageNames } from '../../../src/discord/run';
import type { CatalogIndex } from '../../../src/engine/registry/catalog';
import { loadCourse, type Course } from '../../../src/learning/content';
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
  /** How long a second press of the same button is ignored (the bot's default is 3 s of real time). */
  doubleClickWindowMs?: number;
}

export interface Booted {
  fake: FakeDiscord;
  bot: Bot;
  store: Store;
  baleia: Baleia;
  learning: Learning;
  classes: ClassUseCases;
  course: Course;
  /** The daily prompt runner over this bot's client and the test clock (no timer: tests call runDue). */
  daily: DailyRunner;
  /** Every log line the bot wrote (JSON text). */
  logs: string[];
  advance(seconds: number): void;
  /** Sets the clock to an instant given as ISO text (`2026-03-02T09:00:00-03:00`). */
  at(iso: string): void;
  now(): number;
  /** Stops the bot and starts a new one over the same database, as a process restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const courses = new Map<CatalogIndex, Promise<Course>>();

/** The course checked against this catalogue, once per test file. */
export function courseFor(catalog: CatalogIndex): Promise<Course> {
  let course = courses.get(catalog);
  if (!course) courses.set(catalog, (course = loadCourse(catalog)));
  return course;
}

export async function bootBot(options: BootOptions = {}): Promise<Booted> {
  const fake = await createFakeDiscord({ quiet: true, ...options.fake });
  const store = openStore(':memory:');
  let now = START;
  let seed = 7;
  const catalog = catalogFrom(MINI_CATALOG);
  const course = await courseFor(catalog);
  const clock = () => now;
  const deps = { store, catalog, clock, seed: () => seed++ };
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

  /** Everything a bot process builds at start, over the same database. */
  async function start() {
    const real = createBaleia(deps);
    const baleia = options.wrap ? options.wrap(real) : real;
    const files = createFileUseCases({ ...deps, templates: options.templates ?? [] }, { lock: real.lock, profileOf: real.profileOf });
    const learning = createLearning({ baleia, store, catalog, course, clock, timeZone: (scope) => store.classes.settings(scope)?.timeZone });
    const classes = createClassUseCases({ store, learning, clock });
    const bot = await startBot({
      token: fake.token,
      apiUrl: fake.restUrl,
      baleia,
      files,
      learning,
      classes,
      log,
      commands,
      officialImages: officialImageNames(catalog),
      ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
      ...(options.doubleClickWindowMs !== undefined ? { doubleClickWindowMs: options.doubleClickWindowMs } : {}),
    });
    const daily = createDailyRunner({ classes, client: bot.client, log, clock });
    return { baleia, learning, classes, bot, daily };
  }

  const booted: Booted = {
    fake,
    store,
    course,
    logs,
    ...(await start()),
    advance: (seconds) => {
      now += seconds * 1000;
    },
    at: (iso) => {
      now = Date.parse(iso);
    },
    now: () => now,
    async restart() {
      await booted.bot.stop();
      Object.assign(booted, await start());
    },
    async close() {
      await booted.bot.stop();
      await fake.close();
      store.close();
    },
  };
  return booted;
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
