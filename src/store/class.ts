// The class: each server's daily-question settings and its daily prompts. A prompt row is the
// claim on a class day, written before anything is sent to Discord; the message id is written
// once Discord has the message, so "claimed but not posted" means "find it or send it again".
import type { Db } from './database';

export interface ClassSettingsRow {
  scope: string;
  channelId: string;
  /** `HH:MM`, in the class's time zone. */
  promptTime: string;
  timeZone: string;
  instructorRoleId: string | null;
  /** Minutes a prompt stays open; null: until just before the next prompt. */
  windowMinutes: number | null;
  /** The language the prompt is posted in (each student's feedback is in their own). */
  locale: string;
  paused: boolean;
  /** Prompt times before this instant are not owed (set up or resumed later that day). */
  scheduleFrom: number;
  updatedBy: string;
  updatedAt: number;
}

export interface DailyPromptRow {
  id: number;
  scope: string;
  /** The class day it belongs to (`YYYY-MM-DD` in the class time zone). */
  day: string;
  /** 0: the day's scheduled prompt; 1, 2...: extra prompts an instructor asked for. */
  seq: number;
  questionId: string;
  locale: string;
  channelId: string;
  dueAt: number;
  claimedAt: number;
  closesAt: number;
  requestedBy: string | null;
  postAttempts: number;
  messageId: string | null;
  postedAt: number | null;
  revealAttempts: number;
  revealMessageId: string | null;
  revealedAt: number | null;
  abandonedAt: number | null;
  lastError: string | null;
}

interface SettingsRaw {
  scope: string;
  channel_id: string;
  prompt_time: string;
  time_zone: string;
  instructor_role_id: string | null;
  window_minutes: number | null;
  locale: string;
  paused: number;
  schedule_from: number;
  updated_by: string;
  updated_at: number;
}

interface PromptRaw {
  id: number;
  scope: string;
  day: string;
  seq: number;
  question_id: string;
  locale: string;
  channel_id: string;
  due_at: number;
  claimed_at: number;
  closes_at: number;
  requested_by: string | null;
  post_attempts: number;
  message_id: string | null;
  posted_at: number | null;
  reveal_attempts: number;
  reveal_message_id: string | null;
  revealed_at: number | null;
  abandoned_at: number | null;
  last_error: string | null;
}

const toSettings = (row: SettingsRaw): ClassSettingsRow => ({
  scope: row.scope,
  channelId: row.channel_id,
  promptTime: row.prompt_time,
  timeZone: row.time_zone,
  instructorRoleId: row.instructor_role_id,
  windowMinutes: row.window_minutes,
  locale: row.locale,
  paused: row.paused === 1,
  scheduleFrom: row.schedule_from,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

const toPrompt = (row: PromptRaw): DailyPromptRow => ({
  id: row.id,
  scope: row.scope,
  day: row.day,
  seq: row.seq,
  questionId: row.question_id,
  locale: row.locale,
  channelId: row.channel_id,
  dueAt: row.due_at,
  claimedAt: row.claimed_at,
  closesAt: row.closes_at,
  requestedBy: row.requested_by,
  postAttempts: row.post_attempts,
  messageId: row.message_id,
  postedAt: row.posted_at,
  revealAttempts: row.reveal_attempts,
  revealMessageId: row.reveal_message_id,
  revealedAt: row.revealed_at,
  abandonedAt: row.abandoned_at,
  lastError: row.last_error,
});

/** What claiming a prompt records; posting and revealing fill in the rest of the row. */
export type PromptClaim = Pick<DailyPromptRow, 'scope' | 'day' | 'seq' | 'questionId' | 'locale' | 'channelId' | 'dueAt' | 'claimedAt' | 'closesAt' | 'requestedBy'>;

export function createClassRepository(db: Db) {
  const settingsGet = db.prepare<[string], SettingsRaw>('SELECT * FROM class_settings WHERE scope = ?');
  const settingsAll = db.prepare<[], SettingsRaw>('SELECT * FROM class_settings ORDER BY scope');
  const settingsPut = db.prepare(
    `INSERT INTO class_settings (scope, channel_id, prompt_time, time_zone, instructor_role_id, window_minutes, locale, paused, schedule_from, updated_by, updated_at)
     VALUES (@scope, @channelId, @promptTime, @timeZone, @instructorRoleId, @windowMinutes, @locale, @paused, @scheduleFrom, @updatedBy, @updatedAt)
     ON CONFLICT (scope) DO UPDATE SET channel_id = excluded.channel_id, prompt_time = excluded.prompt_time, time_zone = excluded.time_zone,
       instructor_role_id = excluded.instructor_role_id, window_minutes = excluded.window_minutes, locale = excluded.locale,
       paused = excluded.paused, schedule_from = excluded.schedule_from, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  const setPaused = db.prepare('UPDATE class_settings SET paused = ?, schedule_from = CASE WHEN ? = 0 THEN ? ELSE schedule_from END, updated_by = ?, updated_at = ? WHERE scope = ?');

  const promptGet = db.prepare<[number], PromptRaw>('SELECT * FROM daily_prompts WHERE id = ?');
  const promptSlot = db.prepare<[string, string, number], PromptRaw>('SELECT * FROM daily_prompts WHERE scope = ? AND day = ? AND seq = ?');
  const maxSeq = db.prepare<[string, string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM daily_prompts WHERE scope = ? AND day = ?');
  const promptInsert = db.prepare(
    `INSERT INTO daily_prompts (scope, day, seq, question_id, locale, channel_id, due_at, claimed_at, closes_at, requested_by)
     VALUES (@scope, @day, @seq, @questionId, @locale, @channelId, @dueAt, @claimedAt, @closesAt, @requestedBy)
     ON CONFLICT (scope, day, seq) DO NOTHING`,
  );
  const unfinished = db.prepare<[], PromptRaw>('SELECT * FROM daily_prompts WHERE revealed_at IS NULL AND abandoned_at IS NULL ORDER BY id');
  const recent = db.prepare<[string, number], PromptRaw>('SELECT * FROM daily_prompts WHERE scope = ? ORDER BY id DESC LIMIT ?');
  const postAttempt = db.prepare('UPDATE daily_prompts SET post_attempts = post_attempts + 1 WHERE id = ?');
  const posted = db.prepare('UPDATE daily_prompts SET message_id = ?, posted_at = ?, last_error = NULL WHERE id = ? AND message_id IS NULL');
  const revealAttempt = db.prepare('UPDATE daily_prompts SET reveal_attempts = reveal_attempts + 1 WHERE id = ?');
  const revealed = db.prepare('UPDATE daily_prompts SET reveal_message_id = ?, revealed_at = ?, last_error = NULL WHERE id = ? AND revealed_at IS NULL');
  const abandoned = db.prepare('UPDATE daily_prompts SET abandoned_at = ?, last_error = COALESCE(?, last_error) WHERE id = ? AND abandoned_at IS NULL');
  const failed = db.prepare('UPDATE daily_prompts SET last_error = ? WHERE id = ?');
  const closeNow = db.prepare('UPDATE daily_prompts SET closes_at = ? WHERE id = ? AND closes_at > ?');
  const retarget = db.prepare(
    'UPDATE daily_prompts SET channel_id = ?, post_attempts = 0, last_error = NULL WHERE scope = ? AND message_id IS NULL AND abandoned_at IS NULL AND channel_id <> ?',
  );

  return {
    settings(scope: string): ClassSettingsRow | undefined {
      const row = settingsGet.get(scope);
      return row && toSettings(row);
    },
    allSettings(): ClassSettingsRow[] {
      return settingsAll.all().map(toSettings);
    },
    putSettings(row: ClassSettingsRow): void {
      settingsPut.run({ ...row, paused: row.paused ? 1 : 0 });
    },
    setPaused(scope: string, paused: boolean, by: string, at: number): boolean {
      // Resuming owes nothing from before: a prompt time already past today is not posted late.
      return setPaused.run(paused ? 1 : 0, paused ? 1 : 0, at, by, at, scope).changes > 0;
    },

    prompt(id: number): DailyPromptRow | undefined {
      const row = promptGet.get(id);
      return row && toPrompt(row);
    },
    promptInSlot(scope: string, day: string, seq: number): DailyPromptRow | undefined {
      const row = promptSlot.get(scope, day, seq);
      return row && toPrompt(row);
    },
    nextSeq(scope: string, day: string): number {
      const row = maxSeq.get(scope, day);
      return row?.seq === null || row?.seq === undefined ? 0 : row.seq + 1;
    },
    /** Claims a slot; undefined when it was claimed already (the unique slot decides). */
    claim(claim: PromptClaim): DailyPromptRow | undefined {
      const result = promptInsert.run(claim);
      if (result.changes === 0) return undefined;
      return toPrompt(promptGet.get(Number(result.lastInsertRowid))!);
    },
    /** Prompts not revealed and not given up, oldest first (for every class). */
    unfinished(): DailyPromptRow[] {
      return unfinished.all().map(toPrompt);
    },
    recent(scope: string, limit: number): DailyPromptRow[] {
      return recent.all(scope, limit).map(toPrompt);
    },
    countPostAttempt(id: number): void {
      postAttempt.run(id);
    },
    markPosted(id: number, messageId: string, at: number): boolean {
      return posted.run(messageId, at, id).changes > 0;
    },
    countRevealAttempt(id: number): void {
      revealAttempt.run(id);
    },
    markRevealed(id: number, messageId: string | null, at: number): boolean {
      return revealed.run(messageId, at, id).changes > 0;
    },
    markAbandoned(id: number, at: number, reason: string | null): void {
      abandoned.run(at, reason, id);
    },
    noteFailure(id: number, error: string): void {
      failed.run(error.slice(0, 500), id);
    },
    /** Prompts not posted yet go to the class's new channel instead (with a fresh count of tries). */
    retargetUnposted(scope: string, channelId: string): number {
      return retarget.run(channelId, scope, channelId).changes;
    },
    /** Moves a prompt's close forward to `at` (never later than it was). */
    closeAt(id: number, at: number): void {
      closeNow.run(at, id, at);
    },
  };
}

export type ClassRepository = ReturnType<typeof createClassRepository>;
