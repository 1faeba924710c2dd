// /class setup's input, checked before anything is stored: a channel, a 24-hour time, an IANA
// time zone this runtime knows, an optional instructor role and prompt window, the language the
// prompt is posted in. Missing values keep what the class had (or the defaults, the first time).
import type { Locale } from '../content/common';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../learning/days';
import type { ClassSettingsRow } from '../store/class';
import { MAX_WINDOW_MINUTES, normalizePromptTime } from './schedule';

export const DEFAULT_PROMPT_TIME = '09:00';

export interface SetupInput {
  channelId?: string | null;
  time?: string | null;
  timeZone?: string | null;
  instructorRoleId?: string | null;
  /** Minutes; 0 means "until just before the next prompt". */
  windowMinutes?: number | null;
  locale?: Locale | null;
}

export type SetupProblem =
  | { problem: 'no-channel' }
  | { problem: 'bad-time'; value: string }
  | { problem: 'bad-time-zone'; value: string }
  | { problem: 'bad-window'; value: number };

export type SettingsChange = Omit<ClassSettingsRow, 'scope' | 'updatedBy' | 'updatedAt' | 'scheduleFrom' | 'paused'> & {
  /** The time or the time zone changed (or this is the first setup): the schedule starts over. */
  scheduleChanged: boolean;
};

/** A zone name as typed (`america/sao_paulo`, `UTC`) → its canonical IANA spelling, if known. */
export function canonicalTimeZone(typed: string): string | undefined {
  const text = typed.trim();
  if (text === '' || text.length > 64 || !isValidTimeZone(text)) return undefined;
  return new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
}

export function applySetup(current: ClassSettingsRow | undefined, input: SetupInput, fallbackLocale: Locale): SettingsChange | SetupProblem {
  const channelId = input.channelId ?? current?.channelId;
  if (!channelId) return { problem: 'no-channel' };
  let promptTime = current?.promptTime ?? DEFAULT_PROMPT_TIME;
  if (input.time !== undefined && input.time !== null) {
    const normalized = normalizePromptTime(input.time);
    if (!normalized) return { problem: 'bad-time', value: input.time };
    promptTime = normalized;
  }
  let timeZone = current?.timeZone ?? DEFAULT_TIME_ZONE;
  if (input.timeZone !== undefined && input.timeZone !== null) {
    const zone = canonicalTimeZone(input.timeZone);
    if (!zone) return { problem: 'bad-time-zone', value: input.timeZone };
    timeZone = zone;
  }
  let windowMinutes = current?.windowMinutes ?? null;
  if (input.windowMinutes !== undefined && input.windowMinutes !== null) {
    const w = input.windowMinutes;
    if (!Number.isInteger(w) || w < 0 || w > MAX_WINDOW_MINUTES) return { problem: 'bad-window', value: w };
    windowMinutes = w === 0 ? null : w;
  }
  return {
    channelId,
    promptTime,
    timeZone,
    instructorRoleId: input.instructorRoleId !== undefined && input.instructorRoleId !== null ? input.instructorRoleId : current?.instructorRoleId ?? null,
    windowMinutes,
    locale: input.locale ?? current?.locale ?? fallbackLocale,
    scheduleChanged: !current || current.promptTime !== promptTime || current.timeZone !== timeZone,
  };
}
