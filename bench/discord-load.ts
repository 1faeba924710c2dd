// Load through the fake Discord: 30 students at once, each sending 50 mixed commands one after
// the other (as a person does: the next once the reply is there). Measures the time from the
// interaction being dispatched to the reply the student sees (the edit, when deferred).
// Run alone with `npx tsx bench/discord-load.ts`; `npm run bench` calls runDiscordLoad().
import { Writable } from 'node:stream';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { invokedDirectly } from '../src/invoked-directly';
import { registerCommands } from '../src/register';
import { createFakeDiscord, type SlashOptions } from '../test/fake-discord';

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
  /** Run one untimed session first (default true). */
  warmup?: boolean;
  /** Pause before each command, varied ±50% (0: each student fires the next at once). */
  thinkMs?: number;
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
  // One picture of the host per session, students asking for it at different moments.
  steps[(n * 7 + 10) % count] = ['host', {}];
  return steps;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 10) / 10;
}

interface BotWorkerData {
  role: 'baleia-bot';
  restUrl: string;
  token: string;
  tsx: string;
  file: string;
}

/**
 * The bot runs in its own thread, as in production where Discord is another machine: the
 * fake Discord's work (and this driver's) does not count against the bot's event loop.
 */
async function startBotThread(restUrl: string, token: string): Promise<{ stop(): Promise<number> }> {
  const data: BotWorkerData = { role: 'baleia-bot', restUrl, token, tsx: import.meta.resolve('tsx/esm/api'), file: import.meta.url };
  // A worker does not inherit tsx's loader: register it before importing this file again.
  const code = "import('node:worker_threads').then(async ({ workerData }) => { (await import(workerData.tsx)).register(); await import(workerData.file); }).catch((error) => { console.error(error); process.exit(1); })";
  const worker = new Worker(code, { eval: true, workerData: data });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the bot thread exited with code ${code}`)));
    worker.once('message', (message: { ready?: boolean; error?: string }) => (message.ready ? resolve() : reject(new Error(message.error))));
  });
  return {
    async stop() {
      const stopped = new Promise<number>((resolve) => worker.once('message', (message: { errors: number }) => resolve(message.errors)));
      worker.postMessage('stop');
      const errors = await stopped;
      await worker.terminate();
      return errors;
    },
  };
}

/** Inside the bot thread: the real bot, store and use cases, as `npm start` builds them. */
async function botThread(data: BotWorkerData): Promise<void> {
  const [{ createBaleia }, { createFileUseCases }, { createLearning }, { createClassUseCases }, { loadCourse }, { startBot }, { createLogger }, { officialImageNames }, { openStore }, { catalogFrom, MINI_CATALOG }] = await Promise.all([
    import('../src/app/baleia'),
    import('../src/app/files'),
    import('../src/app/learning'),
    import('../src/app/class'),
    import('../src/learning/content'),
    import('../src/discord/bot'),
    import('../src/discord/logger'),
    import('../src/discord/run'),
    import('../src/store'),
    import('../test/support/test-host'),
  ]);
  let errors = 0;
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        if ((JSON.parse(line) as { level: number }).level >= 50) {
          errors++;
          process.stderr.write(`${line}\n`);
        }
      }
      callback();
    },
  });
  const store = openStore(':memory:');
  let seed = 7;
  const catalog = catalogFrom(MINI_CATALOG);
  const deps = { store, catalog, clock: () => Date.now(), seed: () => seed++ };
  const baleia = createBaleia(deps);
  const files = createFileUseCases({ ...deps, templates: [] }, { lock: baleia.lock, profileOf: baleia.profileOf });
  const learning = createLearning({ baleia, store, catalog, course: await loadCourse(catalog, { verifyCommands: false }), clock: deps.clock });
  const classes = createClassUseCases({ store, learning, clock: deps.clock });
  const log = createLogger({ level: 'warn', secrets: [data.token], destination });
  const bot = await startBot({ token: data.token, apiUrl: data.restUrl, baleia, files, learning, classes, log, officialImages: officialImageNames(catalog) });
  parentPort!.postMessage({ ready: true });
  parentPort!.once('message', () => {
    void bot.stop().then(() => {
      store.close();
      parentPort!.postMessage({ errors });
    });
  });
}

export async function runDiscordLoad(options: DiscordLoadOptions = {}): Promise<DiscordLoadResult> {
  const students = options.students ?? 30;
  const commandsEach = options.commandsEach ?? 50;
  const log = options.log ?? (() => undefined);
  const members = Array.from({ length: students }, (_, i) => ({ user: { username: `student${i + 1}`, locale: i % 2 === 0 ? 'pt-BR' : 'en-US' } }));
  const warmer = { user: { username: 'warmup', locale: 'en-US' } };
  const fake = await createFakeDiscord({ quiet: true, guilds: [{ name: 'Load Class', channels: [{ name: 'geral' }], members: [...members, warmer] }] });
  await registerCommands({ token: fake.token, apiUrl: fake.restUrl, guildId: fake.guild.id });
  const bot = await startBotThread(fake.restUrl, fake.token);
  // A bot in service is warm: one untimed session first, so JIT compilation and first-use
  // module loading are not counted as the class's latency.
  if (options.warmup ?? true) {
    for (const [command, commandOptions] of session(0, 20)) {
      await fake.slash(command === 'file' ? 'file show' : command, { user: 'warmup', options: commandOptions ?? {} }).waitForReply(15_000);
    }
  }
  const latencies: number[] = [];
  const byCommand = new Map<string, number[]>();
  let errors = 0;
  let deferred = 0;
  const started = performance.now();
  try {
    await Promise.all(
      members.map(async (member, index) => {
        for (const [command, commandOptions] of session(index + 1, commandsEach)) {
          if (options.thinkMs) await new Promise((resolve) => setTimeout(resolve, options.thinkMs! * (0.5 + Math.random())));
          const t0 = performance.now();
          try {
            const line = command === 'file' ? 'file show' : command;
            const handle = fake.slash(line, { user: member.user.username, options: commandOptions ?? {} });
            const message = await handle.waitForReply(15_000);
            const elapsed = performance.now() - t0;
            latencies.push(elapsed);
            if (process.env.BALEIA_BENCH_TRACE) log(`trace ${Math.round(performance.now() - started)} ${Math.round(elapsed)} ${command}`);
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
    errors += await bot.stop();
    errors += fake.problems.length + fake.restCalls.filter((call) => call.status >= 400).length;
    await fake.close();
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

if (!isMainThread && (workerData as BotWorkerData | undefined)?.role === 'baleia-bot') {
  await botThread(workerData as BotWorkerData);
}

if (invokedDirectly(import.meta.url)) {
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
