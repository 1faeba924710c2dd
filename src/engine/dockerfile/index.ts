// The Dockerfile frontend: parse (text -> nodes), type and plan (nodes -> stages and
// instructions with expanded values, step names and history rows), check (build checks).
export { parseDockerfile, dumpNodes, chompHeredocContent } from './parse';
export type { ParsedDockerfile, DockerfileNode, Heredoc, Directive, ParseWarning } from './parse';
export { toInstructions } from './plan';
export { planDockerfile } from './frontend';
export type { PlannedDockerfile } from './frontend';
export type { DockerfilePlan, PlanOptions } from './plan';
export type * from './types';
export {
  dockerfileError,
  formatDockerfileFailure,
  formatErrorExcerpt,
  isDockerfileError,
} from './errors';
export type { CheckRecord, DockerfileError } from './errors';
export { DOCKERFILE_LIMITS } from './limits';
export { processWord, EnvList } from './shell-lex';
export type { EnvGetter, LexOptions } from './shell-lex';
export { lintDockerfile, lintFailure, checkConfig } from './lint/lint';
export type { Finding, LintOptions } from './lint/lint';
export { checkDockerfile, formatBuildWarnings, formatCheckReport } from './lint/report';
export type { CheckReport, CheckResult } from './lint/report';
export { DOCKER_RULES } from './lint/rules';
