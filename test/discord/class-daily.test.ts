// The daily question through the fake Discord, with a clock the test moves: set up by an
// instructor, posted at the class's time in its zone for a week (Tokyo's evening is still the
// same UTC day), revealed before the next one, thirty students answering within one second each
// counted once, and restarts during a post that neither skip the day nor post it twice.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { promptNonce } from '../../src/daily/runner';
import type { DailyPromptRow } from '../../src/store/class';
import type { FakeMessage } from '../fake-discord';
import { bootBot, reply, type Booted } from './support/boot';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const STUDENTS = Array.from({ length: 30 }, (_, i) => `aluno${String(i + 1).padStart(2, '0')}`);

let b: Booted;
let channelId: string;
beforeAll(async () => {
  b = await bootBot({
    fake: {
      quiet: true,
      guilds: [
        {
          name: 'Turma Docker',
          preferredLocale: 'pt-BR',
          channels: [{ name: 'geral' }, { name: 'pergunta-do-dia' }],
          roles: [{ name: 'Instrutor', permissions: ['ManageGuild'] }],
          members: [{ user: { username: 'teacher', locale: 'en-US' }, roles: ['Instrutor'] }, ...STUDENTS.map((username, i) => ({ user: { username, locale: i % 2 === 0 ? 'pt-BR' : 'en-US' } }))],
        },
        // A server where the bot may not read message history: only the nonce guards a retry.
        { name: 'Sem histórico', everyonePermissions: ['ViewChannel', 'SendMessages'], botPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'AttachFiles', 'UseApplicationCommands'], channels: [{ name: 'daily' }], members: [{ user: { username: 'other', locale: 'en-US' } }] },
      ],
    },
  });
  channelId = b.fake.channelNamed('pergunta-do-dia').id;
  b.at('2026-03-02T12:00:00+09:00');
});
afterAll(async () => {
  await b?.close();
});

const MINUTE = 60_000;

function botMessages(channel = channelId): FakeMessage[] {
  return b.fake.messagesIn(channel).filter((m) => m.author?.id === b.fake.botUser.id && (m.flags & 64) === 0);
}
const prompts = (channel = channelId) => botMessages(channel).filter((m) => m.embeds[0]?.title === 'Pergunta do dia' || m.embeds[0]?.title === 'Question of the day');
const reveals = (channel = channelId) => botMessages(channel).filter((m) => String(m.embeds[0]?.title).startsWith('Resposta') || String(m.embeds[0]?.title).startsWith('Answer to'));

async function runUntil(iso: string, stepMinutes = 15): Promise<void> {
  const until = Date.parse(iso);
  while (b.now() < until) {
    b.advance(stepMinutes * 60);
    const report = await b.daily.runDue();
    expect(report.failed).toEqual([]);
  }
}

function promptRow(message: FakeMessage): DailyPromptRow {
  const id = Number(String((message.components[0]!.components as Array<{ custom_id: string }>)[0]!.custom_id).split(':')[1]);
  return b.classes.prompt(id)!;
}

function rightKey(prompt: DailyPromptRow): string {
  const question = b.course.questionById.get(prompt.questionId)!;
  const content = b.classes.promptContent(prompt, 'en')!;
  if (question.kind === 'truefalse') return String(question.answer);
  if (question.kind === 'choice') return content.options.find((o) => o.text === question.options[question.answer]!.en)!.key;
  const answer = b.course.predictAnswers.get(question.id)!;
  return content.options.find((o) => o.text === (answer === '' ? '(prints nothing)' : answer))!.key;
}

describe('the daily question', () => {
  it('is set up by an instructor: channel, time, time zone', async () => {
    const handle = b.fake.slash('class setup', { user: 'teacher', options: { channel: channelId, time: '23:30', timezone: 'asia/tokyo' } });
    const message = await reply(handle);
    expect((await handle.waitForResponse()).ephemeral).toBe(true);
    expect(String(message.embeds[0]!.description).split('\n').slice(0, 6)).toEqual([
      'Saved.',
      '',
      `**Channel:** <#${channelId}>`,
      '**Time:** 23:30 (Asia/Tokyo)',
      '**Open for:** until just before the next question',
      '**Language of the question:** pt-BR',
    ]);
    expect(String(message.embeds[0]!.description)).toContain(`**Next question:** <t:${Date.parse('2026-03-02T23:30:00+09:00') / 1000}:F>`);
  });

  it('goes out every class day for a week at 23:30 in Tokyo, each revealed a minute before the next', async () => {
    await runUntil('2026-03-09T00:00:00+09:00');
    const posted = prompts();
    expect(posted).toHaveLength(7);
    expect(posted.map((m) => promptRow(m).day)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    // 23:30 in Tokyo is 14:30 UTC: the class's day, not UTC's.
    expect(posted.map((m) => new Date(promptRow(m).postedAt!).toISOString().slice(11, 16))).toEqual(Array(7).fill('14:30'));
    const revealed = reveals();
    expect(revealed).toHaveLength(6);
    for (const [i, message] of revealed.entries()) {
      expect(message.message_reference?.message_id).toBe(posted[i]!.id);
      expect(message.embeds[0]!.description).toMatch(/\n\nNinguém respondeu esta\.$/);
      // The prompt itself is closed: buttons off, the right one green.
      const closed = b.fake.message(posted[i]!.id)!;
      const buttons = closed.components[0]!.components as Array<{ disabled?: boolean; style: number; custom_id: string }>;
      expect(buttons.every((button) => button.disabled)).toBe(true);
      expect(buttons.filter((button) => button.style === 3).map((button) => button.custom_id.split(':')[2])).toEqual([rightKey(promptRow(posted[i]!))]);
    }
    expect(new Set(posted.map((m) => promptRow(m).questionId)).size).toBe(7);
    // Sent with a nonce Discord enforces, so a retried send cannot post twice.
    const sends = b.fake.restCalls.filter((call) => call.method === 'POST' && call.path === `/channels/${channelId}/messages`);
    expect((sends[0]!.body as { nonce: string; enforce_nonce: boolean })).toMatchObject({ nonce: promptNonce(promptRow(posted[0]!).id), enforce_nonce: true });
  });

  it('counts each of thirty students answering within one second once, double clicks and second tries included', async () => {
    await runUntil('2026-03-09T23:30:00+09:00', 5);
    const message = prompts().at(-1)!;
    const prompt = promptRow(message);
    expect(prompt.day).toBe('2026-03-09');
    const right = rightKey(prompt);
    const wrong = (message.components[0]!.components as Array<{ custom_id: string }>).map((c) => c.custom_id.split(':')[2]!).find((key) => key !== right)!;
    const choice = (i: number) => (i % 3 === 0 ? wrong : right);
    const clicks = STUDENTS.map((user, i) => b.fake.clickButton(message, `daily:${prompt.id}:${choice(i)}`, { user }));
    // Five of them double-click, and five more press the other option right away.
    const doubles = STUDENTS.slice(0, 5).map((user, i) => b.fake.clickButton(message, `daily:${prompt.id}:${choice(i)}`, { user }));
    const changes = STUDENTS.slice(5, 10).map((user, i) => b.fake.clickButton(message, `daily:${prompt.id}:${choice(i + 5) === right ? wrong : right}`, { user }));
    const responses = await Promise.all([...clicks, ...doubles, ...changes].map((handle) => handle.waitForResponse(10_000)));
    expect(responses.every((r) => r.type === 6 || r.ephemeral)).toBe(true);
    const feedback = await Promise.all(clicks.map((handle) => handle.waitForReply(10_000)));
    expect(feedback[0]!.embeds[0]!.title).toBe(choice(0) === right ? '✅ Certo!' : '❌ Não foi dessa vez');
    expect(feedback[1]!.embeds[0]!.title).toBe(choice(1) === right ? '✅ Right!' : '❌ Not quite');

    const results = b.learning.dailyResults(b.fake.guild.id, String(prompt.id), prompt.questionId, 'en')!;
    expect(results.answers).toBe(30);
    expect(results.correct).toBe(20);
    const reviews = b.store.db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM reviews WHERE source = 'daily' AND ref = ?").get(String(prompt.id));
    expect(reviews).toEqual({ n: 30, users: 30 });

    // A press after the reveal only says what the answer was.
    await runUntil('2026-03-10T23:30:00+09:00', 5);
    const reveal = reveals().at(-1)!;
    expect(reveal.message_reference?.message_id).toBe(message.id);
    expect(String(reveal.embeds[0]!.description)).toContain('Resultado da turma: 20 de 30 acertaram (67%).');
    const late = await reply(b.fake.clickButton(message, `daily:${prompt.id}:${right}`, { user: 'teacher', force: true }));
    expect(late.flags & 64).toBe(64);
    expect(String(late.embeds[0]!.description)).toMatch(/^This question is closed\. The answer was \*\*/);
  });
});

describe('a restart during a post', () => {
  it('finds the message Discord already had instead of posting it again', async () => {
    const before = prompts().length;
    const real = b.classes.markPosted;
    // The process dies right after Discord accepted the message, before SQLite recorded it.
    b.classes.markPosted = () => {
      throw new Error('killed');
    };
    b.advance(24 * 3600);
    const crashed = await b.daily.runDue();
    expect(crashed.failed).toHaveLength(1);
    b.classes.markPosted = real;
    expect(prompts()).toHaveLength(before + 1);
    await b.restart();
    const report = await b.daily.runDue();
    expect(report.posted).toEqual([crashed.failed[0]!.id]);
    expect(prompts()).toHaveLength(before + 1);
    expect(b.classes.prompt(crashed.failed[0]!.id)!.messageId).toBe(prompts().at(-1)!.id);
  });

  it('posts the day after a crash before Discord got the message, exactly once', async () => {
    const before = prompts().length;
    const real = b.classes.countPostAttempt;
    b.classes.countPostAttempt = (id) => {
      real(id);
      throw new Error('killed before sending');
    };
    b.advance(24 * 3600);
    const crashed = await b.daily.runDue();
    expect(crashed.failed).toHaveLength(1);
    expect(prompts()).toHaveLength(before);
    await b.restart();
    await b.daily.runDue();
    expect(prompts()).toHaveLength(before + 1);
    await b.daily.runDue();
    expect(prompts()).toHaveLength(before + 1);
  });

  it('relies on Discord’s nonce when the bot cannot read the channel’s history', async () => {
    const guild = b.fake.guilds[1]!;
    const channel = b.fake.channelNamed('daily', guild.id).id;
    const setup = await b.classes.setup(guild.id, { channelId: channel, time: '09:00', timeZone: 'America/Sao_Paulo' }, 'owner', 'en');
    expect(setup.status).toBe('ok');
    b.at('2026-03-20T09:00:00-03:00');
    const real = b.classes.markPosted;
    b.classes.markPosted = () => {
      throw new Error('killed');
    };
    await b.daily.runDue();
    b.classes.markPosted = real;
    await b.restart();
    b.advance(60);
    const report = await b.daily.runDue();
    expect(report.failed).toEqual([]);
    expect(prompts(channel)).toHaveLength(1);
    expect(b.logs.some((line) => line.includes('could not read the class channel'))).toBe(true);
    // It was sent twice with the same nonce; Discord answered the second with the first message.
    const sends = b.fake.restCalls.filter((call) => call.method === 'POST' && call.path === `/channels/${channel}/messages`);
    const nonces = sends.map((call) => (call.body as { nonce: string }).nonce);
    expect(nonces).toHaveLength(2);
    expect(nonces[1]).toBe(nonces[0]);
    expect(sends.map((call) => (call.response as { id: string }).id)).toEqual([prompts(channel)[0]!.id, prompts(channel)[0]!.id]);
  });
});

describe('a streak in the class’s days', () => {
  /** Answers /quiz cards until none is left today; the last answer's footer shows the streak. */
  async function studyToday(user: string): Promise<string> {
    let message = await reply(b.fake.slash('quiz', { user }));
    let footer = '';
    for (let i = 0; i < 30; i++) {
      const ids = message.components.flatMap((row) => (row.components as Array<{ custom_id: string }>).map((c) => c.custom_id));
      const card = /^quiz:(?:a|type):(\d+)/.exec(ids[0] ?? '')?.[1];
      if (!card) break;
      let answered: FakeMessage;
      if (ids[0]!.startsWith('quiz:type:')) {
        // "Type the command": the form, answered with the question's own example.
        const question = b.course.questionById.get(b.store.learning.presentation(Number(card))!.questionId)!;
        const opened = b.fake.clickButton(message, ids[0]!);
        await opened.waitForResponse();
        answered = await reply(b.fake.submitModal(opened, { line: question.kind === 'command' ? question.example : '' }));
      } else {
        answered = await reply(b.fake.clickButton(message, ids[0]!));
      }
      footer = String(answered.embeds.at(-1)!.footer.text);
      if (!answered.components.length) break;
      message = await reply(b.fake.clickButton(answered, `quiz:next:${card}`));
    }
    return footer;
  }

  it('is kept across Tokyo’s midnight, though both days are one UTC day, and broken by a missed day', async () => {
    b.fake.addMember({ username: 'tomo', locale: 'en-US' });
    b.at('2026-03-20T23:40:00+09:00');
    expect(await studyToday('tomo')).toMatch(/Streak: 1 day\(s\)$/);
    b.at('2026-03-21T00:10:00+09:00');
    expect(await studyToday('tomo')).toMatch(/Streak: 2 day\(s\)$/);
    b.at('2026-03-23T09:00:00+09:00');
    expect(await studyToday('tomo')).toMatch(/Streak: 1 day\(s\)$/);
  });
});
