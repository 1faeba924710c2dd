// Students per class server: their registry name, language and reply preferences.
import type { Db } from './database';

export interface StudentRow {
  scope: string;
  userId: string;
  userName: string;
  displayName: string;
  locale: string | null;
  privateReplies: boolean;
  hiddenFromLeaderboard: boolean;
  /** Manage Server or the class's instructor role, as last seen in an interaction. */
  instructor: boolean;
  createdAt: number;
  lastActiveAt: number;
}

interface RawRow {
  scope: string;
  user_id: string;
  user_name: string;
  display_name: string;
  locale: string | null;
  private_replies: number;
  hidden_from_leaderboard: number;
  instructor: number;
  created_at: number;
  last_active_at: number;
}

const toStudent = (row: RawRow): StudentRow => ({
  scope: row.scope,
  userId: row.user_id,
  userName: row.user_name,
  displayName: row.display_name,
  locale: row.locale,
  privateReplies: row.private_replies === 1,
  hiddenFromLeaderboard: row.hidden_from_leaderboard === 1,
  instructor: row.instructor === 1,
  createdAt: row.created_at,
  lastActiveAt: row.last_active_at,
});

export function createStudentRepository(db: Db) {
  const select = db.prepare<[string, string], RawRow>('SELECT * FROM students WHERE scope = ? AND user_id = ?');
  const byName = db.prepare<[string, string], RawRow>('SELECT * FROM students WHERE scope = ? AND user_name = ?');
  const all = db.prepare<[string], RawRow>('SELECT * FROM students WHERE scope = ? ORDER BY display_name');
  const insert = db.prepare(
    'INSERT INTO students (scope, user_id, user_name, display_name, locale, created_at, last_active_at) VALUES (@scope, @userId, @userName, @displayName, @locale, @now, @now)',
  );
  const touch = db.prepare('UPDATE students SET display_name = ?, last_active_at = ? WHERE scope = ? AND user_id = ?');
  const setLocale = db.prepare('UPDATE students SET locale = ? WHERE scope = ? AND user_id = ?');
  const setPrivate = db.prepare('UPDATE students SET private_replies = ? WHERE scope = ? AND user_id = ?');
  const setHidden = db.prepare('UPDATE students SET hidden_from_leaderboard = ? WHERE scope = ? AND user_id = ?');
  const setInstructor = db.prepare('UPDATE students SET instructor = ? WHERE scope = ? AND user_id = ?');
  const learners = db.prepare<[string], RawRow>('SELECT * FROM students WHERE scope = ? AND instructor = 0 ORDER BY display_name');
  return {
    get(scope: string, userId: string): StudentRow | undefined {
      const row = select.get(scope, userId);
      return row && toStudent(row);
    },
    byUserName(scope: string, userName: string): StudentRow | undefined {
      const row = byName.get(scope, userName);
      return row && toStudent(row);
    },
    list(scope: string): StudentRow[] {
      return all.all(scope).map(toStudent);
    },
    /** The class without its instructors: what reports, exports and the leaderboard count. */
    learners(scope: string): StudentRow[] {
      return learners.all(scope).map(toStudent);
    },
    setInstructor(scope: string, userId: string, value: boolean): void {
      setInstructor.run(value ? 1 : 0, scope, userId);
    },
    insert(student: { scope: string; userId: string; userName: string; displayName: string; locale: string | null }, now: number): void {
      insert.run({ ...student, now });
    },
    touch(scope: string, userId: string, displayName: string, now: number): void {
      touch.run(displayName, now, scope, userId);
    },
    setLocale(scope: string, userId: string, locale: string | null): void {
      setLocale.run(locale, scope, userId);
    },
    setPrivateReplies(scope: string, userId: string, value: boolean): void {
      setPrivate.run(value ? 1 : 0, scope, userId);
    },
    setHidden(scope: string, userId: string, value: boolean): void {
      setHidden.run(value ? 1 : 0, scope, userId);
    },
  };
}

export type StudentRepository = ReturnType<typeof createStudentRepository>;
