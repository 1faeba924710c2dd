// Loads every slash command from commands/: one file per command, `export default { data,
// execute }`, checked with a zod predicate. Adding a command is adding a file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BotCommandSchema, type BotCommand } from './command';

export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

const MODULE_FILE = /^[a-z0-9][a-z0-9-]*\.(?:ts|js|mjs)$/;

export class CommandLoadError extends Error {}

export async function loadCommands(dir = COMMANDS_DIR): Promise<BotCommand[]> {
  const files = readdirSync(dir).filter((name) => MODULE_FILE.test(name) && !name.endsWith('.d.ts')).sort();
  const commands: BotCommand[] = [];
  const prefixes = new Map<string, string>();
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
    const parsed = BotCommandSchema.safeParse(module.default);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(default export)'}: ${issue.message}`).join('; ');
      throw new CommandLoadError(`commands/${file} is not a slash command module (export default { data, execute }): ${problems}`);
    }
    const command = module.default as BotCommand;
    if (commands.some((other) => other.data.name === command.data.name)) throw new CommandLoadError(`commands/${file}: a second command named /${command.data.name}`);
    for (const prefix of Object.keys(command.components ?? {})) {
      const owner = prefixes.get(prefix);
      if (owner) throw new CommandLoadError(`commands/${file}: the component prefix "${prefix}" is already used by ${owner}`);
      prefixes.set(prefix, file);
    }
    commands.push(command);
  }
  return commands;
}

/** The registration payloads (what `npm run register` sends to Discord). */
export function commandPayloads(commands: readonly BotCommand[]) {
  return commands.map((command) => command.data.toJSON());
}
