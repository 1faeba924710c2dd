// /class for instructors and /leaderboard for students, end to end: a member who is not an
// instructor is refused every /class command (even where the server let them see it), the
// instructor role works as well as Manage Server, instructor replies are private, the overview
// picture is a PNG, the CSV opens back with spreadsheet formulas neutralised, and students see
// no more of each other than the leaderboard.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXPORT_COLUMNS } from '../../src/learning/class-report';
import type { InteractionHandle } from '../fake-discord';
import type { OptionValue } from '../fake-discord/types';
import { bootBot, reply, type Booted } from './support/boot';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let b: Booted;
beforeAll(async () => {
  b = await bootBot({
    fake: {
      quiet: true,
      guilds: [
        {
          name: 'Docker Class',
          preferredLocale: 'en-US',
          channels: [{ name: 'general' }, { name: 'daily' }],
          roles: [{ name: 'Instructor', permissions: ['ManageGuild'] }, { name: 'Monitor' }],
          members: [
            { user: { username: 'teacher', locale: 'en-US' }, roles: ['Instructor'] },
            { user: { username: 'monitor', locale: 'pt-BR' }, roles: ['Monitor'] },
            { user: { username: 'ana', locale: 'en-US' } },
            { user: { username: '=HYPERLINK("http://x")', locale: 'en-US' } },
            { user: { username: 'newcomer', locale: 'en-US' } },
          ],
        },
      ],
    },
  });
  b.at('2026-03-02T10:00:00-03:00');
});
afterAll(async () => {
  await b?.close();
});

const EVERY_CLASS_COMMAND: [string, Record<string, OptionValue>][] = [
  ['class setup', { channel: 'daily', time: '08:00' }],
  ['class daily now', {}],
  ['class daily pause', {}],
  ['class daily resume', {}],
  ['class leaderboard', {}],
  ['class student', { user: 'teacher' }],
  ['class overview', {}],
  ['class export', {}],
  ['class assign', { lab: 'first-web-server' }],
];

function filesOf(handle: InteractionHandle) {
  return handle.record.callback?.files.length ? handle.record.callback.files : handle.record.edits.flatMap((edit) => edit.files);
}

/** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('/class', () => {
  it('refuses every /class command to a member who is not an instructor, even when the server shows it to them', async () => {
    for (const [command, options] of EVERY_CLASS_COMMAND) {
      const handle = b.fake.slash(command, { user: 'ana', options, force: true });
      const message = await reply(handle);
      expect((await handle.waitForResponse()).ephemeral, command).toBe(true);
      expect(message.embeds[0]!.description, command).toBe('Only instructors can use /class: members with Manage Server, or the class’s instructor role.');
    }
    expect(b.store.classes.settings(b.fake.guild.id)).toBeUndefined();
    expect(b.store.learning.assignments(b.fake.guild.id)).toEqual([]);
    // Discord itself hides /class from members without Manage Server.
    expect(() => b.fake.slash('class overview', { user: 'ana' })).toThrow();
  });

  it('checks the time and the time zone an instructor types', async () => {
    const badTime = await reply(b.fake.slash('class setup', { user: 'teacher', options: { channel: 'daily', time: '9h' } }));
    expect(badTime.embeds[0]!.description).toBe('“9h” is not a time: use HH:MM, 24-hour, such as 09:00 or 18:30.');
    const badZone = await reply(b.fake.slash('class setup', { user: 'teacher', options: { channel: 'daily', timezone: 'Brasil/Recife' } }));
    expect(badZone.embeds[0]!.description).toBe('“Brasil/Recife” is not a time zone Baleia knows: use an IANA name such as America/Sao_Paulo or Europe/Lisbon.');
    const noChannel = await reply(b.fake.slash('class setup', { user: 'teacher', options: { time: '08:00' } }));
    expect(noChannel.embeds[0]!.description).toBe('Pick the channel for the daily question: /class setup channel:#channel.');
    const zones = await b.fake.autocomplete('class setup', { user: 'teacher', options: { timezone: 'sao_p' }, focused: 'timezone' }).waitForResponse();
    expect(zones.choices).toEqual([{ name: 'America/Sao_Paulo', value: 'America/Sao_Paulo' }]);
  });

  it('lets the configured instructor role in, and answers it privately in its language', async () => {
    const monitorRole = b.fake.role('Monitor').id;
    const saved = await reply(b.fake.slash('class setup', { user: 'teacher', options: { channel: 'daily', role: monitorRole, time: '08:00', timezone: 'America/Sao_Paulo' } }));
    expect(saved.embeds[0]!.description).toContain(`**Instructor role:** <@&${monitorRole}>`);
    const handle = b.fake.slash('class daily pause', { user: 'monitor', force: true });
    const paused = await reply(handle);
    expect((await handle.waitForResponse()).ephemeral).toBe(true);
    expect(String(paused.embeds[0]!.description).split('\n')[0]).toBe('A pergunta do dia está pausada. /turma diaria retomar a traz de volta.');
    const resumed = await reply(b.fake.slash('class daily resume', { user: 'monitor', force: true }));
    expect(String(resumed.embeds[0]!.description).split('\n')[0]).toBe('A pergunta do dia voltou.');
  });

  it('posts a question right now with /class daily now and links to it', async () => {
    const handle = b.fake.slash('class daily now', { user: 'teacher' });
    const answer = await reply(handle);
    // The test has no timer: the runner posts it, as the timer would on the use case's signal.
    await b.daily.runDue();
    const posted = b.fake.messagesIn(b.fake.channelNamed('daily').id).filter((m) => (m.flags & 64) === 0);
    expect(posted).toHaveLength(1);
    expect(answer.embeds[0]!.description).toBe(`The question is ready and goes out in <#${b.fake.channelNamed('daily').id}> in a moment.`);
  });
});

describe('a daily question that cannot go out', () => {
  it('is shown to instructors in /class setup', async () => {
    // The channel is gone (deleted after the setup).
    await b.classes.setup(b.fake.guild.id, { channelId: '1234567890123456789' }, 'teacher', 'en');
    await b.classes.requestPrompt(b.fake.guild.id, 'teacher');
    const report = await b.daily.runDue();
    expect(report.failed).toHaveLength(1);
    const status = await reply(b.fake.slash('class setup', { user: 'teacher' }));
    expect(String(status.embeds[0]!.description)).toMatch(/\n\n⚠️ The latest question could not be posted: .+\. Check that Baleia can see the channel, send messages and embed links there\.$/);
    // Pointing the class at a real channel sends that question there.
    await reply(b.fake.slash('class setup', { user: 'teacher', options: { channel: 'daily' } }));
    const retried = await b.daily.runDue();
    expect(retried).toMatchObject({ posted: report.failed.map((f) => f.id), failed: [] });
  });
});

describe('what instructors see', () => {
  beforeAll(async () => {
    // A little activity: ana studies, the second student hides from the board and trips on Docker.
    for (let i = 0; i < 3; i++) {
      const card = await reply(b.fake.slash('quiz', { user: 'ana' }));
      const first = (card.components[0]!.components as Array<{ custom_id: string }>)[0]!.custom_id;
      await reply(b.fake.clickButton(card, first));
    }
    await reply(b.fake.slash('leaderboard', { user: '=HYPERLINK("http://x")', options: { hide: true } }));
    await reply(b.fake.slash('docker', { user: '=HYPERLINK("http://x")', options: { command: 'run -d --name web nginx' } }));
    await reply(b.fake.slash('docker', { user: '=HYPERLINK("http://x")', options: { command: 'rm web' } }));
  });

  it('shows students the top ten and their own place, without hidden classmates', async () => {
    const board = await reply(b.fake.slash('leaderboard', { user: 'ana' }));
    const lines = String(board.embeds[0]!.description).split('\n');
    expect(lines.some((line) => line.includes('HYPERLINK'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^You: #\d+ of \d+, \d+ points\.$/);
    const hidden = await reply(b.fake.slash('leaderboard', { user: '=HYPERLINK("http://x")' }));
    expect(String(hidden.embeds[0]!.description)).toContain('You are hidden from the board');
  });

  it('lists everyone for instructors, hidden students marked', async () => {
    const board = await reply(b.fake.slash('class leaderboard', { user: 'teacher' }));
    const text = String(board.embeds[0]!.description);
    expect(text).toContain('(hidden from classmates)');
    expect(text).toContain('ana');
    expect(text).not.toContain('teacher');
  });

  it('reports one student: mastery, weak facts, labs, streak, recent mistakes, last activity', async () => {
    const report = await reply(b.fake.slash('class student', { user: 'teacher', options: { user: '=HYPERLINK("http://x")' } }));
    const fields = report.embeds[0]!.fields as Array<{ name: string; value: string }>;
    expect(fields.map((f) => f.name)).toEqual(['Mastery', 'Weak facts', 'Labs passed', 'Streak', 'Last activity', 'Recent mistakes']);
    expect(fields.at(-1)!.value).toMatch(/^`container.remove-running` cannot remove container "web": container is running/);
    const nobody = await reply(b.fake.slash('class student', { user: 'teacher', options: { user: 'newcomer' } }));
    expect(nobody.embeds[0]!.description).toBe('newcomer has not used Baleia in this server yet.');
  });

  it('draws the overview as a PNG, with the common mistakes and who is inactive', async () => {
    const handle = b.fake.slash('class overview', { user: 'teacher' });
    const message = await reply(handle);
    expect(message.embeds[0]!.title).toMatch(/^Class overview · \d+ student\(s\)$/);
    const fields = message.embeds[0]!.fields as Array<{ name: string; value: string }>;
    expect(fields.map((f) => f.name)).toEqual(['Most common Docker mistakes (14 days)', 'Most common wrong answers (14 days)', 'Inactive for 7+ days']);
    expect(fields[0]!.value).toBe("`container.remove-running` 1× by 1 student(s) · F11 F21");
    const png = filesOf(handle)[0]!.data;
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.readUInt32BE(16)).toBe(760);
  });

  it('exports a CSV that opens back with one row per student and formulas neutralised', async () => {
    const handle = b.fake.slash('class export', { user: 'teacher' });
    const message = await reply(handle);
    expect(message.embeds[0]!.description).toMatch(/^Class export: \d+ student\(s\), one row each/);
    const file = filesOf(handle)[0]!;
    expect(file.filename).toBe('baleia-class.csv');
    const text = file.data.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    // Instructors use the bot too, but the export is the class: one row per student, no teacher.
    const students = b.store.students.learners(b.fake.guild.id);
    expect(students.length).toBeLessThan(b.store.students.list(b.fake.guild.id).length);
    expect(rows).toHaveLength(1 + students.length);
    const byName = new Map(rows.slice(1).map((row) => [row[EXPORT_COLUMNS.indexOf('displayName')]!, row]));
    const risky = byName.get(`'=HYPERLINK("http://x")`)!;
    expect(risky).toBeDefined();
    expect(risky[EXPORT_COLUMNS.indexOf('userName')]).not.toMatch(/^[=+\-@]/);
    expect(risky[EXPORT_COLUMNS.indexOf('hiddenFromLeaderboard')]).toBe('true');
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const ana = byName.get('ana')!;
    expect(Number(ana[EXPORT_COLUMNS.indexOf('reviews')])).toBe(3);
    expect(byName.has('teacher')).toBe(false);
  });

  it('assigns a lab to the class and follows who finished it', async () => {
    const assigned = await reply(b.fake.slash('class assign', { user: 'teacher', options: { lab: 'first-web-server' } }));
    expect(String(assigned.embeds[0]!.description)).toMatch(/^Assigned to the class: lab 1, Your first web server\.\n\nYour first web server: 0 of \d+ finished$/);
    const labs = await reply(b.fake.slash('lab', { user: 'ana' }));
    expect(String(labs.embeds[0]!.description).split('\n')[0]).toBe('⬜ **1.** Your first web server · 50 XP · ★ · 📌 assigned');
    await reply(b.fake.slash('docker', { user: 'ana', options: { command: 'run -d --name web -p 8080:80 nginx' } }));
    const opened = await reply(b.fake.slash('lab', { user: 'ana', options: { lab: 'first-web-server' } }));
    await reply(b.fake.clickButton(opened, 'lab:check:first-web-server'));
    const followed = await reply(b.fake.slash('class assign', { user: 'teacher' }));
    expect(String(followed.embeds[0]!.description)).toMatch(/^Your first web server: 1 of \d+ finished$/);
    const removed = await reply(b.fake.slash('class assign', { user: 'teacher', options: { lab: '1', remove: true } }));
    expect(String(removed.embeds[0]!.description)).toBe('No longer assigned: lab 1, Your first web server.\n\nNo lab is assigned. /class assign lab:<name> assigns one.');
  });
});
