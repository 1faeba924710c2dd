// Output of one simulated program, kept in the order it was written so a chat reply can show
// stdout and stderr interleaved as a terminal would.

export type Stream = 'stdout' | 'stderr';

export interface OutputChunk {
  stream: Stream;
  text: string;
}

export class CommandIO {
  readonly chunks: OutputChunk[] = [];
  /** Daemon errors reported while the command ran (each becomes an event for the explainer). */
  readonly errors: Array<{ code: string; message: string; facts: string[] }> = [];

  out(text: string): void {
    if (text) this.chunks.push({ stream: 'stdout', text });
  }

  err(text: string): void {
    if (text) this.chunks.push({ stream: 'stderr', text });
  }

  get stdout(): string {
    return this.chunks.filter((chunk) => chunk.stream === 'stdout').map((chunk) => chunk.text).join('');
  }

  get stderr(): string {
    return this.chunks.filter((chunk) => chunk.stream === 'stderr').map((chunk) => chunk.text).join('');
  }
}
