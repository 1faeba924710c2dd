// Double clicks act once: a button press claims its (message, button) pair while it runs and
// for a short window after, and presses in between are acknowledged without doing anything.
export class ClickGuard {
  private readonly claims = new Map<string, { running: boolean; until: number }>();

  constructor(
    private readonly windowMs = 3000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True for the first press; false while the same press is running or just finished. */
  claim(key: string): boolean {
    const now = this.now();
    const existing = this.claims.get(key);
    if (existing && (existing.running || existing.until > now)) return false;
    if (this.claims.size > 5000) for (const [k, v] of this.claims) if (!v.running && v.until <= now) this.claims.delete(k);
    this.claims.set(key, { running: true, until: Number.POSITIVE_INFINITY });
    return true;
  }

  release(key: string): void {
    const existing = this.claims.get(key);
    if (existing) this.claims.set(key, { running: false, until: this.now() + this.windowMs });
  }
}
