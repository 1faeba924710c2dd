// Dockerfile errors as data, worded as BuildKit words them, and buildx's source excerpt.

/**
 * A Dockerfile the builder refuses. `message` is what buildx prints after
 * `ERROR: failed to solve: `; `location` is what buildx quotes in the excerpt above it
 * (absent when BuildKit attaches no source location).
 */
export interface DockerfileError {
  kind: 'dockerfile-error';
  message: string;
  location?: { startLine: number; endLine: number };
  /**
   * Where the error came from: `limit` errors are Baleia's own bounds (limits.ts), the rest
   * mirror BuildKit (`parse` = parser, `instruction` = typing instructions, `dispatch` =
   * expanding them for the build, `target` = --target, `lint` = `# check=error=true`).
   */
  phase: 'empty' | 'limit' | 'parse' | 'instruction' | 'dispatch' | 'target' | 'lint';
  /** Build-check warnings BuildKit had already raised when it stopped (`docker build --check` shows them). */
  checks?: CheckRecord[];
}

/** A Docker build-check warning as BuildKit raises it, before `# check=` filtering. */
export interface CheckRecord {
  rule: string;
  message: string;
  startLine: number;
  endLine: number;
}

export function dockerfileError(
  phase: DockerfileError['phase'],
  message: string,
  startLine?: number,
  endLine?: number,
): DockerfileError {
  const err: DockerfileError = { kind: 'dockerfile-error', phase, message };
  if (startLine !== undefined) {
    err.location = { startLine, endLine: endLine !== undefined && endLine > startLine ? endLine : startLine };
  }
  return err;
}

export function isDockerfileError(x: unknown): x is DockerfileError {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'dockerfile-error';
}

/**
 * buildx's source excerpt (buildkit solver/errdefs Source.Print): the file name and first
 * line, then the lines around the range with `>>>` on the offending ones. Single-line
 * ranges get more context than multi-line ones. Returns '' when the range is outside the file
 * (BuildKit prints nothing then).
 */
export function formatErrorExcerpt(
  text: string,
  startLine: number,
  endLine: number = startLine,
  filename = 'Dockerfile',
): string {
  const lines = text.split('\n');
  let start = startLine;
  let end = Math.max(endLine, startLine);
  if (start > lines.length || start < 1) return '';
  if (end > lines.length) end = lines.length;
  const pad = end === start ? 4 : 2;
  const firstLine = start;
  let p = 0;
  while (p < pad) {
    if (start > 1) {
      start--;
      p++;
    }
    if (end !== lines.length) {
      end++;
      p++;
    }
    p++;
  }
  let out = `${filename}:${firstLine}\n--------------------\n`;
  for (let i = start; i <= end; i++) {
    const marker = i >= startLine && i <= Math.max(endLine, startLine) ? '>>>' : '   ';
    out += ` ${String(i).padStart(3)} | ${marker} ${lines[i - 1] ?? ''}\n`;
  }
  return out + '--------------------\n';
}

/**
 * What `docker build` prints on stderr when the Dockerfile is refused (buildx 0.24, the
 * version Docker 28.2 ships): the excerpt, when there is a location, then the ERROR line.
 */
export function formatDockerfileFailure(text: string, err: DockerfileError, filename = 'Dockerfile'): string {
  const excerpt = err.location
    ? formatErrorExcerpt(text, err.location.startLine, err.location.endLine, filename)
    : '';
  return `${excerpt}ERROR: failed to solve: ${err.message}\n`;
}
