import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/content/common';
import { LAB_LIMITS, LabSchema, findLabProblems, loadLabs, type Lab } from '../../src/labs/schema';
import { FACT_IDS } from '../../src/quiz/schema';

const LABS_DIR = join(import.meta.dirname, '../../data/labs');
const files = readdirSync(LABS_DIR).filter((f) => f.endsWith('.json')).sort();
const raw = files.map((f) => JSON.parse(readFileSync(join(LABS_DIR, f), 'utf8')) as unknown);
const labs = loadLabs(raw);

function withoutCode(s: string): string {
  return s.replace(/`[^`]*`/g, '');
}

/** Every shell line a lab makes someone run, setup first. */
function lines(lab: Lab): string[] {
  return [...lab.setup, ...lab.solution];
}

describe('the labs', () => {
  it('has at least twelve labs, one per file named after its id, in course order 1..n', () => {
    expect(labs.length).toBeGreaterThanOrEqual(12);
    expect(files).toEqual(labs.map((l) => `${l.id}.json`).sort());
    expect(labs.map((l) => l.order)).toEqual(labs.map((_, i) => i + 1));
    expect(findLabProblems(labs)).toEqual([]);
  });

  it('starts with a first web server and ends with a multi-stage build', () => {
    expect(labs[0]?.id).toBe('first-web-server');
    expect(labs.at(-1)?.solution.join('\n')).toMatch(/COPY --from=/);
  });

  it('gives every lab a goal, at least two progressive hints, two checks and a solution', () => {
    for (const lab of labs) {
      expect(lab.hints.length, lab.id).toBeGreaterThanOrEqual(2);
      expect(lab.checks.length, lab.id).toBeGreaterThanOrEqual(2);
      expect(lab.solution.length, lab.id).toBeGreaterThanOrEqual(1);
      for (const locale of LOCALES) {
        expect(lab.goal[locale].length, lab.id).toBeLessThanOrEqual(LAB_LIMITS.goal);
        for (const h of lab.hints) expect(h[locale].length, lab.id).toBeLessThanOrEqual(LAB_LIMITS.hint);
      }
    }
  });

  it('writes every text in both languages, the Portuguese in its own words with "contêiner"', () => {
    for (const lab of labs) {
      const prose = [lab.title, lab.goal, ...lab.hints, ...lab.checks.map((c) => c.describe)];
      for (const text of prose) {
        expect(text.en.trim(), lab.id).not.toBe('');
        expect(withoutCode(text['pt-BR']), lab.id).not.toMatch(/\bcontainers?\b/i);
      }
      expect(lab.goal['pt-BR'], lab.id).not.toBe(lab.goal.en);
    }
  });

  it('uses regular expressions in checks that compile', () => {
    for (const lab of labs) {
      for (const c of lab.checks) {
        if (c.expect.matches !== undefined) expect(() => new RegExp(c.expect.matches!), lab.id).not.toThrow();
      }
    }
  });

  it('pulls the catalogue images its containers use, in setup, before the student starts', () => {
    for (const lab of labs) {
      const pulled = lab.setup.flatMap((l) => /^docker pull (\S+)$/.exec(l)?.[1] ?? []);
      for (const line of lines(lab)) {
        for (const image of ['alpine', 'nginx', 'redis', 'postgres', 'debian']) {
          if (new RegExp(`^docker (run|create) .*\\s${image}(\\s|$)`).test(line)) {
            expect(pulled, `${lab.id}: ${line}`).toContain(image);
          }
        }
      }
    }
  });

  it('covers the course from first steps to volumes shared between containers and the class registry', () => {
    const ids = labs.map((l) => l.id);
    for (const id of ['first-web-server', 'container-lifecycle', 'two-of-a-kind', 'stop-keeps-rm-loses', 'commit-a-change',
      'first-dockerfile', 'class-registry', 'named-volume', 'shared-volume', 'database-volume', 'build-cache-order',
      'multi-stage-build']) {
      expect(ids).toContain(id);
    }
    const facts = new Set(labs.flatMap((l) => l.facts));
    expect(facts.size).toBeGreaterThanOrEqual(25);
    for (const f of facts) expect(FACT_IDS).toContain(f);
  });

  it('checks the registry lab by the student\'s own push: a digest on $USER/hello:v1', () => {
    const lab = labs.find((l) => l.id === 'class-registry')!;
    const digest = lab.checks.find((c) => c.run.includes('RepoDigests'));
    expect(digest?.run).toContain('$USER/hello:v1');
    expect(digest?.expect.contains).toEqual(['@sha256:']);
    expect(lab.solution.some((l) => /^docker push \$USER\/hello:v1$/.test(l))).toBe(true);
  });

  it('checks the build-cache lab by the order of steps in docker history', () => {
    const lab = labs.find((l) => l.id === 'build-cache-order')!;
    const order = lab.checks.find((c) => c.run.startsWith('docker history'))!;
    const re = new RegExp(order.expect.matches!);
    // docker history lists newest first, so the good order reads COPY . . above the install.
    const good = ['CMD ["sh" "run.sh"]', 'COPY . . # buildkit', 'RUN /bin/sh -c sh install.sh # buildkit',
      'COPY deps.txt install.sh ./ # buildkit', 'WORKDIR /app', 'CMD ["/bin/sh"]'].join('\n');
    const bad = ['CMD ["sh" "run.sh"]', 'RUN /bin/sh -c sh install.sh # buildkit', 'COPY . . # buildkit',
      'WORKDIR /app', 'CMD ["/bin/sh"]'].join('\n');
    expect(re.test(good)).toBe(true);
    expect(re.test(bad)).toBe(false);
  });

  it('judges the multi-stage lab by size with a digit count: under 10 MB is at most 7 digits', () => {
    const lab = labs.find((l) => l.id === 'multi-stage-build')!;
    const size = new RegExp(lab.checks.find((c) => c.run.includes('{{.Size}}'))!.expect.matches!);
    expect(size.test('8315000\n')).toBe(true);
    expect(size.test('117000000\n')).toBe(false);
  });
});

describe('the lab schema', () => {
  const lab = labs[0]!;

  it('rejects a lab with a single check or a single hint', () => {
    expect(LabSchema.safeParse({ ...lab, checks: lab.checks.slice(0, 1) }).success).toBe(false);
    expect(LabSchema.safeParse({ ...lab, hints: lab.hints.slice(0, 1) }).success).toBe(false);
  });

  it('rejects a goal longer than one embed allows', () => {
    expect(LabSchema.safeParse({ ...lab, goal: { ...lab.goal, 'pt-BR': 'x'.repeat(901) } }).success).toBe(false);
  });

  it('rejects a check that expects nothing', () => {
    const empty = { ...lab.checks[0]!, expect: {} };
    expect(LabSchema.safeParse({ ...lab, checks: [empty, lab.checks[1]] }).success).toBe(false);
  });

  it('reports repeated ids and a gap in the course order', () => {
    const problems = findLabProblems([lab, { ...lab, order: 3 }]);
    expect(problems).toContain(`lab id ${lab.id} appears twice`);
    expect(problems.some((p) => p.startsWith('lab orders should be 1..2'))).toBe(true);
  });

  it('refuses to load a broken lab, naming the problem', () => {
    expect(() => loadLabs([{ ...lab, solution: [] }])).toThrow(/invalid labs/);
  });
});
