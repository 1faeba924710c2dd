// BuildKit's progress output as buildx 0.24 prints it (moby/buildkit util/progress/progressui):
// the tty display's final screen (display.go ttyDisplay.print with all=true) and the plain
// text printer (printer.go textMux), over a build's vertices with their times.

/** A sub-status of a vertex (`transferring context:`, `sha256:...`, `naming to ...`). */
export interface VertexStatus {
  id: string;
  /** Bytes done and expected (`3.80MB / 3.80MB`), or only done (`163B`). */
  current?: number;
  total?: number;
  /** Milliseconds since the build started. */
  start: number;
  end: number;
}

export interface VertexLog {
  /** Milliseconds since the build started. */
  t: number;
  text: string;
}

export interface Vertex {
  name: string;
  start: number;
  end: number;
  cached?: boolean;
  /** The error BuildKit attached to the vertex (its ERROR line in plain output). */
  error?: string;
  statuses: VertexStatus[];
  logs: VertexLog[];
}

export const TTY_WIDTH = 80;

/** tonistiigi/units Bytes with `%.2f`: `163B`, `1.21kB`, `3.80MB`. */
export function unitsBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${n}B`;
  return `${value.toFixed(2)}${units[unit]}`;
}

function statusText(s: VertexStatus): string {
  if (s.total !== undefined && s.total !== 0) return `${unitsBytes(s.current ?? 0)} / ${unitsBytes(s.total)}`;
  if (s.current !== undefined && s.current !== 0) return unitsBytes(s.current);
  return '';
}

/** Go's `%-*s %s`: left text padded to w-len(r)-1, a space, then r. */
function align(left: string, right: string, width: number): string {
  const pad = width - right.length - 1;
  return `${left.padEnd(pad)} ${right}`;
}

function seconds(ms: number): number {
  const s = ms / 1000;
  return s < 0.05 ? 0 : s;
}

function ttyLine(name: string, status: string, durationMs: number, width: number): string {
  const pfx = ' => ';
  const timer = ` ${seconds(durationMs).toFixed(1)}s\n`;
  let left = width - pfx.length - timer.length - 1;
  let showStatus = false;
  if (status !== '' && left + status.length > 20) {
    showStatus = true;
    left -= status.length + 1;
  }
  if (left < 12) return '';
  let out = pfx + (name.length > left ? name.slice(0, left) : name);
  if (showStatus) out += ` ${status}`;
  return align(out, timer, width);
}

/** The screen a terminal keeps once the build is over (stderr). */
export function renderTty(vertices: Vertex[], totalMs: number, width = TTY_WIDTH): string {
  const completed = vertices.length;
  const header = `[+] Building ${(totalMs / 1000).toFixed(1)}s (${completed}/${vertices.length}) ${completed > 0 ? 'FINISHED' : ''}`;
  let out = `${align(header, 'docker:default', width - 1)}\n`;
  for (const v of vertices) {
    let name = v.name.replaceAll('\t', ' ');
    if (v.error !== undefined) name = `ERROR ${name}`;
    if (v.cached) name = `CACHED ${name}`;
    out += ttyLine(name, '', v.end - v.start, width);
    for (const s of v.statuses) out += ttyLine(`=> ${s.id}`, statusText(s), s.end - s.start, width);
  }
  return out;
}

/** `0.312 text`: a log line's time since its vertex started (printer precision rules). */
function logPrefix(ms: number): string {
  const sec = Math.max(0, ms) / 1000;
  const prec = sec < 10 ? 3 : sec < 100 ? 2 : 1;
  return sec.toFixed(prec);
}

/** `--progress=plain`: one block per vertex, `#N` numbered in the order they appear. */
export function renderPlain(vertices: Vertex[]): string {
  let out = '#0 building with "default" instance using docker driver\n';
  vertices.forEach((v, i) => {
    const n = i + 1;
    out += `\n#${n} ${v.name}\n`;
    for (const s of v.statuses) {
      const bytes = statusText(s);
      const diff = (s.end - s.start) / 1000;
      out += `#${n} ${s.id}${bytes ? ` ${bytes}` : ''}${diff > 0.01 ? ` ${diff.toFixed(1)}s` : ''} done\n`;
    }
    for (const l of v.logs) out += `#${n} ${logPrefix(l.t - v.start)} ${l.text}\n`;
    if (v.error !== undefined) out += `#${n} ERROR: ${v.error}\n`;
    else if (v.cached) out += `#${n} CACHED\n`;
    else out += `#${n} DONE ${((v.end - v.start) / 1000).toFixed(1)}s\n`;
  });
  return out;
}

/**
 * The block both displays print for a failed vertex: its name, then its log (the tty keeps all
 * of it; the plain printer keeps the last 10 lines), each line prefixed by its time.
 */
export function renderErrorLogs(vertices: Vertex[], mode: 'tty' | 'plain'): string {
  let out = '';
  for (const v of vertices) {
    if (v.error === undefined) continue;
    out += `------\n > ${v.name}:\n`;
    const logs = mode === 'plain' ? v.logs.slice(-10) : v.logs;
    for (const l of logs) out += `${logPrefix(l.t - v.start)} ${l.text}\n`;
    out += '------\n';
  }
  return out;
}
