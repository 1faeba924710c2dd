import { describe, expect, it } from 'vitest';
import { containerStatus, healthString, humanDuration, timeAgo } from '../../src/engine/format/duration';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

describe('relative times (go-units HumanDuration)', () => {
  it('says Less than a second, 1 second and N seconds', () => {
    expect(humanDuration(0.45)).toBe('Less than a second');
    expect(humanDuration(0)).toBe('Less than a second');
    expect(humanDuration(-5)).toBe('Less than a second');
    expect(humanDuration(1)).toBe('1 second');
    expect(humanDuration(1.9)).toBe('1 second');
    expect(humanDuration(45)).toBe('45 seconds');
    expect(humanDuration(59)).toBe('59 seconds');
  });

  it('says About a minute for the whole second minute, then truncated minutes', () => {
    expect(humanDuration(60)).toBe('About a minute');
    expect(humanDuration(119)).toBe('About a minute');
    expect(humanDuration(3 * MINUTE)).toBe('3 minutes');
    expect(humanDuration(35 * MINUTE + 40)).toBe('35 minutes');
    expect(humanDuration(59 * MINUTE + 59)).toBe('59 minutes');
  });

  it('rounds hours to the nearest hour', () => {
    expect(humanDuration(HOUR)).toBe('About an hour');
    expect(humanDuration(HOUR + 29 * MINUTE)).toBe('About an hour');
    expect(humanDuration(HOUR + 31 * MINUTE)).toBe('2 hours');
    expect(humanDuration(3 * HOUR + 29 * MINUTE)).toBe('3 hours');
    expect(humanDuration(3 * HOUR + 31 * MINUTE)).toBe('4 hours');
    expect(humanDuration(24 * HOUR)).toBe('24 hours');
    expect(humanDuration(DAY + 12 * HOUR)).toBe('36 hours');
  });

  it('switches to days at 48 rounded hours, so 47h30m already reads 2 days', () => {
    expect(humanDuration(47 * HOUR)).toBe('47 hours');
    expect(humanDuration(47 * HOUR + 29 * MINUTE)).toBe('47 hours');
    expect(humanDuration(47 * HOUR + 30 * MINUTE)).toBe('2 days');
    expect(humanDuration(2 * DAY)).toBe('2 days');
    expect(humanDuration(13 * DAY + 5 * HOUR)).toBe('13 days');
  });

  it('uses weeks below 60 days and months of 30 days below two years', () => {
    expect(humanDuration(2 * WEEK)).toBe('2 weeks');
    expect(humanDuration(2 * WEEK + 4 * DAY)).toBe('2 weeks');
    expect(humanDuration(MONTH)).toBe('4 weeks');
    expect(humanDuration(MONTH + 2 * WEEK)).toBe('6 weeks');
    expect(humanDuration(2 * MONTH)).toBe('2 months');
    expect(humanDuration(3 * MONTH + WEEK)).toBe('3 months');
    expect(humanDuration(5 * MONTH + 2 * WEEK)).toBe('5 months');
    expect(humanDuration(13 * MONTH)).toBe('13 months');
    expect(humanDuration(24 * MONTH)).toBe('24 months');
  });

  it('counts years from 730 days on', () => {
    expect(humanDuration(24 * MONTH + 2 * WEEK)).toBe('2 years');
    expect(humanDuration(3 * YEAR + 2 * MONTH)).toBe('3 years');
  });

  it('adds ago for CREATED columns', () => {
    expect(timeAgo(120)).toBe('2 minutes ago');
    expect(timeAgo(0.2)).toBe('Less than a second ago');
    expect(timeAgo(HOUR)).toBe('About an hour ago');
  });
});

describe('docker ps STATUS (moby State.String)', () => {
  const now = Date.UTC(2025, 5, 20, 12, 0, 0);
  const ago = (seconds: number): number => now - seconds * 1000;

  it('shows a running container as Up with its uptime', () => {
    expect(containerStatus({ status: 'running', exitCode: 0, startedAt: ago(125), now })).toBe('Up 2 minutes');
    expect(containerStatus({ status: 'running', exitCode: 0, startedAt: ago(0.3), now })).toBe('Up Less than a second');
  });

  it('marks paused containers and health states', () => {
    expect(containerStatus({ status: 'paused', exitCode: 0, startedAt: ago(5), now })).toBe('Up 5 seconds (Paused)');
    expect(containerStatus({ status: 'running', exitCode: 0, startedAt: ago(3 * HOUR), health: 'healthy', now })).toBe('Up 3 hours (healthy)');
    expect(containerStatus({ status: 'running', exitCode: 0, startedAt: ago(10), health: 'starting', now })).toBe(
      'Up 10 seconds (health: starting)',
    );
    expect(containerStatus({ status: 'running', exitCode: 0, startedAt: ago(40), health: 'unhealthy', now })).toBe('Up 40 seconds (unhealthy)');
    expect(healthString('')).toBe('unhealthy');
  });

  it('shows exited containers with their exit code and when they stopped', () => {
    expect(containerStatus({ status: 'exited', exitCode: 0, startedAt: ago(15 * MINUTE), finishedAt: ago(14 * MINUTE), now })).toBe(
      'Exited (0) 14 minutes ago',
    );
    expect(containerStatus({ status: 'exited', exitCode: 137, startedAt: ago(90), finishedAt: ago(3), now })).toBe('Exited (137) 3 seconds ago');
  });

  it('shows Restarting with the last exit code', () => {
    expect(containerStatus({ status: 'restarting', exitCode: 1, startedAt: ago(10), finishedAt: ago(3), now })).toBe('Restarting (1) 3 seconds ago');
  });

  it('shows Created, Dead and Removal In Progress as plain words', () => {
    expect(containerStatus({ status: 'created', exitCode: 0, now })).toBe('Created');
    expect(containerStatus({ status: 'exited', exitCode: 127, startedAt: null, now })).toBe('Created');
    expect(containerStatus({ status: 'dead', exitCode: 0, now })).toBe('Dead');
    expect(containerStatus({ status: 'removing', exitCode: 0, now })).toBe('Removal In Progress');
  });
});
