// `npm run register`: sends the slash commands in commands/ to Discord — to one class server
// when DISCORD_GUILD_ID is set (instant), else globally (can take up to an hour to show).
import 'dotenv/config';
import { REST, Routes } from 'discord.js';
import { ConfigError, parseConfig } from './config';
import type { BotCommand } from './discord/command';
import { commandPayloads, loadCommands } from './discord/loader';
import { invokedDirectly } from './invoked-directly';

export interface RegisterOptions {
  token: string;
  /** REST base, e.g. https://discord.com/api (the default) or a test server's. */
  apiUrl?: string | undefined;
  guildId?: string | undefined;
  commands?: readonly BotCommand[];
}

export interface RegisterResult {
  applicationId: string;
  target: 'guild' | 'global';
  names: string[];
}

export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  try {
    const application = (await rest.get(Routes.currentApplication())) as { id: string };
    const body = commandPayloads(options.commands ?? (await loadCommands()));
    const route = options.guildId ? Routes.applicationGuildCommands(application.id, options.guildId) : Routes.applicationCommands(application.id);
    const saved = (await rest.put(route, { body })) as Array<{ name: string }>;
    return { applicationId: application.id, target: options.guildId ? 'guild' : 'global', names: saved.map((command) => command.name) };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

async function main(): Promise<number> {
  const config = parseConfig(process.env);
  if (!config.DISCORD_TOKEN) {
    process.stderr.write('DISCORD_TOKEN is not set: put the bot token in .env (see .env.example).\n');
    return 1;
  }
  const result = await registerCommands({ token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL, guildId: config.DISCORD_GUILD_ID });
  const where = result.target === 'guild' ? `the server ${config.DISCORD_GUILD_ID}` : 'every server (global commands can take up to an hour to appear)';
  process.stdout.write(`Registered ${result.names.map((name) => `/${name}`).join(', ')} for ${where}.\n`);
  return 0;
}

if (invokedDirectly(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
