// Load through the fake Discord: 30 students at once, each sending 50 mixed commands one after
// the other (as a person does: the next once the reply is there). Measures the time from the
// interaction being dispatched to the reply the student sees (the edit, when deferred).
// Run alone with `npx tsx bench/discord-load.ts`; `npm run bench` calls runDiscordLoad().
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bootBot } from '../test/discord/support/boot';
import type { SlashOptions } from '../test/fake-discord';

export interface DiscordLoadResult {
  p50: number;
  p99: number;
  max: number;
  errors: number;
  interactions: number;
  deferred: number;
  seconds: number;
}

export interface DiscordLoadOptions {
  students?: number;
  commandsEach?: number;
  log?: (line: string) => void;
}

type Step = [command: string, options: SlashOptions['options']];

/** A student's session: run a server, look at it, poke inside, files, clean up, again. */
function session(n: number, count: number): Step[] {
  const web = `web${n}`;
  const cycle: Step[] = [
    ['docker', { command: `run -d --name ${web} -p 80${String(n).padStart(2, '0')}:80 nginx` }],
    ['docker', { command: 'ps' }],
    ['sh', { line: `curl -s localhost:80${String(n).padStart(2, '0')}` }],
    ['docker', { command: `logs ${web}` }],
    ['docker', { command: 'images' }],
    ['docker', { command: `exec ${web} ls /usr/share/nginx/html` }],
    ['docker', { command: 'volume create data' }],
    ['docker', { command: 'run --rm -v data:/data alpine sh -c "echo hi > /data/hi.txt"' }],
    ['sh', { line: 'echo "FROM nginx" > Dockerfile && ls -la' }],
    ['file', { path: 'Dockerfile' }],
    ['docker', { command: `stop ${web}` }],
    ['docker', { command: 'ps -a' }],
    ['docker', { command: `start ${web}` }],
    ['docker', { command: `inspect -f "{{.State.Status}}" ${web}` }],
    ['docker', { command: 'pull debian:bookworm-slim' }],
    ['docker', { command: 'system df' }],
    ['docker', { command: 'rmn typo' }],
    ['docker', { command: `rm -f ${web}` }],
    ['docker', { command: 'volume ls' }],
    ['sh', { line: 'cat Dockerfile' }],
  ];
  const steps: Step[] = [];
  for (let i = 0; steps.length < count; i++) steps.push(cycle[i % cycle.length]!);
  // One picture of the host per session.
  steps[Math.min(count - 1, 24)] = ['host', {}];
  return steps;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 10) / 10;
}

export async function runDiscordLoad(options: DiscordLoadOptions = {}): Promise<DiscordLoadResult> {
  const students = options.students ?? 30;
  const commandsEach = options.commandsEach ?? 50;
  const log = options.log ?? (() => undefined);
  const members = Array.from({ length: students }, (_, i) => ({ user: { username: `student${i + 1}`, locale: i % 2 === 0 ? 'pt-BR' : 'en-US' } }));
  const booted = await bootBot({ fake: { quiet: true, guilds: [{ name: 'Load Class', channels: [{ name: 'geral' }], members }] } });
  const { fake } = booted;
  const latencies: number[] = [];
  const byCommand = new Map<string, number[]>();
  let errors = 0;
  let deferred = 0;
  const started = performance.now();
  try {
    await Promise.all(
      members.map(async (member, index) => {
        for (const [command, commandOptions] of session(index + 1, commandsEach)) {
          const t0 = performance.now();
          try {
            const line = command === 'file' ? 'file show' : command;
            const handle = fake.slash(line, { user: member.user.username, options: commandOptions ?? {} });
            const message = await handle.waitForReply(15_000);
            const elapsed = performance.now() - t0;
            latencies.push(elapsed);
            const kind = `${command} ${String(Object.values(commandOptions ?? {})[0] ?? '').split(' ')[0]}`;
            byCommand.set(kind, [...(byCommand.get(kind) ?? []), elapsed]);
            if (handle.record.callback?.type === 5) deferred++;
            const description = String(message.embeds[0]?.description ?? '');
            if (/algo deu errado|something went wrong|erro inesperado|unexpected error/i.test(description)) errors++;
          } catch (error) {
            errors++;
            log(`error for ${member.user.username} /${command}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }),
    );
  } finally {
    errors += fake.problems.length + fake.restCalls.filter((call) => call.status >= 400).length;
    await booted.close();
  }
  const seconds = (performance.now() - started) / 1000;
  for (const [kind, values] of [...byCommand].sort()) {
    values.sort((a, b) => a - b);
    log(`  ${kind.padEnd(16)} n=${String(values.length).padStart(4)} p50 ${percentile(values, 50)} ms, p99 ${percentile(values, 99)} ms`);
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.round((latencies.at(-1) ?? 0) * 10) / 10,
    errors,
    interactions: latencies.length,
    deferred,
    seconds: Math.round(seconds * 10) / 10,
  };
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
  runDiscordLoad({ log: (line) => process.stderr.write(`${line}\n`) }).then(
    (result) => {
      process.stdout.write(
        `discord load: ${result.interactions} interactions from 30 students in ${result.seconds} s; interaction → reply p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms; ${result.deferred} deferred; errors ${result.errors}\n`,
      );
      process.exitCode = result.errors === 0 ? 0 : 1;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
