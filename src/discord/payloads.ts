// Button and modal custom_ids hold at most 100 characters. Longer payloads (a long command
// line, a deep file path) stay in memory under a short key that expires; a button pressed
// after that says so kindly.
import { randomBytes } from 'node:crypto';
import { LIMITS } from './limits';

export class PayloadStore {
  private readonly entries = new Map<string, { value: string; expires: number }>();
  private counter = 0;

  constructor(
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly maxEntries = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  put(value: string): string {
    this.prune();
    const key = `${(this.counter++).toString(36)}${randomBytes(3).toString('hex')}`;
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    return key;
  }

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    if (this.entries.size < this.maxEntries) return;
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expires < now) this.entries.delete(key);
    // Still full: the oldest go first (Map keeps insertion order).
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }

  /** `prefix:data` when it fits in a custom_id, else `prefix:@key` with the data kept here. */
  encode(prefix: string, data: string): string {
    const direct = `${prefix}:${data}`;
    if (direct.length <= LIMITS.customId && !data.startsWith('@')) return direct;
    return `${prefix}:@${this.put(data)}`;
  }

  /** The data of a custom_id made by `encode` (without its prefix), or undefined once expired. */
  decode(data: string): string | undefined {
    return data.startsWith('@') ? this.get(data.slice(1)) : data;
  }
}
