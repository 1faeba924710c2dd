// The terminal playground: the student's simulated host in a real terminal. Interactive with
// a prompt and history on a TTY; a script runner (prints the transcript) when stdin is a pipe.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Baleia, LineReply, StudentRef } from '../app/baleia';
import { CommandAssembler } from './line-reader';

export interface PlaygroundOptions {
  baleia: Baleia;
  /** Answers `lesson`, `quiz`, `lab` and `progress` before the shell (src/playground/learning-commands.ts). */
  learning?: { runLine(student: StudentRef, line: string): Promise<LineReply> };
  student: StudentRef;
  input: Readable;
  output: Writable;
  /** Leave the explanations out. */
  quiet: boolean;
  /** Interactive terminal (colours, prompt, history) or script transcript. */
  interactive: boolean;
}

const DIM = '\u001b[2m';
const CYAN = '\u001b[36m';
const RESET = '\u001b[0m';

export function formatReply(reply: LineReply, options: { quiet: boolean; colour: boolean }): string {
  let text = reply.chunks.map((chunk) => chunk.text).join('');
  if (text !== '' && !text.endsWith('\n')) text += '\n';
  if (!options.quiet && reply.explanation.sentences.length > 0) {
    const body = reply.explanation.sentences.map((sentence) => `  ↳ ${sentence}`).join('\n');
    const facts = reply.explanation.facts.length > 0 ? ` [${reply.explanation.facts.join(' ')}]` : '';
    text += options.colour ? `${DIM}${CYAN}${body}${facts}${RESET}\n` : `${body}${facts}\n`;
  }
  return text;
}

async function runOne(options: PlaygroundOptions, command: string): Promise<LineReply | undefined> {
  try {
    return await (options.learning ?? options.baleia).runLine(options.student, command);
  } catch (error) {
    options.output.write(`baleia: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}

/** Script mode: prints each prompt and line, then what the terminal would show. */
export async function runScript(options: PlaygroundOptions): Promise<number> {
  const reader = createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
  const assembler = new CommandAssembler();
  let lastExit = 0;
  const handle = async (command: string) => {
    if (command.trim() === '') return;
    const reply = await runOne(options, command);
    if (!reply) {
      lastExit = 1;
      return;
    }
    options.output.write(`${reply.promptBefore}${command}\n`);
    options.output.write(formatReply(reply, { quiet: options.quiet, colour: false }));
    lastExit = reply.exitCode;
  };
  for await (const line of reader) {
    const command = assembler.push(line);
    if (command !== undefined) await handle(command);
  }
  const rest = assembler.end();
  if (rest !== undefined) await handle(rest);
  return lastExit;
}

/** Interactive mode: a prompt, line editing and history from readline. */
export async function runInteractive(options: PlaygroundOptions): Promise<void> {
  const reader = createInterface({ input: options.input, output: options.output, terminal: true, historySize: 500 });
  const assembler = new CommandAssembler();
  const banner = options.student.locale === 'en'
    ? 'Baleia playground: your own simulated Docker host. Try `docker run hello-world`. Ctrl-D leaves.'
    : 'Playground do Baleia: seu próprio host Docker simulado. Experimente `docker run hello-world`. Ctrl-D sai.';
  options.output.write(`${DIM}${banner}${RESET}\n`);
  const first = await options.baleia.runLine(options.student, 'true');
  let prompt = first.prompt;
  reader.setPrompt(prompt);
  reader.prompt();
  for await (const line of reader) {
    const command = assembler.push(line);
    if (command === undefined) {
      reader.setPrompt('> ');
      reader.prompt();
      continue;
    }
    if (command.trim() !== '') {
      const reply = await runOne(options, command);
      if (reply) {
        options.output.write(formatReply(reply, { quiet: options.quiet, colour: true }));
        prompt = reply.prompt;
      }
    }
    reader.setPrompt(prompt);
    reader.prompt();
  }
  options.output.write('\n');
}
