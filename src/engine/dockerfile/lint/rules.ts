// Docker's build checks (BuildKit frontend/dockerfile/linter/ruleset.go, v0.22): names,
// descriptions, documentation URLs and the exact message formats.
import { goQuote } from '../go-compat';

export interface DockerRule {
  name: string;
  description: string;
  url: string;
  /** Experimental rules only run when `# check=experimental=<name>` (or `all`) asks for them. */
  experimental?: boolean;
}

function rule(name: string, description: string, slug: string, experimental = false): DockerRule {
  const r: DockerRule = { name, description, url: slug ? `https://docs.docker.com/go/dockerfile/rule/${slug}/` : '' };
  if (experimental) r.experimental = true;
  return r;
}

export const DOCKER_RULES = {
  StageNameCasing: rule('StageNameCasing', 'Stage names should be lowercase', 'stage-name-casing'),
  FromAsCasing: rule('FromAsCasing', "The 'as' keyword should match the case of the 'from' keyword", 'from-as-casing'),
  NoEmptyContinuation: rule(
    'NoEmptyContinuation',
    'Empty continuation lines will become errors in a future release',
    'no-empty-continuation',
  ),
  ConsistentInstructionCasing: rule(
    'ConsistentInstructionCasing',
    'All commands within the Dockerfile should use the same casing (either upper or lower)',
    'consistent-instruction-casing',
  ),
  DuplicateStageName: rule('DuplicateStageName', 'Stage names should be unique', 'duplicate-stage-name'),
  ReservedStageName: rule('ReservedStageName', 'Reserved words should not be used as stage names', 'reserved-stage-name'),
  JSONArgsRecommended: rule(
    'JSONArgsRecommended',
    'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
    'json-args-recommended',
  ),
  MaintainerDeprecated: rule(
    'MaintainerDeprecated',
    'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
    'maintainer-deprecated',
  ),
  UndefinedArgInFrom: rule('UndefinedArgInFrom', 'FROM command must use declared ARGs', 'undefined-arg-in-from'),
  WorkdirRelativePath: rule(
    'WorkdirRelativePath',
    'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
    'workdir-relative-path',
  ),
  UndefinedVar: rule('UndefinedVar', 'Variables should be defined before their use', 'undefined-var'),
  MultipleInstructionsDisallowed: rule(
    'MultipleInstructionsDisallowed',
    'Multiple instructions of the same type should not be used in the same stage',
    'multiple-instructions-disallowed',
  ),
  LegacyKeyValueFormat: rule(
    'LegacyKeyValueFormat',
    'Legacy key/value format with whitespace separator should not be used',
    'legacy-key-value-format',
  ),
  InvalidBaseImagePlatform: rule(
    'InvalidBaseImagePlatform',
    'Base image platform does not match expected target platform',
    '',
  ),
  RedundantTargetPlatform: rule(
    'RedundantTargetPlatform',
    'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
    'redundant-target-platform',
  ),
  SecretsUsedInArgOrEnv: rule(
    'SecretsUsedInArgOrEnv',
    'Sensitive data should not be used in the ARG or ENV commands',
    'secrets-used-in-arg-or-env',
  ),
  InvalidDefaultArgInFrom: rule(
    'InvalidDefaultArgInFrom',
    'Default value for global ARG results in an empty or invalid base image name',
    'invalid-default-arg-in-from',
  ),
  FromPlatformFlagConstDisallowed: rule(
    'FromPlatformFlagConstDisallowed',
    'FROM --platform flag should not use a constant value',
    'from-platform-flag-const-disallowed',
  ),
  CopyIgnoredFile: rule(
    'CopyIgnoredFile',
    'Attempting to Copy file that is excluded by .dockerignore',
    'copy-ignored-file',
    true,
  ),
  InvalidDefinitionDescription: rule(
    'InvalidDefinitionDescription',
    'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
    'invalid-definition-description',
    true,
  ),
} as const satisfies Record<string, DockerRule>;

export type DockerRuleName = keyof typeof DOCKER_RULES;

const q = goQuote;

/** The message formats, word for word. */
export const ruleMessage = {
  StageNameCasing: (stageName: string) => `Stage name '${stageName}' should be lowercase`,
  FromAsCasing: (from: string, as: string) => `'${as}' and '${from}' keywords' casing do not match`,
  NoEmptyContinuation: () => 'Empty continuation line',
  ConsistentInstructionCasing: (command: string, casing: string) =>
    `Command '${command}' should match the case of the command majority (${casing})`,
  DuplicateStageName: (name: string) => `Duplicate stage name ${q(name)}, stage names should be unique`,
  ReservedStageName: (name: string) => `Stage name should not use the same name as reserved stage ${q(name)}`,
  JSONArgsRecommended: (instruction: string) =>
    `JSON arguments recommended for ${instruction} to prevent unintended behavior related to OS signals`,
  MaintainerDeprecated: () => 'Maintainer instruction is deprecated in favor of using label',
  UndefinedArgInFrom: (arg: string, suggestion: string) =>
    `FROM argument '${arg}' is not declared` + (suggestion ? ` (did you mean ${suggestion}?)` : ''),
  WorkdirRelativePath: (workdir: string) =>
    `Relative workdir ${q(workdir)} can have unexpected results if the base image changes`,
  UndefinedVar: (arg: string, suggestion: string) =>
    `Usage of undefined variable '$${arg}'` + (suggestion ? ` (did you mean $${suggestion}?)` : ''),
  MultipleInstructionsDisallowed: (instruction: string) =>
    `Multiple ${instruction} instructions should not be used in the same stage because only the last one will be used`,
  LegacyKeyValueFormat: (cmd: string) => `"${cmd} key=value" should be used instead of legacy "${cmd} key value" format`,
  RedundantTargetPlatform: (platformVar: string) =>
    `Setting platform to predefined ${platformVar} in FROM is redundant as this is the default behavior`,
  SecretsUsedInArgOrEnv: (instruction: string, key: string) =>
    `Do not use ARG or ENV instructions for sensitive data (${instruction} ${q(key)})`,
  InvalidBaseImagePlatform: (image: string, expected: string, actual: string) =>
    `Base image ${image} was pulled with platform ${q(actual)}, expected ${q(expected)} for current build`,
  InvalidDefaultArgInFrom: (baseName: string) =>
    `Default value for ARG ${baseName} results in empty or invalid base image name`,
  FromPlatformFlagConstDisallowed: (platform: string) => `FROM --platform flag should not use constant value ${q(platform)}`,
  CopyIgnoredFile: (cmd: string, file: string) => `Attempting to ${cmd} file ${q(file)} that is excluded by .dockerignore`,
  InvalidDefinitionDescription: (instruction: string, name: string) =>
    `Comment for ${instruction} should follow the format: \`# ${name} <description>\``,
};
