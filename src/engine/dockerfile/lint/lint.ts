// `docker build --check` and the warnings after a build: Docker's checks as BuildKit raised
// them while planning (filtered by `# check=`), plus Baleia's teaching checks.
import type { CheckRecord, DockerfileError } from '../errors';
import { dockerfileError, isDockerfileError } from '../errors';
import type { ParsedDockerfile } from '../parse';
import type { DockerfilePlan } from '../plan';
import { DOCKER_RULE_ADVICE, type Advice } from './advice';
import { checkConfigFor, type CheckConfig } from './check-config';
import { DOCKER_RULES, type DockerRuleName } from './rules';
import { teachingFindings, type TeachingOptions } from './teaching';

export interface Finding {
  /** Docker's rule name (`JSONArgsRecommended`) or Baleia's (`BaleiaCopyBeforeInstall`). */
  rule: string;
  /** First line of the instruction the finding is about. */
  line: number;
  endLine: number;
  /** Docker's exact wording for Docker's rules; one line of ours for Baleia's. */
  message: string;
  /** `https://docs.docker.com/go/dockerfile/rule/<kebab>/` for Docker's rules, '' for Baleia's. */
  url: string;
  /** What to change and why, in the course's two languages. */
  advice?: Advice;
  /** Course facts the finding illustrates (F24...). */
  facts?: string[];
  /** Docker's own check, or a Baleia teaching check (never shown in Docker's output). */
  source: 'docker' | 'baleia';
}

export interface LintOptions extends TeachingOptions {
  /** --build-arg values (BUILDKIT_DOCKERFILE_CHECK overrides the `# check=` directive). */
  buildArgs?: Record<string, string>;
  /** Add Baleia's teaching checks (default true). */
  teaching?: boolean;
}

const DOCKER_FACTS: Partial<Record<DockerRuleName, string[]>> = {
  StageNameCasing: ['F27'],
  FromAsCasing: ['F27'],
  DuplicateStageName: ['F27'],
  ReservedStageName: ['F27'],
  JSONArgsRecommended: ['F22'],
  MaintainerDeprecated: ['F22'],
  WorkdirRelativePath: ['F22'],
  UndefinedVar: ['F22'],
  UndefinedArgInFrom: ['F22'],
  InvalidDefaultArgInFrom: ['F22'],
  MultipleInstructionsDisallowed: ['F22'],
  LegacyKeyValueFormat: ['F22'],
  ConsistentInstructionCasing: ['F22'],
  NoEmptyContinuation: ['F22'],
  SecretsUsedInArgOrEnv: ['F22'],
};

function isRuleName(name: string): name is DockerRuleName {
  return Object.hasOwn(DOCKER_RULES, name);
}

/** linter.Run: experimental rules need opting in; the others can be skipped. */
export function ruleEnabled(rule: string, cfg: CheckConfig): boolean {
  const def = isRuleName(rule) ? DOCKER_RULES[rule] : undefined;
  if (def && 'experimental' in def && def.experimental) return cfg.experimentalAll || cfg.experimental.has(rule);
  return !(cfg.skipAll || cfg.skip.has(rule));
}

function dockerFinding(r: CheckRecord): Finding {
  const f: Finding = {
    rule: r.rule,
    line: r.startLine,
    endLine: r.endLine,
    message: r.message,
    url: isRuleName(r.rule) ? DOCKER_RULES[r.rule].url : '',
    source: 'docker',
  };
  if (isRuleName(r.rule)) {
    f.advice = DOCKER_RULE_ADVICE[r.rule];
    const facts = DOCKER_FACTS[r.rule];
    if (facts) f.facts = facts;
  }
  return f;
}

/** The check configuration for this Dockerfile and build args (or its parse error). */
export function checkConfig(parsed: ParsedDockerfile, buildArgs?: Record<string, string>): CheckConfig | { error: string } {
  return checkConfigFor(parsed.check?.value, buildArgs);
}

/**
 * All findings for a planned Dockerfile: Docker's checks (in BuildKit's order, sorted by line
 * as `docker build --check` prints them, filtered by `# check=`), then Baleia's teaching
 * checks. Pass the error toInstructions returned to get the warnings raised before it.
 */
export function lintDockerfile(
  parsed: ParsedDockerfile,
  plan: DockerfilePlan | DockerfileError,
  opts: LintOptions = {},
): Finding[] {
  const cfg = checkConfig(parsed, opts.buildArgs);
  if ('error' in cfg) return [];
  const records = isDockerfileError(plan) ? plan.checks ?? [] : plan.checks;
  const docker = records
    .filter((r) => ruleEnabled(r.rule, cfg))
    .map(dockerFinding)
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.line - b.f.line || a.i - b.i)
    .map(({ f }) => f);
  if (isDockerfileError(plan) || opts.teaching === false) return docker;
  const teaching: Finding[] = teachingFindings(plan, opts).map((t) => ({ ...t, url: '', source: 'baleia' as const }));
  return [...docker, ...teaching];
}

/**
 * With `# check=error=true`, any Docker warning fails the build: BuildKit's
 * `lint violation found for rules: A, B` (no source location). Undefined when the build may go on.
 */
export function lintFailure(
  parsed: ParsedDockerfile,
  findings: Finding[],
  buildArgs?: Record<string, string>,
): DockerfileError | undefined {
  const cfg = checkConfig(parsed, buildArgs);
  if ('error' in cfg || !cfg.errorOnWarn) return undefined;
  const rules: string[] = [];
  for (const f of findings) if (f.source === 'docker' && !rules.includes(f.rule)) rules.push(f.rule);
  if (rules.length === 0) return undefined;
  return dockerfileError('lint', `lint violation found for rules: ${rules.join(', ')}`);
}
