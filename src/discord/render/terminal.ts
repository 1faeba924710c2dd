// The terminal transcript of one line, made safe for a Discord code block: the prompt and the
// line, then the output exactly as a terminal shows it, cut cleanly when it is too long.
import type { OutputChunk } from '../../engine/io';

/** Longest single line kept whole; longer ones (minified files, base64) are cut with an ellipsis. */
const MAX_LINE = 400;
const ZWJ = '\u200d';

/** Breaks up backtick runs so output can never close the code block it sits in. */
export function escapeBackticks(text: string): string {
  return text.replace(/`(?=`)/g, `\`${ZWJ}`);
}

/** Control sequences a terminal would interpret (colours, cursor moves) and stray carriage returns. */
function plain(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b[@-_]/g, '')
    .replace(/\r\n/g, '\n')
    .replace(/\r/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

function cutLine(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export interface TranscriptOptions {
  /** Characters available for the whole code block, fences included. */
  max: number;
  /** `... N more lines`, in the student's language. */
  moreLines: (n: number) => string;
}

/**
 * The text of the transcript before fitting: prompt + line, then the output, then the new
 * prompt when the line moved it (into a container after `docker run -it`, back out on `exit`),
 * as the terminal would show it.
 */
export function transcriptText(promptBefore: string, line: string, chunks: readonly OutputChunk[], promptAfter = promptBefore): string {
  let output = chunks.map((chunk) => chunk.text).join('');
  if (output.endsWith('\n')) output = output.slice(0, -1);
  const lines = [`${promptBefore}${line}`];
  if (output !== '') lines.push(output);
  if (promptAfter !== promptBefore) lines.push(promptAfter.trimEnd());
  return lines.join('\n');
}

/**
 * A code block holding as many whole lines of `text` as fit in `options.max`, then
 * `... N more lines` when some had to go.
 */
export function codeBlock(text: string, options: TranscriptOptions): string {
  const open = '```\n';
  const close = '\n```';
  const budget = options.max - open.length - close.length;
  const lines = escapeBackticks(plain(text)).split('\n').map((line) => cutLine(line, MAX_LINE));
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const remaining = lines.length - i;
    const cost = (kept.length > 0 ? 1 : 0) + line.length;
    // Room for this line, and for the "more lines" note if lines still follow it.
    const note = remaining > 1 ? options.moreLines(remaining - 1).length + 1 : 0;
    if (used + cost + note <= budget) {
      kept.push(line);
      used += cost;
      continue;
    }
    if (kept.length === 0) {
      const notice = options.moreLines(remaining);
      // Not even the first line fits: keep the start of it.
      kept.push(cutLine(line, Math.max(1, budget - notice.length - 1)));
      if (remaining > 1) kept.push(options.moreLines(remaining - 1));
      break;
    }
    const noteFor = () => options.moreLines(lines.length - kept.length);
    while (kept.length > 1 && used + 1 + noteFor().length > budget) {
      const dropped = kept.pop()!;
      used -= dropped.length + 1;
    }
    kept.push(noteFor());
    break;
  }
  return `${open}${kept.join('\n')}${close}`;
}
