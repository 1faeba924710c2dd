// A small seeded generator (mulberry32). Its state lives in the student's HostState, so the
// same commands on the same host always give the same container IDs and names.

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** Current state, to be saved with the host. */
  state(): number;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    state: () => state,
  };
}

export function randomHex(rng: Rng, length: number): string {
  let hex = '';
  while (hex.length < length) hex += Math.floor(rng.next() * 0x100000000).toString(16).padStart(8, '0');
  return hex.slice(0, length);
}

export function randomInt(rng: Rng, maxExclusive: number): number {
  return Math.floor(rng.next() * maxExclusive);
}
