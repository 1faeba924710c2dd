// /lesson and /quiz end to end, as a student lives them: a lesson read page by page with a
// "Try it" press that runs on their own host, and a quiz session over several days whose next
// review dates are FSRS's (a wrong answer back tomorrow, a right one later).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reviewCard, rateAnswer, newCard } from '../../src/learning/scheduler';
import type { FakeMessage } from '../fake-discord';
import { bootBot, buttons, customIdOf, reply, terminal, type Booted } from './support/boot';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let b: Booted;
beforeAll(async () => {
  b = await bootBot({
    fake: {
      quiet: true,
      guilds: [{ name: 'Turma Docker', preferredLocale: 'pt-BR', channels: [{ name: 'geral' }], members: [{ user: { username: 'ana', locale: 'en-US' } }, { user: { username: 'bia', locale: 'pt-BR' } }] }],
    },
  });
  b.at('2026-03-02T10:00:00-03:00');
});
afterAll(async () => {
  await b?.close();
});

const DAY = 86_400;

function description(message: FakeMessage, embed = 0): string {
  return String(message.embeds[embed]?.description ?? '');
}

function idsOf(message: FakeMessage): string[] {
  return message.components.flatMap((row) => (row.components as Array<{ custom_id?: string }>).map((c) => c.custom_id ?? ''));
}

describe('/lesson', () => {
  it('lists the lessons in course order with the student’s progress', async () => {
    const list = await reply(b.fake.slash('lesson', { user: 'ana' }));
    const text = description(list);
    expect(text.split('\n')[0]).toBe('⬜ **1.** What is an image?');
    expect(text.split('\n').filter((line) => line.startsWith('⬜'))).toHaveLength(b.course.lessons.length);
    expect(list.embeds[0]!.footer.text).toBe(`0 of ${b.course.lessons.length} lessons completed`);
    expect(buttons(list)).toEqual(['Continue']);
  });

  it('opens a lesson page with Try it buttons, runs one on the student’s own host and shows the result under the page', async () => {
    const page = await reply(b.fake.slash('lesson', { user: 'ana', options: { lesson: 'what-is-an-image' } }));
    expect(page.embeds[0]!.title).toBe(`Lesson 1/${b.course.lessons.length} · What is an image?`);
    expect(page.embeds[0]!.footer.text).toBe('Page 1/3 · course facts: F01');
    expect(buttons(page)).toEqual(['▶ Pull the alpine image', '▶ List your images', '▶ See its environment variables', '▶ See its default command', '◀ Previous', 'Next ▶']);

    const tried = await reply(b.fake.clickButton(page, customIdOf(page, '▶ Pull the alpine image')));
    expect(tried.id).toBe(page.id);
    expect(tried.embeds).toHaveLength(2);
    expect(terminal({ ...tried, embeds: [tried.embeds[1]!] })).toMatch(/^ana@baleia:~\$ docker pull alpine\nUsing default tag: latest\n/);
    expect(buttons(tried)[0]).toBe('✓ Pull the alpine image');
    // It ran on ana's own host: the image is there now.
    const images = await reply(b.fake.slash('docker', { user: 'ana', options: { command: 'images --format {{.Repository}}' } }));
    expect(terminal(images)).toBe('ana@baleia:~$ docker images --format {{.Repository}}\nalpine');
  });

  it('goes page by page to a last page that offers a question about the lesson and the next lesson', async () => {
    const first = await reply(b.fake.slash('lesson', { user: 'ana', options: { lesson: '1', page: 1 } }));
    const second = await reply(b.fake.clickButton(first, customIdOf(first, 'Next ▶')));
    expect(second.embeds[0]!.footer.text).toMatch(/^Page 2\/3/);
    const third = await reply(b.fake.clickButton(second, customIdOf(second, 'Next ▶')));
    expect(third.embeds[0]!.footer.text).toMatch(/^Page 3\/3/);
    expect(buttons(third).slice(-3)).toEqual(['◀ Previous', 'Question about this lesson', 'Next lesson ▶']);
    expect(third.embeds[0]!.fields.at(-1)).toEqual({ name: '🎉', value: 'Lesson complete! +20 XP' });

    const question = await reply(b.fake.clickButton(third, customIdOf(third, 'Question about this lesson')));
    expect(question.id).not.toBe(third.id);
    expect(question.embeds[0]!.title).toMatch(/^Quiz · /);
    expect(idsOf(question).every((id) => /^quiz:a:\d+:(a|b|c|d|true|false)$/.test(id))).toBe(true);

    const list = await reply(b.fake.slash('lesson', { user: 'ana' }));
    expect(description(list).split('\n')[0]).toBe('✅ **1.** What is an image?');
  });

  it('speaks Portuguese to a student whose Discord is in Portuguese, and autocompletes lesson names', async () => {
    const page = await reply(b.fake.slash('lesson', { user: 'bia', options: { lesson: 'what-is-a-container' } }));
    expect(page.embeds[0]!.title).toBe(`Lição 2/${b.course.lessons.length} · O que é um contêiner?`);
    expect(buttons(page)).toContain('Próxima ▶');
    const typed = await b.fake.autocomplete('lesson', { user: 'bia', options: { lesson: 'conte' }, focused: 'lesson' }).waitForResponse();
    expect(typed.choices?.map((choice) => choice.value)).toContain('what-is-a-container');
  });

  it('keeps another student’s buttons from acting on their lesson', async () => {
    const page = await reply(b.fake.slash('lesson', { user: 'ana', options: { lesson: '1', page: 1 } }));
    const handle = b.fake.clickButton(page, customIdOf(page, 'Next ▶'), { user: 'bia' });
    const answer = await handle.waitForReply();
    expect(answer.flags & 64).toBe(64);
    expect(description(answer)).toBe('Estes botões são da mensagem de outro estudante. Use /licao, /quiz ou /lab para os seus.');
  });
});

describe('/quiz', () => {
  function optionFor(message: FakeMessage, right: boolean): string {
    const cardId = /^quiz:a:(\d+):/.exec(idsOf(message)[0]!)![1]!;
    const row = b.store.learning.presentation(Number(cardId))!;
    const question = b.course.questionById.get(row.questionId)!;
    const keys = idsOf(message).map((id) => id.split(':')[3]!);
    let rightKey: string;
    if (question.kind === 'truefalse') rightKey = String(question.answer);
    else {
      const text = question.kind === 'choice' ? question.options[question.answer]!.en : b.course.predictAnswers.get(question.id)!;
      const desc = description(message);
      rightKey = keys.find((key) => {
        if (question.kind === 'choice') return desc.includes(`**${key.toUpperCase()})** ${text}`);
        const at = desc.indexOf(`**${key.toUpperCase()})**`);
        return at >= 0 && desc.slice(at).split('```')[1] === `\n${text === '' ? '(prints nothing)' : text}\n`;
      })!;
    }
    const key = right ? rightKey : keys.find((k) => k !== rightKey)!;
    return `quiz:a:${cardId}:${key}`;
  }

  it('follows FSRS: a wrong answer comes back tomorrow, a right one later, and the dates it shows are the stored ones', async () => {
    b.at('2026-03-03T09:00:00-03:00');
    const student = { username: 'carla', locale: 'en-US' };
    b.fake.addMember(student);
    const first = await reply(b.fake.slash('quiz', { user: 'carla' }));
    expect(first.embeds[0]!.title).toMatch(/ · new question$/);
    b.advance(5);
    const wrong = await reply(b.fake.clickButton(first, optionFor(first, false)));
    expect(wrong.id).toBe(first.id);
    expect(wrong.embeds[1]!.title).toBe('❌ Not quite');
    expect(description(wrong, 1)).toMatch(/\nNext review of this card: Wed, Mar 4 \(in 1 day\(s\)\)\.$/);
    expect(buttons(wrong)).toEqual(['Next card ▶']);

    const second = await reply(b.fake.clickButton(wrong, idsOf(wrong)[0]!));
    expect(second.id).toBe(first.id);
    b.advance(5);
    const right = await reply(b.fake.clickButton(second, optionFor(second, true)));
    expect(right.embeds[1]!.title).toBe('✅ Right!');
    const cardId = Number(/^quiz:a:(\d+):/.exec(idsOf(second)[0]!)![1]);
    const presented = b.store.learning.presentation(cardId)!;
    const stored = b.store.learning.card(`${b.fake.guild.id}`, b.fake.user('carla').id, presented.questionId)!;
    // The date shown is FSRS's own: a new card answered right and quickly (Easy) in São Paulo.
    const expected = reviewCard(newCard(presented.questionId, presented.shownAt), rateAnswer(b.course.questionById.get(presented.questionId)!.kind, true, 5_000), b.now(), 'America/Sao_Paulo');
    expect(stored.due).toBe(expected.card.due);
    expect(expected.intervalDays).toBeGreaterThan(1);
    const shownDay = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'America/Sao_Paulo' }).format(stored.due);
    expect(description(right, 1)).toContain(`Next review of this card: ${shownDay} (in ${expected.intervalDays} day(s)).`);

    // Tomorrow the wrong one is due again, and the right one is not.
    b.advance(DAY);
    const firstQuestion = b.store.learning.presentation(Number(/^quiz:a:(\d+):/.exec(idsOf(first)[0]!)![1]))!.questionId;
    const tomorrow = await reply(b.fake.slash('quiz', { user: 'carla' }));
    const tomorrowCard = b.store.learning.presentation(Number(/^quiz:a:(\d+):/.exec(idsOf(tomorrow)[0]!)![1]))!;
    expect(tomorrowCard.questionId).toBe(firstQuestion);
    expect(tomorrow.embeds[0]!.title).not.toMatch(/new question/);
  });

  it('counts a double click once', async () => {
    b.fake.addMember({ username: 'davi', locale: 'en-US' });
    const card = await reply(b.fake.slash('quiz', { user: 'davi' }));
    const press = optionFor(card, true);
    const one = b.fake.clickButton(card, press);
    const two = b.fake.clickButton(card, press);
    const responses = await Promise.all([one.waitForResponse(), two.waitForResponse()]);
    // One press answers (the card is updated), the other is acknowledged and does nothing.
    expect(responses.map((r) => r.type).sort()).toEqual([6, 7]);
    const cardId = Number(press.split(':')[2]);
    const reviews = b.store.db.prepare('SELECT COUNT(*) AS n FROM reviews WHERE presentation_id = ?').get(cardId) as { n: number };
    expect(reviews.n).toBe(1);
    // A second try with another option changes nothing either: the first answer stands.
    const other = idsOf(card).find((id) => id !== press)!;
    const again = await reply(b.fake.clickButton(card, other, { force: true }));
    expect(again.embeds[1]!.title).toBe('✅ Right!');
    expect(description(again, 1)).toMatch(/^\*You had answered this card already: it counted once\.\*/);
    const after = b.store.db.prepare('SELECT COUNT(*) AS n FROM reviews WHERE presentation_id = ?').get(cardId) as { n: number };
    expect(after.n).toBe(1);
  });

  it('takes a typed command for a "type the command" card, through a form, checked on a scratch host', async () => {
    b.fake.addMember({ username: 'edu', locale: 'en-US' });
    const command = b.course.questions.find((q) => q.kind === 'command')!;
    // The card shown to edu (as /quiz would when it is the one due).
    b.store.learning.createPresentation({ scope: b.fake.guild.id, userId: b.fake.user('edu').id, questionId: command.id, source: 'quiz', ref: null, shownAt: b.now() });
    const card = await reply(b.fake.slash('quiz', { user: 'edu' }));
    expect(buttons(card)).toEqual(['Type the command']);
    const cardId = idsOf(card)[0]!.split(':')[2]!;
    const question = b.course.questionById.get(b.store.learning.presentation(Number(cardId))!.questionId)!;
    if (question.kind !== 'command') throw new Error('expected a command card');
    const opened = b.fake.clickButton(card, `quiz:type:${cardId}`);
    const modal = await opened.waitForResponse();
    expect(modal.type).toBe(9);
    const answered = await reply(b.fake.submitModal(opened, { line: question.example }));
    expect(answered.embeds.at(-1)!.title).toBe('✅ Right!');
    expect(description(answered, 1)).toMatch(/✅ /);
  });
});

describe('/progress', () => {
  it('sends the progress picture as a PNG with the text summary', async () => {
    const handle = b.fake.slash('progress', { user: 'ana' });
    const message = await reply(handle);
    expect(message.embeds[0]!.title).toBe("ana's progress");
    expect(description(message)).toMatch(/^XP: \d+ /);
    expect(message.embeds[0]!.image.url).toMatch(/progress\.png/);
    const files = handle.record.callback?.files.length ? handle.record.callback.files : handle.record.edits.flatMap((edit) => edit.files);
    expect(files[0]!.data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  });
});
