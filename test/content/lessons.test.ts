import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/content/common';
import { LESSON_LIMITS, LessonValidationError, factsTaught, validateLessons } from '../../src/lessons/schema';
import type { Lesson } from '../../src/lessons/schema';

const lessonsDir = new URL('../../data/lessons/', import.meta.url);
const files = readdirSync(lessonsDir).filter((name) => name.endsWith('.json')).sort();
const raw: unknown[] = files.map((name) => JSON.parse(readFileSync(new URL(name, lessonsDir), 'utf8')) as unknown);
const lessons: Lesson[] = validateLessons(raw);

const ALL_FACTS = Array.from({ length: 38 }, (_, i) => `F${String(i + 1).padStart(2, '0')}`);

// ---------------------------------------------------------------------------------------------
// A cheap language detector: prose only (code blocks, inline code and URLs removed), counting
// words that exist in one language and not the other.

const EN_WORDS = new Set(['the', 'and', 'is', 'are', 'you', 'your', 'with', 'this', 'that', 'of', 'to', 'it', 'in', 'on', 'from', 'what', 'when', 'which', 'its']);
const PT_WORDS = new Set(['de', 'que', 'não', 'uma', 'com', 'para', 'você', 'é', 'da', 'dos', 'das', 'na', 'em', 'mais', 'seu', 'sua', 'isso', 'esse', 'essa', 'também', 'está', 'são', 'pelo', 'pela', 'ou']);
const PT_LETTERS = /[ãõçáéíóúâêôà]/i;

function prose(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
}

function countWords(text: string, words: ReadonlySet<string>): number {
  return (prose(text).toLowerCase().match(/\p{L}+/gu) ?? []).filter((word) => words.has(word)).length;
}

// ---------------------------------------------------------------------------------------------
// A static replay of the try-its: what a host would hold after each line. It knows only the
// commands lessons may use, so a typo, a forbidden flag or a reference to something the lesson
// never created shows up here, before the engine test runs the lines for real.

const SERVER_IMAGES = new Set(['nginx', 'httpd', 'redis', 'postgres', 'mysql', 'mongo']);
const SHELL_COMMANDS = new Set(['cat', 'echo', 'ls', 'curl']);

type Status = 'created' | 'running' | 'exited';
interface Ledger {
  containers: Map<string, { status: Status; ports: number[] }>;
  images: Set<string>;
  volumes: Set<string>;
  files: Map<string, string>;
}

function newLedger(): Ledger {
  return { containers: new Map(), images: new Set(), volumes: new Set(), files: new Map() };
}

interface Token { text: string; op: boolean }

/** Splits one shell line into words and operators, honouring single and double quotes. */
function lex(line: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) tokens.push({ text: word, op: false });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'" || ch === '"') {
      const end = line.indexOf(ch, i + 1);
      if (end < 0) throw new Error(`unclosed quote in: ${line}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (/\s/.test(ch)) {
      flush();
    } else if ('&|;><'.includes(ch)) {
      flush();
      const two = line.slice(i, i + 2);
      if (['&&', '||', '>>', '<<'].includes(two)) {
        tokens.push({ text: two, op: true });
        i++;
      } else {
        tokens.push({ text: ch, op: true });
      }
    } else {
      word += ch;
      inWord = true;
    }
  }
  flush();
  return tokens;
}

/** Simple commands of a line, each with its redirections. */
function simpleCommands(line: string): { words: string[]; writes: string[]; heredoc: boolean }[] {
  const result: { words: string[]; writes: string[]; heredoc: boolean }[] = [];
  let current = { words: [] as string[], writes: [] as string[], heredoc: false };
  const tokens = lex(line);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.op && ['&&', '||', ';', '|'].includes(token.text)) {
      result.push(current);
      current = { words: [], writes: [], heredoc: false };
    } else if (token.op && (token.text === '>' || token.text === '>>')) {
      const target = tokens[++i];
      if (!target || target.op) throw new Error(`redirection without a file in: ${line}`);
      current.writes.push(target.text);
    } else if (token.op && token.text === '<<') {
      i++;
      current.heredoc = true;
    } else if (token.op) {
      throw new Error(`unsupported operator ${token.text} in: ${line}`);
    } else {
      current.words.push(token.text);
    }
  }
  result.push(current);
  return result.filter((command) => command.words.length > 0);
}

function imageRef(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

/** Flags each subcommand may use in a try-it, and whether each takes a value. */
const ALLOWED_FLAGS: Record<string, Record<string, boolean>> = {
  run: { '-d': false, '--rm': false, '--name': true, '-p': true, '-e': true, '-v': true },
  create: { '--name': true, '-p': true, '-e': true, '-v': true },
  rm: { '-f': false, '-v': false },
  ps: { '-a': false, '-s': false, '--format': true },
  inspect: { '-f': true },
  commit: { '-m': true },
  build: { '-t': true },
};

function parseFlags(sub: string, args: string[], problems: string[]) {
  const allowed = ALLOWED_FLAGS[sub] ?? {};
  const flags = new Map<string, string[]>();
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') break;
    const [name, attached] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!(name in allowed)) {
      problems.push(`docker ${sub} ${name} is not allowed in a try-it`);
      continue;
    }
    let value = '';
    if (allowed[name]) value = attached ?? args[++i] ?? '';
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { flags, rest: args.slice(i) };
}

function needContainer(ledger: Ledger, name: string | undefined, problems: string[], running = false) {
  const container = name === undefined ? undefined : ledger.containers.get(name);
  if (!container) {
    problems.push(`container ${name ?? '(none)'} does not exist at this point`);
    return undefined;
  }
  if (running && container.status !== 'running') problems.push(`container ${name} is ${container.status}, not running`);
  return container;
}

function needImage(ledger: Ledger, name: string | undefined, problems: string[]) {
  if (name === undefined || !ledger.images.has(imageRef(name))) problems.push(`image ${name ?? '(none)'} is not on the host at this point`);
}

function dockerfileCopySources(dockerfile: string): string[] {
  const sources: string[] = [];
  for (const line of dockerfile.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0]?.toUpperCase() !== 'COPY') continue;
    const args = words.slice(1);
    if (args.some((arg) => arg.startsWith('--from'))) continue;
    const paths = args.filter((arg) => !arg.startsWith('--'));
    sources.push(...paths.slice(0, -1).filter((path) => path !== '.').map((path) => path.replace(/\/$/, '')));
  }
  return sources;
}

/** Replays one try-it line on the ledger; returns what would go wrong on a real host. */
function replay(ledger: Ledger, command: string): string[] {
  const problems: string[] = [];
  const lines = command.split('\n');
  const heredocBody = lines.slice(1, -1).join('\n');
  for (const { words, writes, heredoc } of simpleCommands(lines[0]!)) {
    const [program, sub, ...args] = words;
    if (program !== 'docker') {
      if (!SHELL_COMMANDS.has(program!)) problems.push(`${program} is not one of the shell basics lessons use`);
      if (program === 'cat' && !heredoc) for (const file of words.slice(1)) if (!ledger.files.has(file)) problems.push(`cat ${file}: no such file yet`);
      if (program === 'curl') {
        const port = Number(/localhost:(\d+)/.exec(words.join(' '))?.[1]);
        const published = [...ledger.containers.values()].some((c) => c.status === 'running' && c.ports.includes(port));
        if (!published) problems.push(`curl: nothing running publishes port ${port}`);
      }
      for (const file of writes) ledger.files.set(file, heredoc ? heredocBody : '');
      continue;
    }
    const { flags, rest } = parseFlags(sub ?? '', args, problems);
    switch (sub) {
      case 'run':
      case 'create': {
        const [image, ...cmd] = rest;
        if (!image) { problems.push(`docker ${sub} without an image`); break; }
        ledger.images.add(imageRef(image));
        const detached = flags.has('-d');
        if (sub === 'run' && !detached && SERVER_IMAGES.has(image.split(':')[0]!)) problems.push(`docker run ${image} without -d never returns`);
        for (const spec of flags.get('-v') ?? []) {
          const source = spec.split(':')[0]!;
          if (!source.startsWith('/') && spec.includes(':')) ledger.volumes.add(source);
        }
        const ports = (flags.get('-p') ?? []).map((spec) => Number(spec.split(':')[0]));
        for (const port of ports) {
          const taken = [...ledger.containers.entries()].find(([, c]) => c.ports.includes(port));
          if (taken) problems.push(`port ${port} is already published by container ${taken[0]}`);
        }
        const name = flags.get('--name')?.[0];
        if (name !== undefined && ledger.containers.has(name)) problems.push(`container name ${name} is already in use`);
        if (flags.has('--rm') && !detached) break;
        let status: Status = 'created';
        if (sub === 'run') status = detached && (cmd.length > 0 || !['alpine', 'busybox', 'ubuntu', 'debian'].includes(image)) ? 'running' : 'exited';
        if (name !== undefined) ledger.containers.set(name, { status, ports });
        break;
      }
      case 'start':
      case 'restart':
        for (const name of rest) { const c = needContainer(ledger, name, problems); if (c) c.status = 'running'; }
        break;
      case 'stop':
        for (const name of rest) { const c = needContainer(ledger, name, problems); if (c) c.status = 'exited'; }
        break;
      case 'rm':
        for (const name of rest) {
          const c = needContainer(ledger, name, problems);
          if (c?.status === 'running' && !flags.has('-f')) problems.push(`docker rm ${name}: the container is running (stop it or use -f)`);
          ledger.containers.delete(name);
        }
        break;
      case 'exec':
        if (rest[0]?.startsWith('-')) problems.push('docker exec takes no flags in a try-it');
        needContainer(ledger, rest[0], problems, true);
        if (rest.length < 2) problems.push('docker exec needs a command');
        break;
      case 'logs':
      case 'diff':
        needContainer(ledger, rest[0], problems);
        break;
      case 'commit':
        needContainer(ledger, rest[0], problems);
        if (rest[1]) ledger.images.add(imageRef(rest[1]));
        break;
      case 'inspect':
        for (const name of rest) if (!ledger.containers.has(name)) needImage(ledger, name, problems);
        break;
      case 'history':
        needImage(ledger, rest[0], problems);
        break;
      case 'tag':
        needImage(ledger, rest[0], problems);
        if (rest[1]) ledger.images.add(imageRef(rest[1]));
        break;
      case 'rmi':
        for (const name of rest) { needImage(ledger, name, problems); ledger.images.delete(imageRef(name)); }
        break;
      case 'pull':
        if (rest[0]) ledger.images.add(imageRef(rest[0]));
        break;
      case 'images':
      case 'ps':
        break;
      case 'system':
        if (rest.join(' ') !== 'df') problems.push(`docker system ${rest.join(' ')} is not used in lessons`);
        break;
      case 'volume': {
        const [verb, ...names] = rest;
        if (verb === 'create') names.forEach((name) => ledger.volumes.add(name));
        else if (verb === 'inspect' || verb === 'rm') {
          for (const name of names) if (!ledger.volumes.has(name)) problems.push(`volume ${name} does not exist at this point`);
          if (verb === 'rm') names.forEach((name) => ledger.volumes.delete(name));
        } else if (verb !== 'ls') problems.push(`docker volume ${verb} is not used in lessons`);
        break;
      }
      case 'build': {
        if (rest.join(' ') !== '.') problems.push('docker build must use the home directory as context: docker build -t NAME .');
        const dockerfile = ledger.files.get('Dockerfile');
        if (dockerfile === undefined) { problems.push('docker build before any Dockerfile was written'); break; }
        for (const source of dockerfileCopySources(dockerfile)) if (!ledger.files.has(source)) problems.push(`the Dockerfile copies ${source}, which no try-it wrote`);
        // Only the tagged result joins the image store: BuildKit keeps the FROM images in its
        // own cache, so they are not in `docker images` (nor inspectable) until pulled.
        const tag = flags.get('-t')?.[0];
        if (tag) ledger.images.add(imageRef(tag));
        break;
      }
      default:
        problems.push(`docker ${sub} is not allowed in a try-it`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe('the lessons in data/lessons', () => {
  it('are between 12 and 16, one file each, named NN-id.json after their order and id', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(12);
    expect(lessons.length).toBeLessThanOrEqual(16);
    expect(files).toEqual(lessons.map((lesson) => `${String(lesson.order).padStart(2, '0')}-${lesson.id}.json`));
  });

  it('have unique kebab-case ids and orders running 1..N without gaps', () => {
    const ids = lessons.map((lesson) => lesson.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(lessons.map((lesson) => lesson.order)).toEqual(lessons.map((_, i) => i + 1));
  });

  it('teach every course fact F01-F38 on at least one page, in both languages', () => {
    for (const fact of ALL_FACTS) {
      const pages = lessons.flatMap((lesson) => lesson.pages).filter((page) => page.facts.includes(fact as never));
      expect(pages.length, `${fact} has no lesson page`).toBeGreaterThan(0);
      for (const locale of LOCALES) expect(pages.some((page) => page.body[locale].trim().length > 0), `${fact} in ${locale}`).toBe(true);
    }
    expect([...factsTaught(lessons)].sort()).toEqual(ALL_FACTS);
  });

  it('start with what an image is and end with why containers are light and portable', () => {
    expect(lessons[0]!.id).toBe('what-is-an-image');
    expect(lessons.at(-1)!.facts).toEqual(expect.arrayContaining(['F09', 'F36', 'F38']));
  });

  it('fit Discord: bodies of at most 900 characters, titles and button labels of at most 80', () => {
    for (const lesson of lessons) {
      for (const locale of LOCALES) {
        expect(lesson.title[locale].length, `${lesson.id} title`).toBeLessThanOrEqual(80);
        for (const [n, page] of lesson.pages.entries()) {
          expect(page.body[locale].length, `${lesson.id} page ${n + 1} ${locale}`).toBeLessThanOrEqual(LESSON_LIMITS.bodyChars);
          for (const tryIt of page.tryIt) expect(tryIt.label[locale].length, tryIt.command).toBeLessThanOrEqual(80);
        }
      }
      expect(lesson.pages.length).toBeGreaterThanOrEqual(2);
      expect(lesson.pages.length).toBeLessThanOrEqual(5);
    }
  });

  it('never mix languages: English prose in en, Brazilian Portuguese in pt-BR', () => {
    for (const lesson of lessons) {
      for (const [n, page] of lesson.pages.entries()) {
        const where = `${lesson.id} page ${n + 1}`;
        const { en, 'pt-BR': pt } = page.body;
        expect(countWords(en, PT_WORDS), `${where} en has Portuguese words`).toBeLessThanOrEqual(1);
        expect(countWords(en, EN_WORDS), `${where} en reads as English`).toBeGreaterThanOrEqual(3);
        expect(prose(en), `${where} en has Portuguese letters`).not.toMatch(PT_LETTERS);
        expect(countWords(pt, EN_WORDS), `${where} pt-BR has English words`).toBeLessThanOrEqual(2);
        expect(countWords(pt, PT_WORDS), `${where} pt-BR reads as Portuguese`).toBeGreaterThanOrEqual(3);
      }
      const shortTexts = [lesson.title, lesson.summary, ...lesson.pages.flatMap((page) => page.tryIt.map((tryIt) => tryIt.label))];
      for (const text of shortTexts) {
        expect(prose(text.en), `en: ${text.en}`).not.toMatch(PT_LETTERS);
        expect(text['pt-BR'], `pt-BR is a copy of en: ${text.en}`).not.toBe(text.en);
      }
    }
  });

  it('use the course words in pt-BR prose: contêiner, never container', () => {
    for (const lesson of lessons) {
      const texts = [lesson.title, lesson.summary, ...lesson.pages.map((page) => page.body), ...lesson.pages.flatMap((page) => page.tryIt.map((t) => t.label))];
      for (const text of texts) {
        expect(prose(text['pt-BR']), text['pt-BR']).not.toMatch(/\bcontainers?\b/i);
        expect(text.en).not.toMatch(/contêiner/i);
      }
    }
  });

  it('have try-it commands of one line, or one heredoc that writes a file, and at most 500 characters', () => {
    for (const lesson of lessons) {
      for (const { command } of lesson.pages.flatMap((page) => page.tryIt)) {
        expect(command.length, command).toBeLessThanOrEqual(LESSON_LIMITS.commandChars);
        const lines = command.split('\n');
        if (lines.length === 1) continue;
        const opener = /^cat > [\w.-]+ <<'(\w+)'$/.exec(lines[0]!);
        expect(opener, `multi-line try-it must start with cat > FILE <<'EOF': ${command}`).not.toBeNull();
        expect(lines.at(-1), command).toBe(opener![1]);
        expect(lines.slice(1, -1).includes(opener![1]!), command).toBe(false);
      }
    }
  });

  it('never need a terminal or another student: no -it, no push', () => {
    for (const lesson of lessons) {
      for (const { command } of lesson.pages.flatMap((page) => page.tryIt)) {
        for (const { words } of simpleCommands(command.split('\n')[0]!)) {
          if (words[0] !== 'docker') continue;
          expect(words[1], command).not.toBe('push');
          if (['run', 'create', 'exec'].includes(words[1]!)) {
            // Flags end at the image (or the container, for exec); what follows is the command.
            const flags: string[] = [];
            for (let i = 2; i < words.length && words[i]!.startsWith('-'); i++) {
              flags.push(words[i]!);
              if (['--name', '-p', '-e', '-v'].includes(words[i]!)) i++;
            }
            const terminal = flags.filter((flag) => /^-[a-zA-Z]*[it][a-zA-Z]*$/.test(flag) || flag === '--interactive' || flag === '--tty');
            expect(terminal, command).toEqual([]);
          }
        }
      }
    }
  });

  it('have try-its that work on a fresh host when a lesson is followed in order', () => {
    for (const lesson of lessons) {
      const ledger = newLedger();
      for (const { command } of lesson.pages.flatMap((page) => page.tryIt)) {
        expect(replay(ledger, command), `${lesson.id}: ${command}`).toEqual([]);
      }
    }
  });

  it('have try-its that also work on one host that followed the whole course (no name or port clashes)', () => {
    const ledger = newLedger();
    for (const lesson of lessons) {
      for (const { command } of lesson.pages.flatMap((page) => page.tryIt)) {
        expect(replay(ledger, command), `${lesson.id}: ${command}`).toEqual([]);
      }
    }
  });

  it('leave the quiz lists empty or unique until the quiz bank links them', () => {
    for (const lesson of lessons) expect(new Set(lesson.quiz).size).toBe(lesson.quiz.length);
  });
});

describe('the try-it replay used above', () => {
  it('catches a second container with a name still in use', () => {
    const ledger = newLedger();
    expect(replay(ledger, 'docker run -d --name web nginx')).toEqual([]);
    expect(replay(ledger, 'docker run -d --name web nginx')).toEqual(['container name web is already in use']);
  });

  it('catches exec into a stopped container and rm of a running one', () => {
    const ledger = newLedger();
    replay(ledger, 'docker run -d --name box alpine sleep 3600');
    expect(replay(ledger, 'docker rm box')).toEqual(['docker rm box: the container is running (stop it or use -f)']);
    const again = newLedger();
    replay(again, 'docker create --name c nginx');
    expect(replay(again, 'docker exec c ls')).toEqual(['container c is created, not running']);
  });

  it('catches inspect of an image the host never pulled and a build that copies a missing file', () => {
    const ledger = newLedger();
    expect(replay(ledger, "docker inspect -f '{{.Id}}' alpine")).toEqual(['image alpine is not on the host at this point']);
    expect(replay(ledger, "cat > Dockerfile <<'EOF'\nFROM alpine\nCOPY app.sh .\nEOF")).toEqual([]);
    expect(replay(ledger, 'docker build -t app .')).toEqual(['the Dockerfile copies app.sh, which no try-it wrote']);
  });

  it('catches -it and attaching to a server that never exits', () => {
    expect(replay(newLedger(), 'docker run -it alpine sh')).toContain('docker run -it is not allowed in a try-it');
    expect(replay(newLedger(), 'docker run nginx')).toEqual(['docker run nginx without -d never returns']);
  });
});

describe('validateLessons', () => {
  const page = (facts: string[]) => ({ facts, body: { en: 'Body.', 'pt-BR': 'Corpo.' }, tryIt: [] });
  const lesson = (id: string, order: number, facts = ['F01']) => ({
    id, order,
    title: { en: 'Title', 'pt-BR': 'Título' },
    summary: { en: 'Summary', 'pt-BR': 'Resumo' },
    facts,
    pages: [page(facts), page(facts)],
  });

  function problemsOf(rawLessons: unknown, questionIds?: Set<string>): readonly string[] {
    try {
      validateLessons(rawLessons, questionIds ? { questionIds } : {});
      return [];
    } catch (error) {
      if (error instanceof LessonValidationError) return error.problems;
      throw error;
    }
  }

  it('returns the lessons sorted by order with an empty quiz by default', () => {
    const result = validateLessons([lesson('second', 2), lesson('first', 1)]);
    expect(result.map((l) => l.id)).toEqual(['first', 'second']);
    expect(result[0]!.quiz).toEqual([]);
    expect(result[0]!.pages[0]!.tryIt).toEqual([]);
  });

  it('rejects repeated ids and orders with a gap', () => {
    expect(problemsOf([lesson('a', 1), lesson('a', 3)])).toEqual([
      'lesson a: duplicate id',
      'lesson a: order 3 where 2 was expected (orders run 1..N without gaps or repeats)',
    ]);
  });

  it('rejects a page fact the lesson does not list, and a listed fact no page teaches', () => {
    const broken = { ...lesson('a', 1, ['F01', 'F02']), pages: [page(['F01']), page(['F03'])] };
    expect(problemsOf([broken])).toEqual([
      "lesson a: a page teaches F03 but the lesson's facts omit it",
      'lesson a: lists F02 but no page teaches it',
    ]);
  });

  it('rejects a quiz question that is not in the bank', () => {
    const withQuiz = { ...lesson('a', 1), quiz: ['q-image-1', 'q-missing'] };
    expect(problemsOf([withQuiz], new Set(['q-image-1']))).toEqual(['lesson a: quiz question q-missing does not exist']);
  });

  it('rejects a body longer than a phone-sized page, naming the language', () => {
    const long = { ...lesson('a', 1), pages: [page(['F01']), { ...page(['F01']), body: { en: 'x'.repeat(901), 'pt-BR': 'Corpo.' } }] };
    expect(problemsOf([long])).toEqual(['lesson a: pages.1.body.en: en text has 901 characters; the limit is 900']);
  });

  it('rejects a non-kebab id, an unknown fact and a missing translation', () => {
    const bad = { ...lesson('Bad_Id', 1), pages: [page(['F39']), { ...page(['F01']), body: { en: 'Body.' } }] };
    const problems = problemsOf([bad]);
    expect(problems.some((p) => p.includes('id: lesson ids are kebab-case'))).toBe(true);
    expect(problems.some((p) => p.includes('pages.0.facts.0'))).toBe(true);
    expect(problems.some((p) => p.includes("pages.1.body.pt-BR"))).toBe(true);
  });
});
