// Probes judge a host by its state: each runs one shell line on its own copy of a scratch host
// and compares what it printed, so any correct way of getting there passes.
import type { Locale, Probe } from '../content/common';
import type { LineResult } from '../engine/execute-line';
import type { ScratchHost } from './scratch-host';

export interface ProbeOutcome {
  /** What the condition means, in the student's language. */
  describe: string;
  holds: boolean;
}

const regexCache = new Map<string, RegExp>();

function regex(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) regexCache.set(source, (re = new RegExp(source)));
  return re;
}

/** Whether one probe's expectations hold for the output of its line. */
export function probeHolds(probe: Probe, result: Pick<LineResult, 'stdout' | 'exitCode'>): boolean {
  const e = probe.expect;
  if (e.exitCode !== undefined && result.exitCode !== e.exitCode) return false;
  if (e.stdout !== undefined && result.stdout !== e.stdout) return false;
  if (e.contains && !e.contains.every((part) => result.stdout.includes(part))) return false;
  if (e.notContains && e.notContains.some((part) => result.stdout.includes(part))) return false;
  if (e.matches !== undefined && !regex(e.matches).test(result.stdout)) return false;
  return true;
}

/** Runs every probe on its own fork of `host` (a probe's side effects never reach another). */
export async function runProbes(host: ScratchHost, probes: readonly Probe[], locale: Locale): Promise<ProbeOutcome[]> {
  const outcomes: ProbeOutcome[] = [];
  for (const probe of probes) {
    const result = await host.fork().run(probe.run);
    outcomes.push({ describe: probe.describe[locale], holds: probeHolds(probe, result) });
  }
  return outcomes;
}
