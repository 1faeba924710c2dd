// The learning tables on a real SQLite database: migrated from zero, kept across a reopen.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newCard } from '../../src/learning/scheduler';
import { openDatabase } from '../../src/store/database';
import { MIGRATIONS } from '../../src/store/migrations';
import { createStore, openStore } from '../../src/store';

describe('the learning store', () => {
  it('migrates an empty database to the latest version, learning tables included', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    for (const table of ['activity_days', 'assignments', 'cards', 'host_mistakes', 'lab_progress', 'learners', 'lesson_progress', 'quiz_presentations', 'reviews', 'xp_events']) {
      expect(tables).toContain(table);
    }
    db.close();
  });

  it('keeps cards, XP paid once and assignments across a reopen of the file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'baleia-learning-')), 'class.db');
    const first = openStore(path);
    first.learning.putCard('g', 'u1', { ...newCard('image-contents', 1_000), due: 5_000 });
    expect(first.learning.addXp('g', 'u1', { at: 1_000, day: '2026-03-02', source: 'lab', ref: 'first-web-server', xp: 50 })).toBe(true);
    expect(first.learning.addXp('g', 'u1', { at: 2_000, day: '2026-03-02', source: 'lab', ref: 'first-web-server', xp: 50 })).toBe(false);
    first.learning.assignLab('g', 'first-web-server', 3_000, 'teacher');
    first.close();

    const again = openStore(path);
    expect(again.learning.card('g', 'u1', 'image-contents')).toMatchObject({ questionId: 'image-contents', due: 5_000, state: 0, lastReview: null });
    expect(again.learning.xpTotal('g', 'u1')).toBe(50);
    expect(again.learning.assignments('g')).toEqual([{ labId: 'first-web-server', assignedAt: 3_000, assignedBy: 'teacher' }]);
    again.close();
  });

  it('records a card presentation\'s answer once: the second write is refused', () => {
    const store = createStore(openDatabase(':memory:'));
    const shown = store.learning.createPresentation({ scope: 'g', userId: 'u1', questionId: 'q', source: 'quiz', ref: null, shownAt: 10 });
    expect(store.learning.answerPresentation(shown.id, 20, '{"first":true}')).toBe(true);
    expect(store.learning.answerPresentation(shown.id, 30, '{"second":true}')).toBe(false);
    expect(store.learning.presentation(shown.id)).toMatchObject({ answeredAt: 20, result: '{"first":true}' });
    store.close();
  });

  it('allows one daily-prompt card per student per prompt', () => {
    const store = createStore(openDatabase(':memory:'));
    store.learning.createPresentation({ scope: 'g', userId: 'u1', questionId: 'q', source: 'daily', ref: 'day-1', shownAt: 10 });
    expect(() => store.learning.createPresentation({ scope: 'g', userId: 'u1', questionId: 'q', source: 'daily', ref: 'day-1', shownAt: 11 })).toThrow(/UNIQUE/);
    store.close();
  });
});
