// The daily timer shell: croner jobs at each class's time in its own zone, a reveal job when a
// prompt is open, a run at start (missed days, due reveals), and a run when settings change. The
// decisions are the use cases' (tested with a moved clock); this checks the wiring only.
import { describe, expect, it } from 'vitest';
import type { ClassUseCases } from '../../src/app/class';
import type { DailyRunner } from '../../src/daily/runner';
import { startDailyTimer } from '../../src/daily/timer';
import { createLogger } from '../../src/discord/logger';
import type { ClassSettingsRow } from '../../src/store/class';

const log = createLogger({ level: 'silent' });

function settings(scope: string, promptTime: string, timeZone: string, paused = false): ClassSettingsRow {
  return { scope, channelId: 'c', promptTime, timeZone, instructorRoleId: null, windowMinutes: null, locale: 'en', paused, scheduleFrom: 0, updatedBy: 'u', updatedAt: 0 };
}

function fakes(rows: ClassSettingsRow[], revealAt: number | null) {
  const listeners: Array<() => Promise<void> | void> = [];
  let runs = 0;
  const classes = {
    allSettings: () => rows,
    nextRevealAt: () => revealAt,
    subscribe(listener: () => Promise<void> | void) {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    async changed() {
      for (const listener of listeners) await listener();
    },
  } as unknown as ClassUseCases;
  const runner = {
    async runDue() {
      runs++;
      return { posted: [], revealed: [], failed: [] };
    },
  } as unknown as DailyRunner;
  return { classes, runner, runs: () => runs };
}

describe('the daily timer', () => {
  it('runs at once on start, then schedules each active class at its time in its zone', async () => {
    const rows = [settings('sp', '09:00', 'America/Sao_Paulo'), settings('tk', '23:30', 'Asia/Tokyo'), settings('off', '10:00', 'UTC', true)];
    const f = fakes(rows, Date.now() + 3_600_000);
    const timer = startDailyTimer({ runner: f.runner, classes: f.classes, log });
    await timer.tick();
    expect(f.runs()).toBeGreaterThanOrEqual(1);
    const jobs = timer.scheduled();
    expect(jobs.map((job) => job.name)).toEqual(['prompt sp', 'prompt tk', 'safety', 'reveal']);
    const at = (name: string) => jobs.find((job) => job.name === name)!.next!;
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit' }).format(at('prompt sp'))).toBe('09:00');
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(at('prompt tk'))).toBe('23:30');
    expect(at('safety').getUTCMinutes() % 5).toBe(0);
    await timer.stop();
    expect(timer.scheduled().every((job) => job.next === null)).toBe(true);
  });

  it('reschedules and runs when an instructor changes the settings', async () => {
    const rows = [settings('sp', '09:00', 'America/Sao_Paulo')];
    const f = fakes(rows, null);
    const timer = startDailyTimer({ runner: f.runner, classes: f.classes, log });
    await timer.tick();
    const before = f.runs();
    rows[0] = settings('sp', '18:45', 'America/Sao_Paulo');
    await f.classes.changed();
    expect(f.runs()).toBeGreaterThan(before);
    const next = timer.scheduled().find((job) => job.name === 'prompt sp')!.next!;
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('18:45');
    await timer.stop();
  });
});
