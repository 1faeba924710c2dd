// What Docker prints for build checks (buildx 0.24, shipped with Docker 28.2):
// `docker build --check` (commands/build.go printResult + BuildKit's LintResults.PrintTo) and
// the block after a successful build (commands/build.go printWarnings).
import { formatErrorExcerpt, type DockerfileError } from '../errors';
import { parseDockerfile } from '../parse';
import { isDockerfileError } from '../errors';
import { toInstructions, type PlanOptions } from '../plan';
import { lintDockerfile, lintFailure, type Finding, type LintOptions } from './lint';

export interface CheckReport {
  stdout: string;
  stderr: string;
  /** 1 when there are warnings or an error (the result's status code), else 0. */
  exitCode: number;
}

/**
 * `docker build --check` output for Docker's findings (Baleia's are left out): on stdout
 * `Check complete, 2 warnings have been found!` and one block per warning with the source
 * excerpt, or `Check complete, no warnings found.`; an error goes to stderr as
 * `ERROR: <message>` followed by its excerpt. The progress display (stderr) is the builder's.
 */
export function formatCheckReport(
  findings: Finding[],
  opts: { text: string; filename?: string; error?: DockerfileError },
): CheckReport {
  const filename = opts.filename ?? 'Dockerfile';
  const docker = findings.filter((f) => f.source === 'docker');
  let stdout = '';
  if (docker.length > 0) {
    stdout += docker.length === 1
      ? 'Check complete, 1 warning has been found!\n'
      : `Check complete, ${docker.length} warnings have been found!\n`;
  }
  for (const f of docker) {
    stdout += `\nWARNING: ${f.rule}`;
    if (f.url) stdout += ` - ${f.url}`;
    stdout += `\n${f.message}\n`;
    stdout += formatErrorExcerpt(opts.text, f.line, f.endLine, filename);
  }
  let stderr = '';
  if (opts.error) {
    if (docker.length > 0) stdout += '\n';
    const loc = opts.error.location;
    const excerpt = loc ? formatErrorExcerpt(opts.text, loc.startLine, loc.endLine, filename) : '';
    stderr = `ERROR: ${opts.error.message}\n${excerpt}\n`;
  } else if (docker.length === 0) {
    stdout += 'Check complete, no warnings found.\n';
  }
  return { stdout, stderr, exitCode: docker.length > 0 || opts.error ? 1 : 0 };
}

/**
 * The block buildx prints on stderr after a build that raised warnings (without its yellow
 * colour codes), e.g.
 * ```
 *
 *  1 warning found (use docker --debug to expand):
 *  - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 6)
 * ```
 * Identical warnings are printed once, as buildx deduplicates them. buildx prints them in a
 * random order (a Go map); Baleia prints them by line. Returns '' when there is nothing to say.
 */
export function formatBuildWarnings(findings: Finding[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of findings) {
    if (f.source !== 'docker') continue;
    const short = `${f.rule}: ${f.message}` + (f.line > 0 ? ` (line ${f.line})` : '');
    const key = `${short}\u0000${f.endLine}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(` - ${short}\n`);
  }
  if (lines.length === 0) return '';
  const count = lines.length === 1 ? '1 warning found' : `${lines.length} warnings found`;
  return `\n ${count} (use docker --debug to expand):\n${lines.join('')}`;
}

export interface CheckResult extends CheckReport {
  findings: Finding[];
  error?: DockerfileError;
}

/**
 * The whole `docker build --check` run on a Dockerfile's text: parse, plan every stage,
 * collect the findings (Docker's and Baleia's), and format Docker's output.
 */
export function checkDockerfile(
  text: string,
  opts: PlanOptions & LintOptions & { filename?: string } = {},
): CheckResult {
  const filename = opts.filename ?? 'Dockerfile';
  const parsed = parseDockerfile(text);
  if (isDockerfileError(parsed)) {
    return { findings: [], error: parsed, ...formatCheckReport([], { text, filename, error: parsed }) };
  }
  const plan = toInstructions(parsed, { ...opts, allStages: true });
  const findings = lintDockerfile(parsed, plan, opts);
  const error = isDockerfileError(plan) ? plan : lintFailure(parsed, findings, opts.buildArgs);
  const report = formatCheckReport(findings, error ? { text, filename, error } : { text, filename });
  return error ? { findings, error, ...report } : { findings, ...report };
}
