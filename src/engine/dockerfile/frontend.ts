// One call for `docker build`: parse, plan, run the build checks, and either hand back the
// plan with the warning block buildx prints after the build, or the failure as buildx prints it.
import { formatDockerfileFailure, isDockerfileError, type DockerfileError } from './errors';
import { parseDockerfile, type ParsedDockerfile } from './parse';
import { toInstructions, type DockerfilePlan, type PlanOptions } from './plan';
import { lintDockerfile, lintFailure, type Finding, type LintOptions } from './lint/lint';
import { formatBuildWarnings } from './lint/report';

export type PlannedDockerfile =
  | {
      ok: true;
      parsed: ParsedDockerfile;
      plan: DockerfilePlan;
      /** Docker's warnings and Baleia's teaching findings for the stages this build plans. */
      findings: Finding[];
      /** What buildx prints on stderr after the build (`\n 1 warning found ...`), or ''. */
      warnings: string;
    }
  | {
      ok: false;
      error: DockerfileError;
      /** Findings raised before the error (Docker's only). */
      findings: Finding[];
      /** What `docker build` prints on stderr: the source excerpt and `ERROR: failed to solve: ...`. */
      stderr: string;
    };

/**
 * Prepares `docker build` of a Dockerfile's text: returns the plan to execute, or the error the
 * build stops with before running anything (parse errors, unknown --target, `# check=error=true`
 * violations...). `filename` is what the excerpt names (`Dockerfile`, or the `-f` path).
 */
export function planDockerfile(
  text: string,
  opts: PlanOptions & LintOptions & { filename?: string } = {},
): PlannedDockerfile {
  const filename = opts.filename ?? 'Dockerfile';
  const fail = (error: DockerfileError, findings: Finding[]): PlannedDockerfile => ({
    ok: false,
    error,
    findings,
    stderr: formatDockerfileFailure(text, error, filename),
  });
  const parsed = parseDockerfile(text);
  if (isDockerfileError(parsed)) return fail(parsed, []);
  const plan = toInstructions(parsed, opts);
  const findings = lintDockerfile(parsed, plan, opts);
  if (isDockerfileError(plan)) return fail(plan, findings);
  const violation = lintFailure(parsed, findings, opts.buildArgs);
  if (violation) return fail(violation, findings);
  return { ok: true, parsed, plan, findings, warnings: formatBuildWarnings(findings) };
}
