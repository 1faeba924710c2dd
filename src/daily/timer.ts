// The daily timer: the only place with a real clock and croner. One job per class at its
// prompt time in its time zone, one for the next reveal, and a slow safety tick that retries
// failed sends; each wakes the runner, which asks the use cases what is due. On start it runs
// at once, so a day missed while the bot was down is posted (if the day is not over) and
// windows that closed meanwhile are revealed.
import { Cron } from 'croner';
import type { ClassUseCases } from '../app/class';
import { parsePromptTime } from '../class/schedule';
import type { Logger } from '../discord/logger';
import type { DailyRunner } from './runner';

export interface DailyTimerOptions {
  runner: DailyRunner;
  classes: ClassUseCases;
  log: Logger;
  /** Cron pattern of the safety tick; default every five minutes. */
  safetyPattern?: string;
}

export interface DailyTimer {
  /** Runs what is due now (after any run in progress). */
  tick(): Promise<void>;
  /** The jobs waiting, with when each fires next (for logs and tests). */
  scheduled(): { name: string; next: Date | null }[];
  /** Stops every job and waits for a run in progress. */
  stop(): Promise<void>;
}

export function startDailyTimer(options: DailyTimerOptions): DailyTimer {
  const { runner, classes, log } = options;
  // Labels are ours: croner's own job names must be unique in the whole process.
  let jobs: { label: string; cron: Cron }[] = [];
  let revealJob: Cron | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  function tick(): Promise<void> {
    if (stopped) return running;
    running = running.then(async () => {
      if (stopped) return;
      try {
        const report = await runner.runDue();
        if (report.posted.length + report.revealed.length + report.failed.length > 0) log.debug({ ...report }, 'daily timer ran');
      } catch (error) {
        log.error({ err: error }, 'daily timer run failed');
      }
      scheduleReveal();
    });
    return running;
  }

  function scheduleReveal(): void {
    revealJob?.stop();
    revealJob = undefined;
    if (stopped) return;
    const at = classes.nextRevealAt();
    if (at === null) return;
    // croner refuses a date in the past; a reveal already due runs a second from now.
    revealJob = new Cron(new Date(Math.max(at, Date.now() + 1_000)), { unref: true, catch: true }, () => void tick());
  }

  function schedulePrompts(): void {
    for (const job of jobs) job.cron.stop();
    jobs = [];
    if (stopped) return;
    for (const settings of classes.allSettings()) {
      if (settings.paused) continue;
      const time = parsePromptTime(settings.promptTime);
      if (!time) continue;
      jobs.push({ label: `prompt ${settings.scope}`, cron: new Cron(`${time.minute} ${time.hour} * * *`, { timezone: settings.timeZone, unref: true, catch: true }, () => void tick()) });
    }
    jobs.push({ label: 'safety', cron: new Cron(options.safetyPattern ?? '*/5 * * * *', { unref: true, catch: true }, () => void tick()) });
  }

  const unsubscribe = classes.subscribe(async () => {
    schedulePrompts();
    await tick();
  });
  schedulePrompts();
  void tick();

  return {
    tick,
    scheduled: () => [...jobs, ...(revealJob ? [{ label: 'reveal', cron: revealJob }] : [])].map((job) => ({ name: job.label, next: job.cron.nextRun() })),
    async stop() {
      stopped = true;
      unsubscribe();
      for (const job of jobs) job.cron.stop();
      revealJob?.stop();
      await running;
    },
  };
}
