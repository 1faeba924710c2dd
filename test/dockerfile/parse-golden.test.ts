// Golden files in BuildKit's style: testfiles/<case>/Dockerfile with `result` (the parsed
// nodes, as BuildKit's Node.Dump prints them, plus heredoc lines) and `plan` (step names,
// history rows and image config); testfiles-negative/<case>/Dockerfile with `error` (what
// `docker build` prints: the excerpt and the ERROR line) and optional `options.json`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpNodes, parseDockerfile } from '../../src/engine/dockerfile/parse';
import { toInstructions, type PlanOptions } from '../../src/engine/dockerfile/plan';
import { formatDockerfileFailure, isDockerfileError } from '../../src/engine/dockerfile/errors';
import { caseDirs, dumpPlan, golden, readCase, resolveTestImage } from './golden';

const POSITIVE = join(import.meta.dirname, 'testfiles');
const NEGATIVE = join(import.meta.dirname, 'testfiles-negative');

describe('Dockerfiles BuildKit accepts', () => {
  const cases = caseDirs(POSITIVE);

  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of cases) {
    it(`parses and plans ${name} as BuildKit does`, () => {
      const text = readCase(POSITIVE, name, 'Dockerfile') ?? '';
      const parsed = parseDockerfile(text);
      if (isDockerfileError(parsed)) throw new Error(`unexpected error: ${parsed.message}`);
      const dump = dumpNodes(parsed, { heredocs: true });
      expect(dump).toBe(golden(POSITIVE, name, 'result', dump));
      const plan = toInstructions(parsed, { resolveImage: resolveTestImage });
      if (isDockerfileError(plan)) throw new Error(`unexpected error: ${plan.message}`);
      const planDump = dumpPlan(plan);
      expect(planDump).toBe(golden(POSITIVE, name, 'plan', planDump));
    });
  }
});

describe('Dockerfiles BuildKit refuses', () => {
  const cases = caseDirs(NEGATIVE);

  for (const name of cases) {
    it(`refuses ${name} with BuildKit's error`, () => {
      const text = readCase(NEGATIVE, name, 'Dockerfile') ?? '';
      const options = JSON.parse(readCase(NEGATIVE, name, 'options.json') ?? '{}') as PlanOptions;
      const parsed = parseDockerfile(text);
      const result = isDockerfileError(parsed) ? parsed : toInstructions(parsed, { resolveImage: resolveTestImage, ...options });
      if (!isDockerfileError(result)) throw new Error('expected an error, the Dockerfile was accepted');
      const printed = formatDockerfileFailure(text, result);
      expect(printed).toBe(golden(NEGATIVE, name, 'error', printed));
    });
  }
});
