// Drives the playground's script mode in-process (the same code path as `npm start < script`),
// on a fresh in-memory database, the real catalogue and a clock the script can move.
import { PassThrough, Readable } from 'node:stream';
import { createBaleia } from '../../src/app/baleia';
import { loadCatalog } from '../../src/catalog-loader';
import { runScript } from '../../src/playground/playground';
import { openStore } from '../../src/store';
import { START } from './test-host';

export interface ScriptRun {
  transcript: string;
  exitCode: number;
}

/** Runs the lines as a student would pipe them into `npm start`; `# wait N` moves the clock N seconds. */
export async function playScript(lines: string[], options: { quiet?: boolean; user?: string; lang?: string } = {}): Promise<ScriptRun> {
  const store = openStore(':memory:');
  let now = START;
  const baleia = createBaleia({ store, catalog: loadCatalog(), clock: () => now, seed: () => 99 });
  const student = { scope: 'local', userId: `local:${options.user ?? 'ana'}`, displayName: options.user ?? 'ana', locale: options.lang ?? 'en' };
  const output = new PassThrough();
  let transcript = '';
  output.on('data', (chunk: Buffer) => (transcript += chunk.toString()));
  let exitCode = 0;
  // Lines starting with "# wait" move time forward between commands, like a student pausing.
  const chunks: string[][] = [[]];
  for (const line of lines) {
    if (/^# wait \d+$/.test(line)) chunks.push([`# ${line.slice(7)}`]);
    else chunks[chunks.length - 1]!.push(line);
  }
  for (const chunk of chunks) {
    const wait = chunk[0]?.startsWith('# ') ? Number(chunk.shift()!.slice(2)) : 0;
    now += wait * 1000;
    exitCode = await runScript({ baleia, student, input: Readable.from([`${chunk.join('\n')}\n`]), output, quiet: options.quiet ?? true, interactive: false });
  }
  store.close();
  return { transcript, exitCode };
}
