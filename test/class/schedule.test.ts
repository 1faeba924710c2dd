// When a class's daily question is due and when it closes, in the class's own time zone.
import { describe, expect, it } from 'vitest';
import { isInstructor, MANAGE_GUILD } from '../../src/class/instructor';
import { closingTime, endOfClassDay, nextPromptAfter, promptTimeOn, wallTimeAt } from '../../src/class/schedule';
import { applySetup, canonicalTimeZone } from '../../src/class/settings';
import { pickFresh } from '../../src/class/selection';

const iso = (ms: number) => new Date(ms).toISOString();
const SP = { promptTime: '09:00', timeZone: 'America/Sao_Paulo', windowMinutes: null };

describe('the prompt time', () => {
  it('is the wall-clock time in the class time zone', () => {
    expect(iso(promptTimeOn('2026-03-02', SP))).toBe('2026-03-02T12:00:00.000Z');
    expect(iso(promptTimeOn('2026-03-02', { ...SP, timeZone: 'Asia/Tokyo' }))).toBe('2026-03-02T00:00:00.000Z');
    expect(iso(promptTimeOn('2026-03-02', { ...SP, promptTime: '00:15', timeZone: 'Pacific/Kiritimati' }))).toBe('2026-03-01T10:15:00.000Z');
  });

  it('on the day New York skips 02:00-03:00 goes out at 03:00, as cron does; on the day 01:30 happens twice, at the first', () => {
    expect(iso(wallTimeAt('2026-03-08', 2, 30, 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(wallTimeAt('2026-03-09', 2, 30, 'America/New_York'))).toBe('2026-03-09T06:30:00.000Z');
    expect(iso(wallTimeAt('2026-11-01', 1, 30, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('ends the class day at midnight in the class time zone', () => {
    expect(iso(endOfClassDay('2026-03-02', 'America/Sao_Paulo'))).toBe('2026-03-03T03:00:00.000Z');
    expect(iso(endOfClassDay('2026-03-02', 'Asia/Tokyo'))).toBe('2026-03-02T15:00:00.000Z');
  });

  it('finds the next prompt after an instant, skipping days already taken', () => {
    expect(iso(nextPromptAfter(Date.parse('2026-03-02T11:59:00Z'), SP))).toBe('2026-03-02T12:00:00.000Z');
    expect(iso(nextPromptAfter(Date.parse('2026-03-02T11:59:00Z'), SP, new Set(['2026-03-02'])))).toBe('2026-03-03T12:00:00.000Z');
  });
});

describe('the window', () => {
  it('closes a minute before the next prompt by default', () => {
    expect(iso(closingTime(Date.parse('2026-03-02T12:00:00Z'), '2026-03-02', SP))).toBe('2026-03-03T11:59:00.000Z');
  });

  it('closes after the chosen minutes, but never after the next prompt went out', () => {
    expect(iso(closingTime(Date.parse('2026-03-02T12:00:00Z'), '2026-03-02', { ...SP, windowMinutes: 90 }))).toBe('2026-03-02T13:30:00.000Z');
    expect(iso(closingTime(Date.parse('2026-03-02T12:00:00Z'), '2026-03-02', { ...SP, windowMinutes: 1439 }))).toBe('2026-03-03T11:59:00.000Z');
  });

  it('stays open at least ten minutes for a question posted late', () => {
    const late = Date.parse('2026-03-03T11:55:00Z');
    expect(iso(closingTime(late, '2026-03-02', SP))).toBe('2026-03-03T12:05:00.000Z');
  });
});

describe('/class setup input', () => {
  it('normalises the time and the time zone, and keeps what was set before', () => {
    const first = applySetup(undefined, { channelId: 'c1', time: '7:05', timeZone: 'america/sao_paulo' }, 'pt-BR');
    expect(first).toMatchObject({ channelId: 'c1', promptTime: '07:05', timeZone: 'America/Sao_Paulo', windowMinutes: null, locale: 'pt-BR', instructorRoleId: null, scheduleChanged: true });
    const current = { scope: 'g', channelId: 'c1', promptTime: '07:05', timeZone: 'America/Sao_Paulo', instructorRoleId: null, windowMinutes: null, locale: 'pt-BR', paused: false, scheduleFrom: 0, updatedBy: 'u', updatedAt: 0 };
    expect(applySetup(current, { windowMinutes: 45, instructorRoleId: 'r1' }, 'en')).toMatchObject({ promptTime: '07:05', windowMinutes: 45, instructorRoleId: 'r1', locale: 'pt-BR', scheduleChanged: false });
    expect(applySetup({ ...current, windowMinutes: 45 }, { windowMinutes: 0 }, 'en')).toMatchObject({ windowMinutes: null });
  });

  it('refuses a missing channel, a time that is not HH:MM, an unknown zone and a window out of range', () => {
    expect(applySetup(undefined, { time: '09:00' }, 'en')).toEqual({ problem: 'no-channel' });
    expect(applySetup(undefined, { channelId: 'c', time: '25:00' }, 'en')).toEqual({ problem: 'bad-time', value: '25:00' });
    expect(applySetup(undefined, { channelId: 'c', time: '9h' }, 'en')).toEqual({ problem: 'bad-time', value: '9h' });
    expect(applySetup(undefined, { channelId: 'c', timeZone: 'Mars/Olympus_Mons' }, 'en')).toEqual({ problem: 'bad-time-zone', value: 'Mars/Olympus_Mons' });
    expect(applySetup(undefined, { channelId: 'c', windowMinutes: 1440 }, 'en')).toEqual({ problem: 'bad-window', value: 1440 });
    expect(canonicalTimeZone('x'.repeat(200))).toBeUndefined();
  });
});

describe('who is an instructor', () => {
  it('is a member with Manage Server, or with the class’s instructor role', () => {
    expect(isInstructor({ permissions: MANAGE_GUILD, roleIds: [] }, null)).toBe(true);
    expect(isInstructor({ permissions: 1n << 3n, roleIds: [] }, null)).toBe(true);
    expect(isInstructor({ permissions: 0n, roleIds: ['r1'] }, 'r1')).toBe(true);
    expect(isInstructor({ permissions: 0n, roleIds: ['r2'] }, 'r1')).toBe(false);
    expect(isInstructor({ permissions: null, roleIds: [] }, null)).toBe(false);
  });
});

describe('the question of the day', () => {
  it('is not one asked recently, unless every question was', () => {
    const bank = ['q1', 'q2', 'q3'];
    const pick = (exclude: readonly string[]) => bank.find((q) => !exclude.includes(q)) ?? null;
    expect(pickFresh(pick, ['q1'])).toBe('q2');
    expect(pickFresh(pick, ['q3', 'q2', 'q1'])).toBe('q1');
  });
});
