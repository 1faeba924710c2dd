// Hostile Dockerfiles must end in a clear error without crashing the process (npm run bench times them).
import { describe, expect, it } from 'vitest';
import { DOCKERFILE_LIMITS } from '../../src/engine/dockerfile/limits';
import { isDockerfileError, type DockerfileError } from '../../src/engine/dockerfile/errors';
import { parseDockerfile } from '../../src/engine/dockerfile/parse';
import { toInstructions } from '../../src/engine/dockerfile/plan';
import { checkDockerfile } from '../../src/engine/dockerfile/lint/report';

function refuse(text: string): DockerfileError {
  const parsed = parseDockerfile(text);
  const result = isDockerfileError(parsed) ? parsed : toInstructions(parsed, { allStages: true });
  if (!isDockerfileError(result)) throw new Error('expected the Dockerfile to be refused');
  return result;
}

const nested = (depth: number) => '${a:-'.repeat(depth) + 'x' + '}'.repeat(depth);

const HOSTILE: [string, string, RegExp][] = [
  ['a file over 256 kB', 'FROM alpine\nRUN echo ' + 'x'.repeat(300_000) + '\n', /^Dockerfile is too large: 300022 bytes \(Baleia accepts up to 262144 bytes\)$/],
  ['more lines than allowed', 'FROM alpine\n' + 'RUN echo\n'.repeat(6000), /^Dockerfile has too many lines \(Baleia accepts up to 5000\)$/],
  ['more instructions than allowed', 'FROM alpine\n' + 'RUN echo\n'.repeat(600), /^Dockerfile has too many instructions \(Baleia accepts up to 500\)$/],
  ['a line longer than BuildKit allows', 'FROM alpine\nRUN ' + 'y'.repeat(70_000) + '\n', /^dockerfile line greater than max allowed size of 65535$/],
  ['an endless continuation', 'FROM alpine\nRUN a \\\n' + '  b \\\n'.repeat(8000), /^Dockerfile has too many lines/],
  ['binary junk with NUL bytes', 'FROM alpine\n' + String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)), /^Dockerfile is not a text file: it contains the control character 0x00 on line 2$/],
  ['binary junk without NUL bytes', String.fromCharCode(...Array.from({ length: 20_000 }, (_, i) => 1 + ((i * 7919) % 255))), /^Dockerfile is not a text file: it contains the control character 0x01 on line 1$/],
  ['deeply nested default values in ENV', `FROM alpine\nENV X=${nested(5000)}\n`, /variable substitutions nested more than 32 levels deep$/],
  ['deeply nested default values in FROM', `FROM ${nested(5000)}\n`, /variable substitutions nested more than 32 levels deep$/],
  // BuildKit ignores lexing errors while looking for heredocs, so the body becomes instructions.
  ['deeply nested default values in a COPY heredoc line', `FROM alpine\nCOPY <<EOF ${nested(5000)}\nEOF\n`, /^dockerfile parse error on line 3: unknown instruction: EOF \(did you mean ENV\?\)$/],
  ['thousands of heredocs on one line', 'FROM alpine\nRUN ' + Array.from({ length: 3000 }, (_, i) => `<<H${i}`).join(' ') + '\n' + Array.from({ length: 3000 }, (_, i) => `H${i}`).join('\n') + '\n', /^Dockerfile has too many heredocs \(Baleia accepts up to 256\)$/],
  ['a heredoc that never ends', 'FROM alpine\nRUN <<EOF\n' + 'echo\n'.repeat(4000), /^unterminated heredoc$/],
  ['ARG values that double at every line', 'ARG A0=xx\n' + Array.from({ length: 40 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`).join('\n') + '\nFROM alpine\n', /expanded value is longer than 65536 characters$/],
  ['ENV values that fill the environment', 'FROM alpine\n' + Array.from({ length: 70 }, (_, i) => `ENV K${i}=${'v'.repeat(1000)}`).join('\n') + '\n', /^the stage's variables \(ENV and ARG\) exceed 65536 characters$/],
  ['a pattern with too many wildcards', 'FROM alpine\nARG L=abc\nENV X=${L//' + '*a'.repeat(20) + '/z}\n', /invalid pattern .* more than 16 wildcards$/],
];

describe('hostile Dockerfiles', () => {
  for (const [what, text, message] of HOSTILE) {
    // How fast each refusal is, is measured by npm run bench, not asserted here.
    it(`refuses ${what} with a clear error`, () => {
      expect(refuse(text).message).toMatch(message);
    });
  }

  it('survives a 60 000-deep unclosed JSON array (it is shell form, as in BuildKit)', () => {
    const text = 'FROM alpine\nCMD ' + '['.repeat(60_000) + '\n';
    const parsed = parseDockerfile(text);
    expect(isDockerfileError(parsed)).toBe(false);
  });

  it('keeps pattern matching linear on long values', () => {
    const text = 'FROM alpine\nARG L=' + 'ab'.repeat(10_000) + '\nENV X=${L//*a*a*a*a*a*a*a*a*c/z} Y=${L%%*a*a*c}\n';
    const run = () => {
      const parsed = parseDockerfile(text);
      if (isDockerfileError(parsed)) throw new Error(parsed.message);
      return toInstructions(parsed);
    };
    expect(isDockerfileError(run())).toBe(false);
  });

  it('checks the largest accepted Dockerfile without trouble', () => {
    const text = 'FROM alpine\n' + 'cmd echo $NOPE\n'.repeat(DOCKERFILE_LIMITS.maxInstructions - 1);
    const result = checkDockerfile(text);
    expect(result.exitCode).toBe(1);
    expect(result.findings.filter((f) => f.rule === 'MultipleInstructionsDisallowed')).toHaveLength(498);
  });
});
