// Suggestions while a student types a docker line: subcommands, flags of the command typed so
// far (from the real client's command tree), and the student's own container, image, volume
// and network names where the command expects one. Pure: from the text and the host.
import { allCommandPaths, commandSpec, type CommandSpec } from '../engine/cli/parse-args';
import type { HostState } from '../engine/model/host-state';
import { LIMITS } from './limits';

/** What students type most, offered first. */
const POPULAR_COMMANDS = ['run', 'ps', 'images', 'pull', 'logs', 'exec', 'stop', 'start', 'rm', 'rmi', 'build', 'volume', 'network', 'inspect', 'history', 'commit', 'tag', 'push', 'diff', 'system', 'container', 'image'];
const POPULAR_FLAGS = ['-d', '-it', '--name', '-p', '-v', '-e', '--rm', '--network', '-a', '-f', '-q', '-t', '-w', '--mount', '--format'];

type Kind = 'image' | 'container' | 'volume' | 'network';

/** Which of the student's names a command's arguments are (by the command's canonical path). */
const ARGUMENT_KIND: Record<string, Kind> = {
  'container run': 'image', 'container create': 'image', 'image pull': 'image', 'image push': 'image', 'image rm': 'image',
  'image history': 'image', 'image tag': 'image', 'image inspect': 'image', 'image save': 'image',
  'container start': 'container', 'container stop': 'container', 'container restart': 'container', 'container kill': 'container',
  'container rm': 'container', 'container logs': 'container', 'container exec': 'container', 'container inspect': 'container',
  'container port': 'container', 'container top': 'container', 'container diff': 'container', 'container commit': 'container',
  'container pause': 'container', 'container unpause': 'container', 'container rename': 'container', 'container attach': 'container',
  'container stats': 'container', 'container wait': 'container', 'container export': 'container', 'container update': 'container',
  inspect: 'container',
  'volume rm': 'volume', 'volume inspect': 'volume',
  'network rm': 'network', 'network inspect': 'network', 'network connect': 'network', 'network disconnect': 'network',
};

/** Commands whose first argument is the only one worth completing (the rest is a command line). */
const SINGLE_ARGUMENT = new Set(['container run', 'container create', 'container exec', 'container commit', 'image tag', 'container rename', 'container port']);

let topLevel: string[] | undefined;
function topLevelCommands(): string[] {
  if (!topLevel) {
    const all = allCommandPaths().filter((path) => path.length === 1 && !commandSpec(path)?.hidden).map((path) => path[0]!);
    const popular = POPULAR_COMMANDS.filter((name) => all.includes(name));
    topLevel = [...popular, ...all.filter((name) => !popular.includes(name)).sort()];
  }
  return topLevel;
}

function flagNames(spec: CommandSpec): string[] {
  const names: string[] = [];
  for (const flag of spec.flags) {
    if (flag.hidden || flag.deprecated || flag.hiddenOnLinux) continue;
    if (flag.short) names.push(`-${flag.short}`);
    names.push(`--${flag.long}`);
  }
  if (spec.flags.some((flag) => flag.short === 'i') && spec.flags.some((flag) => flag.short === 't')) names.push('-it');
  const popular = POPULAR_FLAGS.filter((name) => names.includes(name));
  return [...popular, ...names.filter((name) => !popular.includes(name))];
}

function takesValue(spec: CommandSpec, word: string): boolean {
  if (!word.startsWith('-') || word.includes('=')) return false;
  const flag = word.startsWith('--') ? spec.flags.find((f) => f.long === word.slice(2)) : spec.flags.find((f) => f.short === word.slice(-1));
  return flag !== undefined && flag.type !== 'bool';
}

function namesOf(kind: Kind, host: HostState | undefined): string[] {
  if (!host) return [];
  switch (kind) {
    case 'container':
      return Object.values(host.containers)
        .sort((a, b) => Number(b.state.status === 'running') - Number(a.state.status === 'running') || b.created - a.created)
        .map((container) => container.name);
    case 'image':
      return Object.keys(host.tags).map((ref) => ref.replace(/^docker\.io\/(?:library\/)?/, '')).sort();
    case 'volume':
      return Object.values(host.volumes).filter((volume) => !volume.anonymous).map((volume) => volume.name).sort();
    case 'network':
      return Object.values(host.networks).map((network) => network.name).sort();
  }
}

/**
 * Full lines to offer for what the student typed so far (without or with a leading
 * `docker`). The typed text itself comes first, so it can always be picked as is.
 */
export function dockerSuggestions(typed: string, host: HostState | undefined, extraImages: readonly string[] = []): string[] {
  const withDocker = /^\s*docker(\s|$)/.test(typed);
  const text = withDocker ? typed.replace(/^\s*docker\s*/, '') : typed.replace(/^\s+/, '');
  const words = text.split(/\s+/);
  const current = words.pop() ?? '';
  const before = words.filter((word) => word !== '');
  const head = `${withDocker ? 'docker ' : ''}${before.length > 0 ? `${before.join(' ')} ` : ''}`;
  const out: string[] = [];
  const offer = (candidates: Iterable<string>) => {
    for (const candidate of candidates) {
      if (!candidate.startsWith(current)) continue;
      const line = `${head}${candidate}`;
      if (line.length <= LIMITS.choiceValue && !out.includes(line)) out.push(line);
    }
  };
  if (typed.trim() !== '' && typed.length <= LIMITS.choiceValue) out.push(typed.trim());

  // The command path typed so far: ['volume', 'create'], ['run'], ...
  let path: string[] = [];
  for (const word of before) {
    const candidate = [...path, word];
    if (!commandSpec(candidate)) break;
    path = candidate;
  }
  if (path.length === 0) {
    if (before.length === 0) offer(topLevelCommands());
    return out.slice(0, LIMITS.autocompleteChoices);
  }
  const spec = commandSpec(path)!;
  const rest = before.slice(path.length);
  if (spec.group && rest.length === 0 && !current.startsWith('-')) {
    offer(spec.subcommands.filter((name) => !commandSpec([...path, name])?.hidden));
    return out.slice(0, LIMITS.autocompleteChoices);
  }
  if (current.startsWith('-')) {
    offer(flagNames(spec).filter((name) => !rest.includes(name) || name === '-e' || name === '-p' || name === '-v'));
    return out.slice(0, LIMITS.autocompleteChoices);
  }
  const previous = rest.at(-1);
  if (previous && takesValue(spec, previous)) {
    if (previous === '-v' || previous === '--volume') offer(namesOf('volume', host).map((name) => `${name}:`));
    else if (previous === '--network' || previous === '--net') offer(namesOf('network', host));
    else if (previous === '--volumes-from') offer(namesOf('container', host));
    return out.slice(0, LIMITS.autocompleteChoices);
  }
  // Positional arguments already given (flags and their values skipped).
  let positionals = 0;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word.startsWith('-')) {
      if (takesValue(spec, word)) i++;
      continue;
    }
    positionals++;
  }
  const canonical = spec.canonical.join(' ');
  const kind = ARGUMENT_KIND[canonical];
  if (!kind || (SINGLE_ARGUMENT.has(canonical) && positionals > 0)) return out.slice(0, LIMITS.autocompleteChoices);
  const names = namesOf(kind, host);
  if (kind === 'image' && (canonical === 'container run' || canonical === 'container create' || canonical === 'image pull')) {
    offer([...names, ...extraImages.filter((image) => !names.includes(image))]);
  } else {
    offer(names.filter((name) => !rest.includes(name)));
  }
  return out.slice(0, LIMITS.autocompleteChoices);
}
