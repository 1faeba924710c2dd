// The natural next step after a line, offered as buttons: after `docker run -d` look at it
// running (`docker ps`, `docker logs web`), after an error the obvious way forward, inside a
// container the way out (`exit`). Pure: from the line typed and what the engine reported.
import type { LineReply } from '../../app/baleia';
import { HOST_NAME } from '../../engine/runtime/tools/system-info';

export interface NextStep {
  /** The shell line the button runs. */
  line: string;
  /** Danger steps (remove something) are shown in red. */
  danger?: boolean;
}

const MAX_STEPS = 5;

/** Splits a shell line into words, honouring simple quotes (enough to read docker flags). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(line)) !== null) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  return words;
}

export function isHostPrompt(prompt: string): boolean {
  return prompt.includes(`@${HOST_NAME}:`);
}

/** The first docker invocation of a line: its words after `docker` (no pipes or `&&` chains read). */
function dockerArgs(line: string): string[] | undefined {
  const first = line.split(/&&|\|\||;|\|/)[0] ?? '';
  const words = shellWords(first.trim());
  return words[0] === 'docker' ? words.slice(1) : undefined;
}

/** The value of a flag (`--name web`, `--name=web`), if present. */
function flagValue(args: string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    for (const name of names) {
      if (arg === name) return args[i + 1];
      if (name.startsWith('--') && arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    }
  }
  return undefined;
}

function hasShortFlag(args: string[], letter: string, long: string): boolean {
  return args.some((arg) => arg === long || (arg.startsWith(`${long}=`) && arg !== `${long}=false`) || (/^-[a-zA-Z]+$/.test(arg) && arg.includes(letter)));
}

/** Host ports published with -p (`8080:80`, `127.0.0.1:8080:80`). */
function publishedHostPorts(args: string[]): string[] {
  const ports: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = arg === '-p' || arg === '--publish' ? args[i + 1] : arg.startsWith('--publish=') ? arg.slice(10) : arg.startsWith('-p') && arg.length > 2 ? arg.slice(2) : undefined;
    if (!value) continue;
    const parts = value.split('/')[0]!.split(':');
    if (parts.length >= 2 && /^\d+$/.test(parts[parts.length - 2]!)) ports.push(parts[parts.length - 2]!);
  }
  return ports;
}

function eventData(reply: LineReply, kind: string): Record<string, string | number | boolean> | undefined {
  return reply.events.find((event) => event.kind === kind)?.data;
}

/** Docker's `The container name "/web" is already in use` → `web`. */
function takenName(message: string): string | undefined {
  return /container name "\/([^"]+)" is already in use/.exec(message)?.[1];
}

export function nextSteps(line: string, reply: LineReply): NextStep[] {
  if (reply.refused) return [];
  const steps: NextStep[] = [];
  const add = (step: NextStep) => {
    if (steps.length < MAX_STEPS && !steps.some((existing) => existing.line === step.line) && step.line !== line.trim()) steps.push(step);
  };

  if (!isHostPrompt(reply.prompt)) {
    // The prompt is in a container (or a REPL): the way back out first.
    add({ line: 'exit' });
    const repl = reply.prompt === '>>> ' || reply.prompt === '> ';
    if (!repl && isHostPrompt(reply.promptBefore)) add({ line: 'cat /etc/os-release' });
    if (!repl) add({ line: 'ls' });
    return steps;
  }

  const args = dockerArgs(line);
  const leftContainer = reply.events.some((event) => event.kind === 'session.exit-stops-container' || event.kind === 'session.exec-exit');
  if (leftContainer) {
    add({ line: 'docker ps -a' });
    return steps;
  }
  if (!args) return steps;

  const error = eventData(reply, 'docker.error');
  if (reply.exitCode !== 0) {
    const code = typeof error?.code === 'string' ? error.code : '';
    const message = typeof error?.message === 'string' ? error.message : '';
    const name = takenName(message);
    if (code === 'container.name-taken' && name) {
      add({ line: 'docker ps -a' });
      add({ line: `docker rm -f ${name}`, danger: true });
    } else if (code.startsWith('container.') || code.startsWith('exec.') || code === 'volume.in-use' || code.startsWith('image.in-use')) {
      add({ line: 'docker ps -a' });
    } else if (code.startsWith('image.')) {
      add({ line: 'docker images' });
    } else if (code.startsWith('volume.')) {
      add({ line: 'docker volume ls' });
    } else if (code.startsWith('network.')) {
      add({ line: 'docker network ls' });
    } else if (args[0] && !args[0].startsWith('-') && reply.events.some((event) => event.kind === 'cli.error')) {
      add({ line: `docker ${args[0]} --help` });
    }
    return steps;
  }

  const command = args[0] === 'container' || args[0] === 'image' ? args[1] : args[0];
  const created = eventData(reply, 'container.created');
  const name = typeof created?.name === 'string' ? created.name : undefined;
  switch (command) {
    case 'run': {
      if (!name) break;
      const detached = hasShortFlag(args, 'd', '--detach');
      if (detached) {
        add({ line: 'docker ps' });
        add({ line: `docker logs ${name}` });
        for (const port of publishedHostPorts(args).slice(0, 1)) add({ line: `curl -s localhost:${port}` });
        add({ line: `docker exec -it ${name} sh` });
      } else {
        add({ line: 'docker ps -a' });
        add({ line: `docker logs ${name}` });
      }
      break;
    }
    case 'create':
      if (name) add({ line: `docker start ${name}` });
      add({ line: 'docker ps -a' });
      break;
    case 'pull': {
      const image = args.slice(1).find((arg) => !arg.startsWith('-'));
      add({ line: 'docker images' });
      if (image) add({ line: `docker history ${image}` });
      break;
    }
    case 'ps':
      if (!args.includes('-a') && !args.includes('--all')) add({ line: 'docker ps -a' });
      break;
    case 'stop':
    case 'kill': {
      const target = args.slice(1).find((arg) => !arg.startsWith('-'));
      add({ line: 'docker ps -a' });
      if (target) add({ line: `docker start ${target}` });
      break;
    }
    case 'start':
    case 'restart':
      add({ line: 'docker ps' });
      break;
    case 'rm':
      add({ line: 'docker ps -a' });
      break;
    case 'rmi':
    case 'commit':
    case 'tag':
    case 'build':
      add({ line: 'docker images' });
      break;
    case 'volume':
      if (args[1] === 'create') {
        const volume = args.slice(2).find((arg) => !arg.startsWith('-'));
        add({ line: 'docker volume ls' });
        if (volume) add({ line: `docker volume inspect ${volume}` });
      } else if (args[1] === 'rm' || args[1] === 'prune') {
        add({ line: 'docker volume ls' });
      }
      break;
    case 'network':
      if (args[1] === 'create' || args[1] === 'rm') add({ line: 'docker network ls' });
      break;
    default:
      break;
  }
  return steps;
}
