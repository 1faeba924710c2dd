// The slash commands as Discord registers them: valid names, lengths and pt-BR localizations,
// permissions where they matter, and a loader that refuses a malformed module.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandLoadError, commandPayloads, loadCommands } from '../../src/discord/loader';
import { registerCommands } from '../../src/register';
import { createFakeDiscord, type FakeDiscord, validateCommandList } from '../fake-discord';

type Option = { type: number; name: string; description: string; name_localizations?: Record<string, string>; description_localizations?: Record<string, string>; options?: Option[] };

function everyOption(options: Option[] | undefined): Option[] {
  return (options ?? []).flatMap((option) => [option, ...everyOption(option.options)]);
}

describe('command registration', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await createFakeDiscord({ quiet: true });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('builds payloads Discord accepts, each described in English and Brazilian Portuguese', async () => {
    const payloads = commandPayloads(await loadCommands()) as unknown as Array<Option & { default_member_permissions?: string | null; contexts?: number[] }>;
    expect(payloads.map((command) => command.name)).toEqual(['class', 'docker', 'file', 'help', 'host', 'lab-channel', 'lab', 'leaderboard', 'lesson', 'progress', 'quiz', 'reset', 'settings', 'sh']);
    expect(validateCommandList(payloads).errors).toEqual([]);
    for (const item of [...payloads, ...payloads.flatMap((command) => everyOption(command.options))]) {
      expect(item.description.length, item.name).toBeLessThanOrEqual(100);
      expect(item.description_localizations?.['pt-BR'], item.name).toBeTruthy();
    }
    expect(Object.fromEntries(payloads.map((command) => [command.name, command.name_localizations?.['pt-BR'] ?? command.name]))).toEqual({
      class: 'turma',
      docker: 'docker',
      file: 'arquivo',
      help: 'ajuda',
      host: 'host',
      lab: 'lab',
      'lab-channel': 'canal-lab',
      leaderboard: 'ranking',
      lesson: 'licao',
      progress: 'progresso',
      quiz: 'quiz',
      reset: 'resetar',
      settings: 'preferencias',
      sh: 'sh',
    });
    const lab = payloads.find((command) => command.name === 'lab-channel')!;
    expect(lab.default_member_permissions).toBe('32');
    expect(lab.contexts).toEqual([0]);
    expect(payloads.find((command) => command.name === 'docker')!.contexts).toEqual([0, 1]);
  });

  it('registers to one class server with DISCORD_GUILD_ID, else globally', async () => {
    const guild = await registerCommands({ token: fake.token, apiUrl: fake.restUrl, guildId: fake.guild.id });
    expect(guild.target).toBe('guild');
    expect(fake.commands(fake.guild.id).map((command) => command.name)).toEqual(guild.names);
    expect(fake.commands()).toEqual([]);
    const global = await registerCommands({ token: fake.token, apiUrl: fake.restUrl });
    expect(global.target).toBe('global');
    expect(fake.commands().map((command) => command.name)).toHaveLength(14);
    expect(fake.restCalls.filter((call) => call.status >= 400)).toEqual([]);
  });

  it('refuses a module that is not a slash command, naming the file and the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baleia-commands-'));
    writeFileSync(join(dir, 'broken.mjs'), "export default { data: { name: 'Bad Name', toJSON() { return {}; } } };\n");
    const error = await loadCommands(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandLoadError);
    expect((error as Error).message).toContain('commands/broken.mjs is not a slash command module');
    expect((error as Error).message).toContain('data.name: a lower-case command name of 1-32 characters');
    expect((error as Error).message).toContain('execute');
  });
});
