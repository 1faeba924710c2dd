// `go` inside golang images, enough for a multi-stage build: `go build` compiles the package
// in the current module into an executable of plausible size, `go mod download` fills the
// module cache, `go version` answers. The executable is a stand-in whose behaviour is what the
// program's main() prints (fmt.Println with string literals), so `docker run` shows it.
import type { MachineFs } from '../fs/machine-fs';
import { basename, dirname, resolvePath } from '../fs/paths';
import { EXEC_MODE, FILE_MODE } from '../model/file-tree';
import type { Command } from 'just-bash';
import { fail, ok, tool, type ToolContext, type ToolResult } from '../runtime/tools/tool-context';

/** A simulated program the binary dispatcher runs by name (runtime/tools/binary.ts). */
export type GoRun = (args: string[], env: Map<string, string>, cwd: string, stdin: string) => ToolResult;

const VERSION = 'go1.24.4';

/** First line of every stand-in, so tools (and readers) know it is a compiled program. */
const STAND_IN_HEADER = '#\u007fELF compiled program (simulated by Baleia)';

interface GoModule {
  dir: string;
  path: string;
  requires: Array<{ path: string; version: string }>;
}

function findModule(fs: MachineFs, cwd: string): GoModule | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const file = dir === '/' ? '/go.mod' : `${dir}/go.mod`;
    const node = fs.getNode(file);
    if (node?.type === 'file') {
      const text = fs.readText(file);
      const path = /^module\s+(\S+)/m.exec(text)?.[1] ?? 'main';
      const requires: GoModule['requires'] = [];
      for (const m of text.matchAll(/^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]{2,}\/\S+)\s+(v\S+)/gm)) requires.push({ path: m[1] as string, version: m[2] as string });
      return { dir, path, requires };
    }
    if (dir === '/') return undefined;
  }
}

function goFiles(fs: MachineFs, dir: string): string[] {
  try {
    return fs.list(dir).filter((name) => name.endsWith('.go') && !name.endsWith('_test.go')).map((name) => (dir === '/' ? `/${name}` : `${dir}/${name}`));
  } catch {
    return [];
  }
}

/** Go string literals (interpreted "..." and raw `...`) as their values. */
function goString(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  return literal
    .slice(1, -1)
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\"/g, '"')
    .replace(/\\\\/g, '\\');
}

/** What main() prints, when it only prints literals (the common first program). */
function printedLines(sources: string[]): string[] {
  const out: string[] = [];
  for (const text of sources) {
    const main = /func\s+main\s*\(\s*\)\s*\{([\s\S]*)/.exec(text)?.[1] ?? '';
    for (const m of main.matchAll(/\b(?:fmt\.Println|fmt\.Print|fmt\.Printf|println)\(\s*("(?:[^"\\\n]|\\.)*"|`[^`]*`)\s*\)/g)) {
      const fn = m[0].slice(0, m[0].indexOf('('));
      const value = goString(m[1] as string);
      out.push(fn === 'fmt.Println' || fn === 'println' ? `${value}\n` : value);
    }
  }
  return out;
}

function imports(sources: string[]): string[] {
  const found = new Set<string>();
  for (const text of sources) {
    for (const block of text.matchAll(/import\s*\(([\s\S]*?)\)/g)) for (const m of (block[1] as string).matchAll(/"([^"]+)"/g)) found.add(m[1] as string);
    for (const m of text.matchAll(/import\s+(?:\w+\s+)?"([^"]+)"/g)) found.add(m[1] as string);
  }
  return [...found];
}

/** Sizes of real statically linked Go 1.24 binaries: a hello world is about 2 MB, net/http adds 5 MB. */
function binarySize(pkgs: string[], stripped: boolean): number {
  let size = 1_560_000;
  for (const p of pkgs) {
    if (p === 'net/http') size += 5_900_000;
    else if (p.includes('.')) size += 1_200_000;
    else if (p === 'fmt') size += 650_000;
    else size += 180_000;
  }
  return Math.round(stripped ? size * 0.68 : size);
}

function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function standIn(lines: string[]): string {
  const body = lines.length > 0 ? lines.map((l) => `printf '%s' ${shQuote(l)}`).join('\n') : ':';
  return `${STAND_IN_HEADER}\n${body}\n`;
}

function build(tc: ToolContext, args: string[], env: Map<string, string>, cwd: string): ToolResult {
  const fs = tc.fs;
  let output: string | undefined;
  let stripped = false;
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-o') output = args[++i];
    else if (a.startsWith('-o=')) output = a.slice(3);
    else if (a === '-ldflags') stripped ||= /-s|-w/.test(args[++i] ?? '');
    else if (a.startsWith('-ldflags=')) stripped ||= /-s|-w/.test(a);
    else if (a === '-v' || a === '-x' || a === '-a' || a === '-trimpath' || a.startsWith('-tags') || a.startsWith('-mod')) continue;
    else if (!a.startsWith('-')) targets.push(a);
  }
  const module = findModule(fs, cwd);
  if (!module) return fail("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n", 1);
  const target = targets[0] ?? '.';
  const dir = target.endsWith('.go') ? dirname(resolvePath(cwd, target)) : resolvePath(cwd, target.replace(/\/\.\.\.$/, ''));
  const files = target.endsWith('.go') ? targets.map((t) => resolvePath(cwd, t)) : goFiles(fs, dir);
  if (files.length === 0) return fail(`no Go files in ${dir}\n`, 1);
  const sources = files.map((f) => fs.readText(f));
  const pkg = /^\s*package\s+(\w+)/m.exec(sources[0] ?? '')?.[1];
  if (pkg !== 'main') {
    return ok();
  }
  if (!sources.some((s) => /func\s+main\s*\(\s*\)/.test(s))) return fail(`# ${module.path}\nruntime.main_main·f: function main is undeclared in the main package\n`, 1);
  const name = output ?? basename(dir === module.dir ? module.path : dir);
  const outPath = resolvePath(cwd, name.endsWith('/') ? `${name}${basename(module.path)}` : name);
  const outDir = dirname(outPath);
  if (!fs.getNode(outDir)) {
    try {
      fs.makeDir(outDir, true);
    } catch {
      return fail(`go: creating output file: open ${outPath}: no such file or directory\n`, 1);
    }
  }
  const size = binarySize(imports(sources), stripped);
  try {
    fs.writeText(outPath, standIn(printedLines(sources)), EXEC_MODE);
    const node = fs.getNode(outPath);
    if (node?.type === 'file') fs.putRaw(outPath, { ...node, mode: EXEC_MODE, size });
  } catch {
    return fail(`go: creating output file: open ${outPath}: permission denied\n`, 1);
  }
  // The build cache Go leaves behind (why a build stage is so much bigger than its result).
  const cache = env.get('GOCACHE') ?? `${env.get('HOME') ?? '/root'}/.cache/go-build`;
  writeSized(fs, `${cache}/README`, 'This directory holds cached build artifacts from the Go build system.\n', 81);
  writeSized(fs, `${cache}/trim.txt`, `${Math.floor(tc.ctx.now / 1000)}\n`, 11);
  writeSized(fs, `${cache}/00/${hex(module.path + files.join())}-d`, '(compiled packages)\n', Math.round(size * 2.6));
  return ok();
}

function writeSized(fs: MachineFs, path: string, content: string, size: number): void {
  try {
    fs.makeDir(dirname(path), true);
    fs.writeText(path, content, FILE_MODE);
    const node = fs.getNode(path);
    if (node?.type === 'file') fs.putRaw(path, { ...node, size });
  } catch {
    /* the cache is best effort, as Go's is */
  }
}

function hex(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0').repeat(8);
}

function modDownload(tc: ToolContext, env: Map<string, string>, cwd: string): ToolResult {
  const module = findModule(tc.fs, cwd);
  if (!module) return fail("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n", 1);
  const gopath = env.get('GOPATH') ?? '/go';
  for (const r of module.requires) {
    const base = `${gopath}/pkg/mod/cache/download/${r.path}/@v/${r.version}`;
    writeSized(tc.fs, `${base}.mod`, `module ${r.path}\n`, 420);
    writeSized(tc.fs, `${base}.zip`, '(module source)\n', 350_000);
  }
  return ok();
}

/** `go` as a just-bash command (for a dispatcher that takes commands by program name). */
export function goCommand(tc: ToolContext): Command {
  return tool('go', goProgram(tc));
}

export function goProgram(tc: ToolContext): GoRun {
  return (args, env, cwd) => {
    const [sub = '', ...rest] = args;
    switch (sub) {
      case 'version':
        return ok(`go version ${VERSION} linux/amd64\n`);
      case 'build':
        return build(tc, rest, env, cwd);
      case 'mod':
        if (rest[0] === 'download' || rest[0] === 'tidy' || rest[0] === 'verify') return modDownload(tc, env, cwd);
        return fail(`go mod ${rest[0] ?? ''}: unknown command\nRun 'go help mod' for usage.\n`, 2);
      case 'env':
        return ok(`GOPATH='${env.get('GOPATH') ?? '/go'}'\nGOVERSION='${VERSION}'\nGOOS='linux'\nGOARCH='amd64'\n`);
      case '':
        return fail('Go is a tool for managing Go source code.\n\nUsage:\n\n\tgo <command> [arguments]\n', 2);
      default:
        return fail(`baleia: \`go ${sub}\` is not simulated here; go build, go mod download and go version are.\n`, 2);
    }
  };
}
