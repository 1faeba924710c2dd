import { describe, expect, it } from 'vitest';
import {
  goTimeString,
  goZeroTime,
  goZeroTimeMs,
  historyCreated,
  logTimestampPrefix,
  parseRfc3339,
  rfc3339,
  rfc3339Nano,
  rfc3339NanoFixed,
} from '../../src/engine/format/time';

const JUNE_20 = Date.UTC(2025, 5, 20, 10, 15, 30);

describe('timestamps in Go layouts', () => {
  it('prints inspect times as RFC 3339 with the nanosecond fraction trimmed', () => {
    expect(rfc3339Nano(JUNE_20 + 123, 456_789)).toBe('2025-06-20T10:15:30.123456789Z');
    expect(rfc3339Nano(JUNE_20 + 120)).toBe('2025-06-20T10:15:30.12Z');
    expect(rfc3339Nano(JUNE_20)).toBe('2025-06-20T10:15:30Z');
    expect(rfc3339Nano(JUNE_20, 5)).toBe('2025-06-20T10:15:30.000000005Z');
  });

  it('prints the zero time of never-finished containers', () => {
    expect(rfc3339Nano(goZeroTimeMs)).toBe(goZeroTime);
    expect(goZeroTime).toBe('0001-01-01T00:00:00Z');
  });

  it('prints volume CreatedAt and history -H=false in whole seconds', () => {
    expect(rfc3339(JUNE_20 + 999)).toBe('2025-06-20T10:15:30Z');
    expect(rfc3339(JUNE_20, 120)).toBe('2025-06-20T12:15:30+02:00');
    expect(rfc3339(JUNE_20, -180)).toBe('2025-06-20T07:15:30-03:00');
  });

  it('prefixes docker logs -t lines with a fixed nine-digit fraction', () => {
    expect(rfc3339NanoFixed(JUNE_20 + 120)).toBe('2025-06-20T10:15:30.120000000Z');
    expect(logTimestampPrefix(JUNE_20)).toBe('2025-06-20T10:15:30.000000000Z ');
  });

  it('prints CreatedAt of docker ps formats like Go Time.String', () => {
    expect(goTimeString(JUNE_20)).toBe('2025-06-20 10:15:30 +0000 UTC');
    expect(goTimeString(JUNE_20 + 500)).toBe('2025-06-20 10:15:30.5 +0000 UTC');
  });

  it('shows history CREATED as ago, N/A at the epoch, or RFC 3339 with -H=false', () => {
    expect(historyCreated(JUNE_20, JUNE_20 + 10_000, true)).toBe('10 seconds ago');
    expect(historyCreated(0, JUNE_20, true)).toBe('N/A');
    expect(historyCreated(JUNE_20, JUNE_20 + 10_000, false)).toBe('2025-06-20T10:15:30Z');
  });

  it('reads RFC 3339 text back into milliseconds and extra nanoseconds', () => {
    expect(parseRfc3339('2025-06-20T10:15:30.123456789Z')).toEqual({ ms: JUNE_20 + 123, extraNanos: 456_789 });
    expect(parseRfc3339('2025-06-20T12:15:30+02:00')).toEqual({ ms: JUNE_20, extraNanos: 0 });
    expect(parseRfc3339(goZeroTime)).toEqual({ ms: goZeroTimeMs, extraNanos: 0 });
    expect(parseRfc3339('yesterday')).toBeUndefined();
  });
});
