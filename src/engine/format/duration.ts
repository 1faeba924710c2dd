// Relative times as Docker prints them: go-units HumanDuration (CREATED columns, STATUS) and
// moby's container State.String() (the STATUS column of `docker ps`).

const HOUR = 3600;

/**
 * go-units HumanDuration. Seconds and minutes are truncated, hours are rounded to the nearest
 * hour (so 1h29m is "About an hour" and 1h31m is "2 hours"), days/weeks/months are derived from
 * the rounded hours, and years from the truncated hours. Negative durations read as
 * "Less than a second", as in Go.
 */
export function humanDuration(seconds: number): string {
  const wholeSeconds = Math.trunc(seconds);
  if (!(wholeSeconds >= 1)) return 'Less than a second';
  if (wholeSeconds === 1) return '1 second';
  if (wholeSeconds < 60) return `${wholeSeconds} seconds`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(seconds / HOUR + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(seconds / HOUR) / 24 / 365)} years`;
}

/** CREATED columns: `2 minutes ago`, `Less than a second ago`. */
export function timeAgo(seconds: number): string {
  return `${humanDuration(seconds)} ago`;
}

/** Container states in the order moby's State.String() checks them. */
export type ContainerRunState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** Health-check status as stored in State.Health.Status ('' means the monitor has not reported yet). */
export type HealthStatus = 'starting' | 'healthy' | 'unhealthy' | '';

export interface ContainerStatusInput {
  status: ContainerRunState;
  exitCode: number;
  /** Epoch milliseconds, or undefined/null when never started (Go's zero time). */
  startedAt?: number | null;
  /** Epoch milliseconds, or undefined/null when never finished. */
  finishedAt?: number | null;
  /** Present only when the container has a health check. */
  health?: HealthStatus | null;
  /** Epoch milliseconds of "now" (the engine's clock). */
  now: number;
}

function since(now: number, then: number | null | undefined): string {
  return humanDuration((now - (then ?? 0)) / 1000);
}

/** moby's Health.String(): `starting` reads `health: starting`; an unset status reads `unhealthy`. */
export function healthString(health: HealthStatus): string {
  if (health === 'starting') return 'health: starting';
  return health === '' ? 'unhealthy' : health;
}

/**
 * The STATUS column of `docker ps` (moby container/state.go String()): `Up 2 minutes`,
 * `Up 5 seconds (Paused)`, `Up 3 hours (healthy)`, `Restarting (1) 3 seconds ago`,
 * `Exited (0) 14 minutes ago`, `Created`, `Dead`, `Removal In Progress`.
 */
export function containerStatus(input: ContainerStatusInput): string {
  const { status, exitCode, startedAt, finishedAt, health, now } = input;
  switch (status) {
    case 'paused':
      return `Up ${since(now, startedAt)} (Paused)`;
    case 'restarting':
      return `Restarting (${exitCode}) ${since(now, finishedAt)} ago`;
    case 'running':
      if (health !== undefined && health !== null) return `Up ${since(now, startedAt)} (${healthString(health)})`;
      return `Up ${since(now, startedAt)}`;
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    case 'created':
      return 'Created';
    case 'exited':
      // A container that was never started reads "Created" even after a failed start attempt.
      if (startedAt === undefined || startedAt === null) return 'Created';
      if (finishedAt === undefined || finishedAt === null) return '';
      return `Exited (${exitCode}) ${since(now, finishedAt)} ago`;
  }
}
