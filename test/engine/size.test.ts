import { describe, expect, it } from 'vitest';
import { humanSize, humanSize4, parseRamInBytes } from '../../src/engine/format/size';

describe('sizes as Docker prints them', () => {
  it('uses three significant digits in docker images and history', () => {
    expect(humanSize(192413200)).toBe('192MB');
    expect(humanSize(8309328)).toBe('8.31MB');
    expect(humanSize(10072)).toBe('10.1kB');
    expect(humanSize(7800)).toBe('7.8kB');
    expect(humanSize(0)).toBe('0B');
    expect(humanSize(1234567890)).toBe('1.23GB');
    expect(humanSize(63)).toBe('63B');
  });

  it('keeps the go-units quirk of 999600 bytes', () => {
    expect(humanSize(999600)).toBe('1e+03kB');
  });

  it('uses four significant digits in system df and volume sizes', () => {
    expect(humanSize4(200732600)).toBe('200.7MB');
    expect(humanSize4(8309328)).toBe('8.309MB');
    expect(humanSize4(1157)).toBe('1.157kB');
  });

  it('reads memory limits in binary units', () => {
    expect(parseRamInBytes('256m')).toBe(268435456);
    expect(parseRamInBytes('1g')).toBe(1073741824);
    expect(parseRamInBytes('abc')).toBeUndefined();
  });
});
