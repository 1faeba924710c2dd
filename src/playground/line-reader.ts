// Groups typed lines into what a shell reads as one command: heredoc bodies and lines ending
// in a backslash continue until they are complete.

const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

/** Heredoc terminators a line opens, in order (`cat <<'EOF' > f` → ['EOF']). */
export function openedHeredocs(line: string): Array<{ word: string; stripTabs: boolean }> {
  const result: Array<{ word: string; stripTabs: boolean }> = [];
  for (const match of line.matchAll(HEREDOC)) result.push({ word: match[3]!, stripTabs: match[1] === '-' });
  return result;
}

export class CommandAssembler {
  private buffer: string[] = [];
  private pending: Array<{ word: string; stripTabs: boolean }> = [];
  private continued = false;

  /** Feeds one typed line; returns a complete command when there is one. */
  push(line: string): string | undefined {
    if (this.pending.length > 0) {
      this.buffer.push(line);
      const candidate = this.pending[0]!.stripTabs ? line.replace(/^\t+/, '') : line;
      if (candidate === this.pending[0]!.word) this.pending.shift();
      return this.pending.length === 0 ? this.flush() : undefined;
    }
    if (this.continued) this.buffer[this.buffer.length - 1] = `${this.buffer[this.buffer.length - 1]!.slice(0, -1)}${line}`;
    else this.buffer.push(line);
    const current = this.buffer[this.buffer.length - 1]!;
    this.continued = /(^|[^\\])\\$/.test(current);
    if (this.continued) return undefined;
    this.pending = openedHeredocs(current);
    return this.pending.length === 0 ? this.flush() : undefined;
  }

  /** True while a heredoc or a continuation is waiting for more lines. */
  get incomplete(): boolean {
    return this.buffer.length > 0;
  }

  /** Whatever is left when input ends (an unterminated heredoc runs as bash would, with a warning). */
  end(): string | undefined {
    return this.buffer.length > 0 ? this.flush() : undefined;
  }

  private flush(): string {
    const text = this.buffer.join('\n');
    this.buffer = [];
    this.pending = [];
    this.continued = false;
    return text;
  }
}
