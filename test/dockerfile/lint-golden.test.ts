// Build checks in golden files: lint-cases/<case>/Dockerfile with
//   check     what `docker build --check` prints (stdout, stderr, exit code)
//   warnings  the block `docker build` prints after a successful build
//   baleia    Baleia's teaching findings (rule, lines, message, facts)
// and an optional options.json ({ buildArgs, target, ignored: [paths in .dockerignore] }).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDockerfileError } from '../../src/engine/dockerfile/errors';
import { parseDockerfile } from '../../src/engine/dockerfile/parse';
import { toInstructions } from '../../src/engine/dockerfile/plan';
import { lintDockerfile } from '../../src/engine/dockerfile/lint/lint';
import { checkDockerfile, formatBuildWarnings } from '../../src/engine/dockerfile/lint/report';
import { caseDirs, golden, readCase, resolveTestImage } from './golden';

const DIR = join(import.meta.dirname, 'lint-cases');

interface CaseOptions {
  buildArgs?: Record<string, string>;
  target?: string;
  ignored?: string[];
}

describe('docker build --check and Baleia teaching checks', () => {
  for (const name of caseDirs(DIR)) {
    it(`reports ${name} as Docker does, plus Baleia's advice`, () => {
      const text = readCase(DIR, name, 'Dockerfile') ?? '';
      const o = JSON.parse(readCase(DIR, name, 'options.json') ?? '{}') as CaseOptions;
      const ignored = new Set(o.ignored ?? []);
      const opts = {
        resolveImage: resolveTestImage,
        isIgnored: (p: string) => ignored.has(p),
        ...(o.buildArgs ? { buildArgs: o.buildArgs } : {}),
        ...(o.target ? { target: o.target } : {}),
      };

      const check = checkDockerfile(text, opts);
      const checkOut = `${check.stdout}--- stderr\n${check.stderr}--- exit code ${check.exitCode}\n`;
      expect(checkOut).toBe(golden(DIR, name, 'check', checkOut));

      const baleia = check.findings
        .filter((f) => f.source === 'baleia')
        .map((f) => `${f.rule} lines ${f.line}-${f.endLine} [${(f.facts ?? []).join(' ')}]\n  ${f.message}\n`)
        .join('');
      expect(baleia).toBe(golden(DIR, name, 'baleia', baleia));

      // A normal build plans only what the target needs, so it can warn about less.
      const parsed = parseDockerfile(text);
      let warnings = '(no build: the Dockerfile is refused)\n';
      if (!isDockerfileError(parsed)) {
        const plan = toInstructions(parsed, opts);
        if (!isDockerfileError(plan)) warnings = formatBuildWarnings(lintDockerfile(parsed, plan, opts)) || '(no warnings)\n';
      }
      expect(warnings).toBe(golden(DIR, name, 'warnings', warnings));
    });
  }
});

describe('advice for every finding', () => {
  it('explains each Docker and Baleia finding in English and Portuguese', () => {
    for (const name of caseDirs(DIR)) {
      const text = readCase(DIR, name, 'Dockerfile') ?? '';
      for (const f of checkDockerfile(text, { resolveImage: resolveTestImage }).findings) {
        expect(f.advice?.en, `${name} ${f.rule}`).toMatch(/\S.*\./);
        expect(f.advice?.['pt-BR'], `${name} ${f.rule}`).toMatch(/\S.*\./);
        if (f.source === 'docker') expect(f.url).toMatch(/^https:\/\/docs\.docker\.com\/go\/dockerfile\/rule\/[a-z-]+\/$/);
      }
    }
  });
});
