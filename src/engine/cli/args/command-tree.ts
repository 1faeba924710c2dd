// The docker 28.2.2 command tree, built once from the captured client data
// (data/docker-cli/commands.json, written by scripts/capture-docker-cli.ts).

import commandsJson from '../../../../data/docker-cli/commands.json' with { type: 'json' };

export type ArgRule =
  | { kind: 'any' }
  | { kind: 'none' }
  | { kind: 'min'; min: number }
  | { kind: 'max'; max: number }
  | { kind: 'exact'; n: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'cobraExact'; n: number };

export interface FlagSpec {
  /** Long name without dashes. */
  long: string;
  short?: string;
  /** pflag's type word: `string`, `list`, `int`, `bytes`, `decimal`, `duration`, `filter`, ... or `bool`. */
  type: string;
  usage: string;
  /** Default as the help prints it (`"info"`, `-1`, `true`...). */
  default?: string;
  hidden?: boolean;
  /** Hidden from help when a Linux daemon (not experimental, not in a swarm) answers. */
  hiddenOnLinux?: boolean;
  deprecated?: string;
  shorthandDeprecated?: string;
  /** Declared by a group for all its sub-commands (`docker stack --orchestrator`). */
  persistent?: boolean;
  /** Another name for the same value (`--net` is `--network`); results are keyed by this name. */
  aliasOf?: string;
  annotations?: Record<string, string>;
}

export interface CommandSpec {
  /** Path under `docker`, e.g. ['container', 'ls'] or ['ps']. */
  path: string[];
  /** The management command path a shortcut stands for (`ps` → ['container', 'ls']). */
  canonical: string[];
  /** "docker container ls" — what messages call it. */
  commandPath: string;
  /** Usage line of the help text. */
  usageLine: string;
  /** Usage line of error messages (cobra's UseLine). */
  useLine: string;
  description: string;
  /** Every name, as the help's "Aliases:" line lists them. */
  aliases: string[];
  /** Other names inside the same parent (`list`, `ps` for `container ls`). */
  localAliases: string[];
  group: boolean;
  argRule: ArgRule | null;
  /** Help text exactly as `docker <path> --help` prints it with no daemon. */
  help: string;
  /** Help text when a Linux daemon answers, when it differs. */
  helpLinux?: string;
  /** What the client prints on stderr before anything for this command (legacy builder warning). */
  helpPrefixStderr?: string;
  flags: FlagSpec[];
  interspersed: boolean;
  runnable: boolean;
  subcommands: string[];
  hidden?: boolean;
  annotations?: Record<string, string>;
  /**
   * A CLI plugin's command (`buildx`): it exists only on hosts with that plugin, and the
   * plugin prints its own argument errors (`ERROR: ` + the docker/cli message).
   */
  plugin?: string;
}

interface RawFlag extends Omit<FlagSpec, 'type'> {
  type?: string;
}

interface RawCommand extends Omit<CommandSpec, 'flags' | 'canonical' | 'useLine'> {
  flags: RawFlag[];
  canonical?: string[];
  useLine?: string;
}

interface CommandsFile {
  client: string;
  commands: Record<string, RawCommand>;
}

const data = commandsJson as unknown as CommandsFile;

export const CLIENT_VERSION_LINE = data.client;

export interface CommandNode {
  spec: CommandSpec;
  key: string;
  name: string;
  parent?: CommandNode;
  children: Map<string, CommandNode>;
  /** Sub-commands in declaration order, by their own name. */
  childList: CommandNode[];
  longFlags: Map<string, FlagSpec>;
  shortFlags: Map<string, FlagSpec>;
  /** run/create declare their own --help without -h (-h is --hostname). */
  ownHelp: boolean;
  canonicalKey: string;
}

/** cobra's persistent --help/-h of the root, inherited by every command. */
export const HELP_FLAG: FlagSpec = {
  long: 'help',
  short: 'h',
  type: 'bool',
  usage: 'Print usage',
  hidden: true,
  shorthandDeprecated: 'use --help',
};

function toSpec(raw: RawCommand): CommandSpec {
  return {
    ...raw,
    canonical: raw.canonical ?? raw.path,
    useLine: raw.useLine ?? raw.usageLine,
    flags: raw.flags.map((f) => ({ ...f, type: f.type ?? 'bool' })),
  };
}

function buildTree(): { root: CommandNode; byKey: Map<string, CommandNode> } {
  const byKey = new Map<string, CommandNode>();
  for (const [key, raw] of Object.entries(data.commands)) {
    const spec = toSpec(raw);
    const node: CommandNode = {
      spec,
      key,
      name: spec.path[spec.path.length - 1] ?? 'docker',
      children: new Map(),
      childList: [],
      longFlags: new Map(),
      shortFlags: new Map(),
      ownHelp: spec.flags.some((f) => f.long === 'help'),
      canonicalKey: spec.canonical.join(' '),
    };
    for (const f of spec.flags) {
      node.longFlags.set(f.long, f);
      if (f.short) node.shortFlags.set(f.short, f);
    }
    byKey.set(key, node);
  }
  for (const node of byKey.values()) {
    if (node.spec.path.length === 0) continue;
    const parent = byKey.get(node.spec.path.slice(0, -1).join(' '));
    if (!parent) throw new Error(`docker-cli data: no parent for ${node.key}`);
    node.parent = parent;
    parent.childList.push(node);
  }
  // Names first, then aliases, as cobra's findNext checks each command's name or alias in order.
  for (const node of byKey.values()) {
    for (const child of node.childList) {
      if (!node.children.has(child.name)) node.children.set(child.name, child);
    }
    for (const child of node.childList) {
      for (const alias of child.spec.localAliases) if (!node.children.has(alias)) node.children.set(alias, child);
    }
  }
  const root = byKey.get('');
  if (!root) throw new Error('docker-cli data: no root command');
  return { root, byKey };
}

const tree = buildTree();
export const ROOT = tree.root;
export const COMMANDS_BY_KEY = tree.byKey;
