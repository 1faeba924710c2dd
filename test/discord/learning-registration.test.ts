// The learning and class commands as Discord registers them: valid payloads, every name and
// description in English and Brazilian Portuguese, /class for Manage Server by default and only
// in servers, and component prefixes that do not clash with the other commands'.
import { describe, expect, it } from 'vitest';
import { commandPayloads, loadCommands } from '../../src/discord/loader';
import { validateCommandList } from '../fake-discord';

type Option = { type: number; name: string; description: string; name_localizations?: Record<string, string>; description_localizations?: Record<string, string>; options?: Option[] };

const everyOption = (options: Option[] | undefined): Option[] => (options ?? []).flatMap((option) => [option, ...everyOption(option.options)]);

const LEARNING = ['class', 'lab', 'leaderboard', 'lesson', 'progress', 'quiz'];

describe('registering the learning and class commands', () => {
  it('builds payloads Discord accepts, each described in both languages', async () => {
    const commands = await loadCommands();
    const payloads = commandPayloads(commands) as unknown as Array<Option & { default_member_permissions?: string | null; contexts?: number[] }>;
    expect(validateCommandList(payloads).errors).toEqual([]);
    const mine = payloads.filter((command) => LEARNING.includes(command.name));
    expect(mine.map((command) => command.name).sort()).toEqual(LEARNING);
    for (const item of [...mine, ...mine.flatMap((command) => everyOption(command.options))]) {
      expect(item.description.length, item.name).toBeLessThanOrEqual(100);
      expect(item.description_localizations?.['pt-BR'], item.name).toBeTruthy();
    }
    expect(Object.fromEntries(mine.map((command) => [command.name, command.name_localizations?.['pt-BR'] ?? command.name]))).toEqual({
      class: 'turma',
      lab: 'lab',
      leaderboard: 'ranking',
      lesson: 'licao',
      progress: 'progresso',
      quiz: 'quiz',
    });
    const klass = mine.find((command) => command.name === 'class')!;
    expect(klass.default_member_permissions).toBe('32');
    expect(klass.contexts).toEqual([0]);
    expect(everyOption(klass.options).filter((o) => o.type === 1).map((o) => o.name).sort()).toEqual(['assign', 'export', 'leaderboard', 'now', 'overview', 'pause', 'resume', 'setup', 'student']);
    const prefixes = commands.flatMap((command) => Object.keys(command.components ?? {}));
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(prefixes).toEqual(expect.arrayContaining(['daily', 'lab', 'lesson', 'quiz']));
  });
});
