/** Discord's epoch (2015-01-01T00:00:00Z): snowflakes carry milliseconds since it in their top 42 bits. */
export const DISCORD_EPOCH = 1_420_070_400_000;

/** Makes ids shaped like Discord's: time-ordered, so sorting by id sorts by creation like on Discord. */
export function createSnowflakes(now: () => number): () => string {
  let increment = 0;
  let last = 0n;
  return () => {
    const ms = BigInt(Math.max(0, Math.floor(now()) - DISCORD_EPOCH));
    let id = (ms << 22n) | (1n << 17n) | (1n << 12n) | BigInt(increment++ & 0xfff);
    // a clock moved back (advanceTime is forward-only, but a custom clock may not be) must not reuse ids
    if (id <= last) id = last + 1n;
    last = id;
    return id.toString();
  };
}

export function snowflakeTime(id: string): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH;
}
