// The Discord bot: a discord.js client that only needs the Guilds intent (slash commands,
// buttons and modals arrive as interactions, no message content is read), wired to the use
// cases through the router. stop() lets in-flight interactions finish before disconnecting.
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { Baleia } from '../app/baleia';
import type { ClassUseCases } from '../app/class';
import type { FileUseCases } from '../app/files';
import { KeyedLock } from '../app/keyed-lock';
import type { Learning } from '../app/learning';
import { memoryChannelSettings, type ChannelSettings } from './channels';
import { ClickGuard } from './clicks';
import type { BotCommand, BotServices } from './command';
import { loadCommands } from './loader';
import type { Logger } from './logger';
import { PayloadStore } from './payloads';
import { createRouter } from './router';

export interface BotOptions {
  token: string;
  /** REST base (`https://discord.com/api` by default); the gateway URL comes from its /gateway/bot. */
  apiUrl?: string | undefined;
  baleia: Baleia;
  files: FileUseCases;
  learning: Learning;
  classes: ClassUseCases;
  log: Logger;
  /** Default: every module in commands/. */
  commands?: readonly BotCommand[];
  channels?: ChannelSettings;
  /** Defer a reply that is not ready after this long (Discord allows 3 s). */
  deferAfterMs?: number;
  /** Official images for autocomplete (`nginx:latest`). */
  officialImages?: readonly string[];
  /** How long a second click on the same button is ignored after the first finished. */
  doubleClickWindowMs?: number;
}

export interface Bot {
  client: Client;
  services: BotServices;
  commands: readonly BotCommand[];
  /** Interactions being answered right now. */
  inFlight(): number;
  /** Stops taking interactions, lets the running ones finish, waits for the engine, disconnects. */
  stop(): Promise<void>;
}

export const DEFAULT_DEFER_AFTER_MS = 1200;

export async function startBot(options: BotOptions): Promise<Bot> {
  const commands = options.commands ?? (await loadCommands());
  const services: BotServices = {
    baleia: options.baleia,
    files: options.files,
    learning: options.learning,
    classes: options.classes,
    payloads: new PayloadStore(),
    channels: options.channels ?? memoryChannelSettings(),
    clicks: new ClickGuard(options.doubleClickWindowMs ?? 3000),
    queue: new KeyedLock(),
    log: options.log,
    officialImages: options.officialImages ?? [],
  };
  const router = createRouter({ services, commands, deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Nothing the bot sends may ping anyone, whatever a reply forgets to say.
    allowedMentions: { parse: [] },
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });

  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    const work = accepting ? router.route(interaction) : router.refuse(interaction);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  client.on(Events.Error, (error) => options.log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => options.log.warn(message));
  client.rest.on('rateLimited', (info) => options.log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited by Discord'));

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, (c) => {
      options.log.info({ user: c.user.tag, guilds: c.guilds.cache.size, commands: commands.map((command) => command.data.name) }, 'Baleia is online');
      resolve();
    });
    client.once(Events.Invalidated, () => reject(new Error('the Discord session was invalidated')));
  });
  await client.login(options.token);
  await ready;

  let stopping: Promise<void> | undefined;
  return {
    client,
    services,
    commands,
    inFlight: () => inFlight.size,
    stop() {
      stopping ??= (async () => {
        accepting = false;
        options.log.info({ inFlight: inFlight.size }, 'stopping: finishing the interactions in flight');
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        await services.queue.idle();
        await options.learning.idle();
        await options.baleia.idle();
        await client.destroy();
        options.log.info('stopped');
      })();
      return stopping;
    },
  };
}
