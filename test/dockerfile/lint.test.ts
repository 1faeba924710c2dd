import { describe, expect, it } from 'vitest';
import { isDockerfileError } from '../../src/engine/dockerfile/errors';
import { parseDockerfile, type ParsedDockerfile } from '../../src/engine/dockerfile/parse';
import { toInstructions } from '../../src/engine/dockerfile/plan';
import { lintDockerfile, lintFailure, type Finding } from '../../src/engine/dockerfile/lint/lint';
import { parseCheckOptions } from '../../src/engine/dockerfile/lint/check-config';
import { checkDockerfile, formatBuildWarnings, formatCheckReport } from '../../src/engine/dockerfile/lint/report';
import { planDockerfile } from '../../src/engine/dockerfile/frontend';

function parsed(text: string): ParsedDockerfile {
  const p = parseDockerfile(text);
  if (isDockerfileError(p)) throw new Error(p.message);
  return p;
}

describe('warnings after a build', () => {
  it('prints the one-warning block buildx shows after the progress output', () => {
    const text = 'FROM alpine:3.22\nWORKDIR /app\nCOPY . .\nRUN echo\nEXPOSE 80\nCMD node server.js\n';
    const p = parsed(text);
    const findings = lintDockerfile(p, toInstructions(p));
    expect(formatBuildWarnings(findings)).toBe(
      '\n 1 warning found (use docker --debug to expand):\n' +
        ' - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 6)\n',
    );
  });

  it('prints identical warnings once, as buildx deduplicates them', () => {
    const text = 'FROM alpine:3.22\nCOPY $A $A\n';
    const p = parsed(text);
    const findings = lintDockerfile(p, toInstructions(p));
    expect(findings.filter((f) => f.rule === 'UndefinedVar')).toHaveLength(2);
    expect(formatBuildWarnings(findings)).toBe(
      "\n 1 warning found (use docker --debug to expand):\n - UndefinedVar: Usage of undefined variable '$A' (line 2)\n",
    );
  });

  it('prints nothing when there is nothing to say, and never shows Baleia findings', () => {
    const teachingOnly: Finding[] = [
      { rule: 'BaleiaMergeRunLayers', line: 2, endLine: 4, message: 'x', url: '', source: 'baleia' },
    ];
    expect(formatBuildWarnings(teachingOnly)).toBe('');
    expect(formatCheckReport(teachingOnly, { text: 'FROM a\n' }).stdout).toBe('Check complete, no warnings found.\n');
  });
});

describe('# check= directive', () => {
  it('reads skip, experimental and error options', () => {
    const cfg = parseCheckOptions(' skip = JSONArgsRecommended, FromAsCasing ; error=true ');
    expect('error' in cfg).toBe(false);
    if ('error' in cfg) return;
    expect([...cfg.skip]).toEqual(['JSONArgsRecommended', 'FromAsCasing']);
    expect(cfg.errorOnWarn).toBe(true);
  });

  it('refuses an option it does not know, before anything else', () => {
    expect(parseCheckOptions('skip-all')).toEqual({ error: 'failed to parse check options: invalid check option "skip-all"' });
    expect(parseCheckOptions('ignore=all')).toEqual({ error: 'failed to parse check options: invalid check option "ignore"' });
    expect(parseCheckOptions('error=maybe')).toEqual({
      error: 'failed to parse check options: failed to parse check option "error=maybe": strconv.ParseBool: parsing "maybe": invalid syntax',
    });
  });

  it('fails the build with error=true only when a Docker check fired', () => {
    const p = parsed('# check=error=true\nFROM alpine:3.22\nCMD ["sh"]\n');
    const findings = lintDockerfile(p, toInstructions(p));
    expect(findings.filter((f) => f.source === 'docker')).toEqual([]);
    expect(lintFailure(p, findings)).toBeUndefined();
    const bad = parsed('# check=error=true\nFROM alpine:3.22\nCMD sh\n');
    expect(lintFailure(bad, lintDockerfile(bad, toInstructions(bad)))?.message).toBe(
      'lint violation found for rules: JSONArgsRecommended',
    );
  });
});

describe('findings', () => {
  it('carry Docker\'s URL, the course facts and advice in both languages', () => {
    const { findings } = checkDockerfile('FROM node:22\nCOPY . .\nRUN npm install\nCMD npm start\n');
    const json = findings.find((f) => f.rule === 'JSONArgsRecommended');
    expect(json).toMatchObject({
      line: 4,
      url: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/',
      facts: ['F22'],
      source: 'docker',
    });
    expect(json?.advice?.['pt-BR']).toContain('forma JSON');
    const copy = findings.find((f) => f.rule === 'BaleiaCopyBeforeInstall');
    expect(copy).toMatchObject({ line: 2, facts: ['F26'], source: 'baleia', url: '' });
    expect(copy?.advice?.['pt-BR']).toContain('cache de build');
  });

  it('can leave Baleia\'s teaching checks out', () => {
    const p = parsed('FROM node:22\nCOPY . .\nRUN npm install\n');
    expect(lintDockerfile(p, toInstructions(p), { teaching: false })).toEqual([]);
  });

  it('says which base image is large using the catalogue size when known', () => {
    const { findings } = checkDockerfile('FROM python:3.13\nCMD ["python"]\n', { imageSize: () => 1_020_000_000 });
    expect(findings.find((f) => f.rule === 'BaleiaLargeBaseImage')?.message).toBe(
      'Base image python:3.13 (1.02GB) is a large, full image; python:3.13-alpine or python:3.13-slim would make the final image much smaller',
    );
  });
});

describe('planDockerfile, the one call docker build makes', () => {
  it('returns the plan and the warning block for a Dockerfile that builds', () => {
    const r = planDockerfile('FROM alpine:3.22\nCMD echo hi\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.stages[0]?.fromStep?.name).toBe('[1/1] FROM docker.io/library/alpine:3.22');
    expect(r.warnings).toBe(
      '\n 1 warning found (use docker --debug to expand):\n' +
        ' - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 2)\n',
    );
  });

  it('returns what docker build prints when the Dockerfile is refused', () => {
    const r = planDockerfile('FROM alpine:3.22\nCOPY app.js\n', { filename: 'Dockerfile.dev' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.stderr).toBe(
      'Dockerfile.dev:2\n--------------------\n   1 |     FROM alpine:3.22\n   2 | >>> COPY app.js\n   3 |     \n--------------------\n' +
        'ERROR: failed to solve: dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined\n',
    );
  });

  it('stops the build on a check violation when the Dockerfile asks for error=true', () => {
    const r = planDockerfile('# check=error=true\nFROM alpine:3.22\nMAINTAINER me\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.stderr).toBe('ERROR: failed to solve: lint violation found for rules: MaintainerDeprecated\n');
  });
});

describe('base image platform', () => {
  it('warns when the base image was made for another platform (InvalidBaseImagePlatform)', () => {
    const { findings, stdout } = checkDockerfile('FROM arm-only:1\nCMD ["x"]\n', {
      resolveImage: () => ({ config: {}, os: 'linux', architecture: 'arm64' }),
    });
    expect(findings.map((f) => [f.rule, f.line, f.message])).toEqual([
      ['InvalidBaseImagePlatform', 1, 'Base image arm-only:1 was pulled with platform "linux/arm64", expected "linux/amd64" for current build'],
    ]);
    // The rule has no documentation page in BuildKit 0.22, so the header has no URL.
    expect(stdout).toContain('\nWARNING: InvalidBaseImagePlatform\nBase image arm-only:1 was pulled');
  });
});
