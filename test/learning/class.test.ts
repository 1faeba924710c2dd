// What an instructor sees of a class: mastery per fact, common mistakes, inactive students, a
// leaderboard that rewards lasting knowledge over bulk answering, assignments and the CSV.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QuizCardView } from '../../src/app/learning';
import type { StudentRef } from '../../src/app/baleia';
import { csvCell, EXPORT_COLUMNS } from '../../src/learning/class-report';
import { createWorld, DAY, SCOPE, type World } from './world';

// Each test drives the real engine and SQLite; on a loaded machine that takes a while.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let world: World;
beforeEach(async () => {
  world = await createWorld({ start: '2026-03-02T09:00:00-03:00' });
});

function rightAnswer(card: QuizCardView): string {
  const question = world.course.questionById.get(card.questionId)!;
  if (question.kind === 'choice') return card.options.find((o) => o.text === question.options[question.answer]![card.locale])!.key;
  if (question.kind === 'truefalse') return String(question.answer);
  if (question.kind === 'command') return question.example;
  const answer = world.course.predictAnswers.get(question.id)!;
  return card.options.find((o) => o.text === answer || (answer === '' && o.text.startsWith('(')))!.key;
}

/** Answers every card due today and the day's new ones, right and at a steady pace. */
async function studyToday(student: StudentRef): Promise<number> {
  let answers = 0;
  for (;;) {
    const next = await world.learning.nextQuizCard(student);
    if (next.status !== 'card') return answers;
    await world.learning.answerQuizCard(student, next.card.cardId, rightAnswer(next.card), 12_000);
    answers++;
  }
}

/** Answers a question about every lesson, over and over, as fast as possible, in one sitting. */
async function answerInBulk(student: StudentRef, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const lesson = world.course.lessons[i % world.course.lessons.length]!;
    const shown = await world.learning.lessonQuestion(student, lesson.id);
    if (shown.status !== 'card') continue;
    await world.learning.answerQuizCard(student, shown.card.cardId, rightAnswer(shown.card), 1_000);
  }
}

describe('the leaderboard', () => {
  it('ranks two weeks of steady reviews above forty quick answers in one afternoon', async () => {
    const [steady, burst] = [world.student('steady'), world.student('burst')];
    await answerInBulk(burst, 40);
    for (let day = 0; day < 14; day++) {
      await studyToday(steady);
      world.advance(DAY);
    }
    const board = world.learning.leaderboard(SCOPE);
    expect(board.map((e) => e.displayName)).toEqual(['steady', 'burst']);
    const [first, second] = board;
    expect(first).toMatchObject({ rank: 1, streak: 14 });
    expect(first!.factsMastered).toBeGreaterThan(second!.factsMastered);
    expect(second).toMatchObject({ rank: 2, streak: 0 });
  }, 60_000);

  it('leaves out students who hide themselves, who still see that they are hidden', async () => {
    const [ana, bia] = [world.student('ana'), world.student('bia')];
    await studyToday(ana);
    await studyToday(bia);
    await world.learning.setLeaderboardHidden(bia, true);
    expect(world.learning.leaderboard(SCOPE).map((e) => e.displayName)).toEqual(['ana']);
    expect(world.learning.leaderboardFor(bia)).toMatchObject({ me: null, hidden: true, students: 1 });
    expect(world.learning.leaderboardFor(ana)).toMatchObject({ me: { rank: 1, displayName: 'ana' }, hidden: false });
    expect(world.learning.leaderboard(SCOPE, { includeHidden: true })).toHaveLength(2);
  });

  it('gives tied students the same rank', async () => {
    world.baleia.profileOf(world.student('ana'));
    world.baleia.profileOf(world.student('bia'));
    expect(world.learning.leaderboard(SCOPE).map((e) => [e.rank, e.displayName, e.score])).toEqual([[1, 'ana', 0], [1, 'bia', 0]]);
  });
});

describe('the class overview', () => {
  it('gives mastery per fact across the class, counting students who never answered as zero', async () => {
    const [ana, bia] = [world.student('ana'), world.student('bia')];
    await studyToday(ana);
    world.baleia.profileOf(bia);
    world.advance(DAY);
    const f01 = world.learning.classMastery(SCOPE).find((f) => f.fact === 'F01')!;
    expect(f01).toMatchObject({ students: 2, answered: 1 });
    expect(f01.mean).toBeCloseTo(f01.meanAnswered! / 2, 10);
    expect(world.learning.classMastery(SCOPE).find((f) => f.fact === 'F38')).toMatchObject({ mean: 0, answered: 0, meanAnswered: null });
  });

  it('lists the most common wrong answers with the option the students chose', async () => {
    for (const name of ['ana', 'bia', 'caio']) {
      const student = world.student(name);
      const next = await world.learning.nextQuizCard(student);
      if (next.status !== 'card') throw new Error('a first card');
      const wrong = next.card.options.find((o) => o.text === 'A running process, ready to receive requests')!;
      await world.learning.answerQuizCard(student, next.card.cardId, name === 'caio' ? rightAnswer(next.card) : wrong.key, 5_000);
    }
    expect(world.learning.commonMistakes(SCOPE, { locale: 'en' }).quiz).toEqual([{
      questionId: 'image-contents',
      answer: 'option:2',
      answerText: 'A running process, ready to receive requests',
      count: 2,
      students: 2,
      prompt: 'What does a Docker image contain?',
      facts: ['F01'],
    }]);
  });

  it('names the students inactive for a week or more, longest first', async () => {
    world.baleia.profileOf(world.student('early'));
    world.advance(2 * DAY);
    world.baleia.profileOf(world.student('later'));
    world.advance(3 * DAY);
    await studyToday(world.student('active'));
    world.advance(5 * DAY);
    expect(world.learning.inactiveStudents(SCOPE, { days: 7 }).map((s) => [s.displayName, s.daysInactive])).toEqual([['early', 10], ['later', 8]]);
  });

  it('follows who finished an assigned lab', async () => {
    const ana = world.student('ana');
    world.baleia.profileOf(world.student('bia'));
    expect(world.learning.assignLab(SCOPE, '1', 'teacher')).toEqual({ status: 'ok', labId: 'first-web-server' });
    expect(world.learning.assignLab(SCOPE, 'no-such-lab', 'teacher')).toEqual({ status: 'not-found' });
    await world.learning.resetLab(ana, 'first-web-server');
    await world.learning.runLine(ana, 'docker run -d --name web -p 8080:80 nginx');
    await world.learning.checkLab(ana);
    expect(world.learning.assignments(SCOPE, 'en')).toEqual([
      { labId: 'first-web-server', title: 'Your first web server', assignedAt: world.now, assignedBy: 'teacher', passedBy: [ana.userId], students: 2 },
    ]);
    expect((await world.learning.listLabs(ana)).labs[0]).toMatchObject({ assigned: true, passed: true });
  });

  it('shows an instructor one student: weak facts, recent mistakes, labs and last activity', async () => {
    const ana = world.student('ana');
    const next = await world.learning.nextQuizCard(ana);
    if (next.status !== 'card') throw new Error('a first card');
    await world.learning.answerQuizCard(ana, next.card.cardId, next.card.options.find((o) => o.key !== rightAnswer(next.card))!.key, 5_000);
    await world.learning.runLine(ana, 'docker run -d --name web nginx');
    await world.learning.runLine(ana, 'docker rm web');
    const report = world.learning.studentReport(SCOPE, ana.userId, 'pt-BR')!;
    expect(report.weakFacts.map((f) => f.fact)).toEqual(['F01']);
    expect(report.recentMistakes.map((m) => m.code)).toEqual(['container.remove-running']);
    expect(report.recentWrongAnswers).toHaveLength(1);
    expect(report.progress.locale).toBe('pt-BR');
    expect(report.labs).toHaveLength(world.course.labs.length);
    expect(report.lastActiveAt).toBe(world.now);
    expect(world.learning.studentReport(SCOPE, 'nobody', 'en')).toBeUndefined();
  });
});

/** A CSV reader for the test (RFC 4180 quoting, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  return rows;
}

describe('the CSV export', () => {
  it('has one row per student that reads back, with formulas neutralised', async () => {
    const ana = world.student('ana');
    const mallory = { scope: SCOPE, userId: 'u-mallory', displayName: '=HYPERLINK("http://x","click, now")', locale: 'en' };
    await studyToday(ana);
    world.baleia.profileOf(mallory);
    const rows = parseCsv(world.learning.exportCsv(SCOPE));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(3);
    const byId = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, r[i]]))]));
    expect(byId.get('u-mallory')!.displayName).toBe('\'=HYPERLINK("http://x","click, now")');
    expect(byId.get(ana.userId)).toMatchObject({ userName: 'ana', streak: '1', reviews: '10', correctPercent: '100', lastActive: new Date(world.now).toISOString() });
    expect(byId.get('u-mallory')).toMatchObject({ reviews: '0', correctPercent: '' });
  });

  it('neutralises every spreadsheet formula trigger', () => {
    for (const trigger of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${trigger}1+1`).replace(/^"/, '').startsWith(`'${trigger}`)).toBe(true);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(null)).toBe('');
  });
});

describe('the daily prompt helpers', () => {
  it('picks a button question about the fact the class knows least, skipping recent prompts', async () => {
    await studyToday(world.student('ana'));
    const first = world.learning.pickDailyQuestion(SCOPE)!;
    const question = world.course.questionById.get(first)!;
    expect(question.kind).not.toBe('command');
    const second = world.learning.pickDailyQuestion(SCOPE, { exclude: [first] });
    expect(second).not.toBe(first);
    // F01 was just practised; the pick goes to something nobody has answered.
    const answered = new Set(world.store.learning.cards(SCOPE, 'u-ana').map((c) => c.questionId));
    expect(answered.has(first)).toBe(false);
  });
});
