// Timestamps in the layouts Go's time package gives Docker. The engine keeps time as epoch
// milliseconds (plus optional extra nanoseconds for inspect's 9-digit fractions); these render it.

import { humanDuration } from './duration';

/** Go's zero time.Time as Docker prints it in inspect (`FinishedAt` of a never-stopped container). */
export const goZeroTime = '0001-01-01T00:00:00Z';

/** Epoch milliseconds of Go's zero time (0001-01-01T00:00:00Z). */
export const goZeroTimeMs = -62135596800000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

interface Parts {
  date: string;
  time: string;
  nanos: number;
}

function parts(ms: number, extraNanos: number, offsetMinutes: number): Parts {
  const wholeMs = Math.floor(ms);
  const shifted = new Date(wholeMs + offsetMinutes * 60_000);
  const year = shifted.getUTCFullYear();
  const date = `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${pad(shifted.getUTCMonth() + 1, 2)}-${pad(shifted.getUTCDate(), 2)}`;
  const time = `${pad(shifted.getUTCHours(), 2)}:${pad(shifted.getUTCMinutes(), 2)}:${pad(shifted.getUTCSeconds(), 2)}`;
  const subMs = wholeMs - Math.floor(wholeMs / 1000) * 1000;
  const nanos = subMs * 1_000_000 + Math.max(0, Math.min(999_999, Math.trunc(extraNanos)));
  return { date, time, nanos };
}

/** `Z07:00`: `Z` for a zero offset, else `+02:00` / `-03:00`. */
function zone(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.trunc(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/**
 * Go's time.RFC3339Nano: nanosecond fraction with trailing zeros removed (and no dot at all for
 * whole seconds), `Z` for UTC. Inspect's `Created`, `State.StartedAt`, image `Created`.
 */
export function rfc3339Nano(ms: number, extraNanos = 0, offsetMinutes = 0): string {
  const { date, time, nanos } = parts(ms, extraNanos, offsetMinutes);
  const fraction = nanos === 0 ? '' : `.${pad(nanos, 9).replace(/0+$/, '')}`;
  return `${date}T${time}${fraction}${zone(offsetMinutes)}`;
}

/**
 * Go's time.RFC3339 (whole seconds): `volume inspect` CreatedAt and `docker history -H=false`.
 * Docker prints the daemon's/client's local zone; the simulated host runs in UTC, hence `Z`.
 */
export function rfc3339(ms: number, offsetMinutes = 0): string {
  const { date, time } = parts(ms, 0, offsetMinutes);
  return `${date}T${time}${zone(offsetMinutes)}`;
}

/**
 * The fixed-width layout `2006-01-02T15:04:05.000000000Z07:00` the daemon prefixes to each line of
 * `docker logs -t` (always nine fraction digits).
 */
export function rfc3339NanoFixed(ms: number, extraNanos = 0, offsetMinutes = 0): string {
  const { date, time, nanos } = parts(ms, extraNanos, offsetMinutes);
  return `${date}T${time}.${pad(nanos, 9)}${zone(offsetMinutes)}`;
}

/**
 * Go's Time.String() in UTC: `2025-06-20 10:15:30 +0000 UTC` (fraction only when non-zero).
 * `{{.CreatedAt}}` of `docker ps`/`docker images` formats.
 */
export function goTimeString(ms: number, extraNanos = 0): string {
  const { date, time, nanos } = parts(ms, extraNanos, 0);
  const fraction = nanos === 0 ? '' : `.${pad(nanos, 9).replace(/0+$/, '')}`;
  return `${date} ${time}${fraction} +0000 UTC`;
}

/** A prefix line of `docker logs -t`: the fixed timestamp, a space, then the log line. */
export function logTimestampPrefix(ms: number, extraNanos = 0): string {
  return `${rfc3339NanoFixed(ms, extraNanos)} `;
}

/**
 * `docker history` CREATED: `10 seconds ago` (human), `N/A` for a timestamp at or before the
 * Unix epoch (e.g. reproducible builds with SOURCE_DATE_EPOCH=0), and RFC 3339 with `-H=false`.
 */
export function historyCreated(createdMs: number, nowMs: number, human: boolean): string {
  if (!human) return rfc3339(createdMs);
  if (Math.floor(createdMs / 1000) <= 0) return 'N/A';
  return `${humanDuration((nowMs - Math.floor(createdMs / 1000) * 1000) / 1000)} ago`;
}

export interface ParsedTime {
  /** Epoch milliseconds. */
  ms: number;
  /** Nanoseconds beyond the millisecond (0-999999). */
  extraNanos: number;
}

const RFC3339_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 timestamp with up to nine fraction digits (what the engine stores). */
export function parseRfc3339(text: string): ParsedTime | undefined {
  const match = RFC3339_PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', , sign, oh = '0', om = '0'] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  const fraction = Number(frac.padEnd(9, '0'));
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  const ms = date.getTime() - offset * 60_000 + Math.floor(fraction / 1_000_000);
  return { ms, extraNanos: fraction % 1_000_000 };
}
