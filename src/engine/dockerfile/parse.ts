// Dockerfile text -> nodes with line ranges, as BuildKit's frontend/dockerfile/parser does it
// (parser.go, line_parsers.go, split_command.go, directives.go): parser directives, comments
// (also inside continuation lines), line continuation with the escape character, exec (JSON)
// form with BuildKit's fallback to shell form, heredocs, and per-instruction argument rules.
// Nothing here knows what an instruction means; instructions.ts types the nodes.
import { dockerfileError, type DockerfileError } from './errors';
import {
  goQuote,
  goTrimLeftSpace,
  goTrimSpace,
  isGoSpace,
  splitReWhitespace,
} from './go-compat';
import { DOCKERFILE_LIMITS } from './limits';
import { EMPTY_ENV, processWord } from './shell-lex';
import { utf8Length } from '../util/text';

export interface Heredoc {
  /** The delimiter word, quotes removed (`EOF`). */
  name: string;
  /** `3<<EOF` gives 3; 0 when absent. */
  fileDescriptor: number;
  /** False when any part of the delimiter was quoted (`<<'EOF'`): no variable expansion. */
  expand: boolean;
  /** `<<-EOF`: leading tabs are stripped from the content. */
  chomp: boolean;
  /** The lines between the instruction and the delimiter, each with its newline. */
  content: string;
}

export interface Directive {
  name: 'syntax' | 'escape' | 'check';
  value: string;
  line: number;
}

/** One instruction (BuildKit's parser.Node, flattened). */
export interface DockerfileNode {
  /** The instruction keyword exactly as written (`FROM`, `copy`, `Run`). */
  value: string;
  /** Argument words as the per-instruction rules split them (BuildKit's Next chain). */
  next: string[];
  /** ONBUILD's trigger instruction. */
  child?: DockerfileNode;
  /** Builder flags before the arguments (`--from=build`, `--chown=1000`), as written. */
  flags: string[];
  /** True for the exec/JSON form (`CMD ["node", "server.js"]`). */
  json: boolean;
  heredocs: Heredoc[];
  /** The instruction's text with continuations joined and comment lines removed. */
  original: string;
  startLine: number;
  endLine: number;
  /** Comment lines directly above the instruction (used for stage/ARG descriptions). */
  prevComment: string[];
}

export interface ParseWarning {
  /** `Empty continuation line found in: RUN apk add   curl` (BuildKit's parser warning). */
  short: string;
  /** The last line of the instruction, where BuildKit locates the warning. */
  line: number;
}

export interface ParsedDockerfile {
  kind: 'parsed-dockerfile';
  text: string;
  nodes: DockerfileNode[];
  directives: Directive[];
  escapeToken: '\\' | '`';
  /** `# syntax=` value (the frontend image BuildKit would switch to), as read by DetectSyntax. */
  syntax?: string;
  /** `# check=` value, as read by ParseDirective('check'). */
  check?: { value: string; line: number };
  warnings: ParseWarning[];
}

const DIRECTIVE_NAMES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_INSTRUCTIONS = new Set(['add', 'copy', 'run']);

class ParseFailure extends Error {
  constructor(readonly error: DockerfileError) {
    super(error.message);
  }
}

function fail(message: string, startLine: number, endLine?: number, phase: DockerfileError['phase'] = 'parse'): never {
  throw new ParseFailure(dockerfileError(phase, message, startLine, endLine));
}

// Directives ------------------------------------------------------------------------------

function isRe2Space(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
}

/** `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`, without a backtracking regex. */
function matchDirective(line: string, commentPrefix = '#'): { name: string; value: string } | undefined {
  if (!line.startsWith(commentPrefix)) return undefined;
  let i = commentPrefix.length;
  while (isRe2Space(line[i])) i++;
  const nameStart = i;
  if (!/[a-zA-Z]/.test(line[i] ?? '')) return undefined;
  while (/[a-zA-Z0-9]/.test(line[i] ?? '')) i++;
  const name = line.slice(nameStart, i);
  while (isRe2Space(line[i])) i++;
  if (line[i] !== '=') return undefined;
  i++;
  const rest = line.slice(i);
  if (rest.includes('\n')) return undefined;
  let start = 0;
  while (isRe2Space(rest[start])) start++;
  let end = rest.length;
  while (end > start && isRe2Space(rest[end - 1])) end--;
  if (end > start) return { name, value: rest.slice(start, end) };
  // Only whitespace after `=`: the lazy group still takes one character.
  if (rest.length === 0) return undefined;
  return { name, value: rest[rest.length - 1] as string };
}

class DirectiveParser {
  line = 0;
  done = false;
  private readonly seen = new Set<string>();

  constructor(private readonly commentPrefix = '#') {}

  parseLine(line: string): Directive | undefined | { error: string } {
    this.line++;
    if (this.done) return undefined;
    const m = matchDirective(line, this.commentPrefix);
    if (!m) {
      this.done = true;
      return undefined;
    }
    const name = m.name.toLowerCase();
    if (!DIRECTIVE_NAMES.has(name)) {
      this.done = true;
      return undefined;
    }
    if (this.seen.has(name)) return { error: `only one ${name} parser directive can be used` };
    this.seen.add(name);
    return { name: name as Directive['name'], value: m.value, line: this.line };
  }
}

/**
 * BuildKit's ParseDirective / DetectSyntax: a separate scan of the leading lines that skips a
 * byte-order mark and a `#!` first line (the main parser does not skip the latter).
 */
function detectDirective(text: string, key: string): { value: string; line: number } | undefined {
  let data = text.startsWith('\ufeff') ? text.slice(1) : text;
  let line = 0;
  const firstNewline = data.indexOf('\n');
  const first = firstNewline < 0 ? data : data.slice(0, firstNewline);
  if (first.startsWith('#!')) {
    data = firstNewline < 0 ? '' : data.slice(firstNewline + 1);
    line = 1;
  }
  const parser = new DirectiveParser();
  parser.line = line;
  // bufio.Scanner's ScanLines drops a trailing \r.
  for (const raw of data.split('\n')) {
    if (parser.done) break;
    const d = parser.parseLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (d && 'error' in d) break;
    if (d && d.name === key) {
      return { value: key === 'syntax' ? (d.value.split(' ')[0] as string) : d.value, line: d.line };
    }
  }
  return undefined;
}

// Line helpers ----------------------------------------------------------------------------

function trimNewline(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '\n' || s[end - 1] === '\r')) end--;
  return s.slice(0, end);
}

function isComment(line: string): boolean {
  return goTrimLeftSpace(line).startsWith('#');
}

function trimLeadingTabs(s: string): string {
  let i = 0;
  while (s[i] === '\t') i++;
  return s.slice(i);
}

// Arguments -------------------------------------------------------------------------------

interface ParserState {
  escape: '\\' | '`';
  directives: DirectiveParser;
}

/** BuildKit's lineContinuationRegex: a trailing escape character not itself escaped. */
function trimContinuation(line: string, escape: string): { line: string; end: boolean } {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end > 0 && line[end - 1] === escape && (end === 1 || line[end - 2] !== escape)) {
    return { line: line.slice(0, end - 1), end: false };
  }
  return { line, end: true };
}

/** split_command.go extractBuilderFlags: leading `--flag` words. */
function extractBuilderFlags(line: string, escape: string): { rest: string; flags: string[] } {
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let quote = '';
  let blankOK = false;
  for (let pos = 0; pos <= line.length; pos++) {
    let ch = pos < line.length ? (line[pos] as string) : '';
    if (phase === 'spaces') {
      if (pos === line.length) break;
      if (isGoSpace(ch)) continue;
      if (ch !== '-' || pos + 1 === line.length || line[pos + 1] !== '-') {
        return { rest: line.slice(pos), flags: words };
      }
      phase = 'word';
    }
    if (pos === line.length) {
      if (word !== '--' && (blankOK || word.length > 0)) words.push(word);
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (word === '--') return { rest: line.slice(pos), flags: words };
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      if (ch === escape) {
        if (pos + 1 === line.length) continue;
        pos++;
        ch = line[pos] as string;
      }
      word += ch;
      continue;
    }
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === escape) {
      if (pos + 1 === line.length) {
        phase = 'word';
        continue;
      }
      pos++;
      ch = line[pos] as string;
    }
    word += ch;
  }
  return { rest: '', flags: words };
}

function splitCommand(line: string, escape: string): { cmd: string; flags: string[]; args: string } {
  const parts = splitReWhitespace(goTrimSpace(line), 2);
  const cmd = parts[0] ?? '';
  if (parts.length < 2) return { cmd, flags: [], args: '' };
  const { rest, flags } = extractBuilderFlags(parts[1] ?? '', escape);
  return { cmd, flags, args: goTrimSpace(rest) };
}

/** line_parsers.go parseWords: words with quotes and escapes kept (ENV, LABEL, ARG). */
export function parseWords(rest: string, escape: string): string[] {
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOK = false;
  let word = '';
  for (let pos = 0; pos <= rest.length; pos++) {
    let ch = pos < rest.length ? (rest[pos] as string) : '';
    if (phase === 'spaces') {
      if (pos === rest.length) break;
      if (isGoSpace(ch)) continue;
      phase = 'word';
    }
    if (pos === rest.length) {
      if (blankOK || word.length > 0) words.push(word);
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escape) {
        if (pos + 1 === rest.length) continue;
        word += ch;
        pos++;
        ch = rest[pos] as string;
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (pos + 1 === rest.length) {
        phase = 'word';
        continue;
      }
      pos++;
      word += ch;
      ch = rest[pos] as string;
    }
    word += ch;
  }
  return words;
}

interface Parsed {
  next: string[];
  json?: boolean;
  child?: DockerfileNode;
}

const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';

/** parseJSON: a JSON array of strings, or why not (only the string-array error is fatal). */
function parseJSON(rest: string): { ok: true; values: string[] } | { ok: false; fatal: boolean } {
  const trimmed = goTrimLeftSpace(rest);
  if (!trimmed.startsWith('[')) return { ok: false, fatal: false };
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    return { ok: false, fatal: false };
  }
  if (!Array.isArray(data)) return { ok: false, fatal: false };
  // Go's decoder rejects numbers that overflow float64 (and then the line is shell form).
  if (data.some((v) => typeof v === 'number' && !Number.isFinite(v))) return { ok: false, fatal: false };
  const values: string[] = [];
  for (const v of data) {
    if (typeof v !== 'string') return { ok: false, fatal: true };
    values.push(v);
  }
  return { ok: true, values };
}

function parseMaybeJSON(rest: string): Parsed {
  if (rest === '') return { next: [] };
  const j = parseJSON(rest);
  if (j.ok) return { next: j.values, json: true };
  if (j.fatal) throw new NodeError(NOT_STRING_ARRAY);
  return { next: [rest] };
}

function parseStringsWhitespaceDelimited(rest: string): Parsed {
  if (rest === '') return { next: [] };
  return { next: splitReWhitespace(rest, -1) };
}

function parseMaybeJSONToList(rest: string): Parsed {
  const j = parseJSON(rest);
  if (j.ok) return { next: j.values, json: true };
  if (j.fatal) throw new NodeError(NOT_STRING_ARRAY);
  return parseStringsWhitespaceDelimited(rest);
}

function parseNameVal(rest: string, key: string, escape: string): Parsed {
  const words = parseWords(rest, escape);
  if (words.length === 0) return { next: [] };
  if (!(words[0] as string).includes('=')) {
    const parts = splitReWhitespace(rest, 2);
    if (parts.length < 2) throw new NodeError(`${key} must have two arguments`);
    return { next: [parts[0] as string, parts[1] as string, ''] };
  }
  const next: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) throw new NodeError(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
    next.push(word.slice(0, eq), word.slice(eq + 1), '=');
  }
  return { next };
}

function parseHealthConfig(rest: string): Parsed {
  let sep = 0;
  while (sep < rest.length && !isGoSpace(rest[sep])) sep++;
  let nextPos = sep;
  while (nextPos < rest.length && isGoSpace(rest[nextPos])) nextPos++;
  if (sep === 0) return { next: [] };
  const cmd = parseMaybeJSON(rest.slice(nextPos));
  return { next: [rest.slice(0, sep), ...cmd.next], json: cmd.json };
}

/** An error BuildKit raises while building one node (located at the instruction's lines). */
class NodeError extends Error {}

function dispatchArgs(cmd: string, args: string, state: ParserState): Parsed {
  switch (cmd.toLowerCase()) {
    case 'add':
    case 'copy':
    case 'volume':
      return parseMaybeJSONToList(args);
    case 'arg':
      return { next: parseWords(args, state.escape) };
    case 'cmd':
    case 'entrypoint':
    case 'run':
    case 'shell':
      return parseMaybeJSON(args);
    case 'env':
      return parseNameVal(args, 'ENV', state.escape);
    case 'label':
      return parseNameVal(args, 'LABEL', state.escape);
    case 'expose':
    case 'from':
      return parseStringsWhitespaceDelimited(args);
    case 'healthcheck':
      return parseHealthConfig(args);
    case 'maintainer':
    case 'stopsignal':
    case 'user':
    case 'workdir':
      return { next: args === '' ? [] : [args] };
    case 'onbuild': {
      if (args === '') return { next: [] };
      return { next: [], child: newNodeFromLine(args, state, []) };
    }
    default:
      // BuildKit keeps unknown instructions with one empty argument; typing rejects them.
      return { next: [''] };
  }
}

function newNodeFromLine(line: string, state: ParserState, comments: string[]): DockerfileNode {
  const { cmd, flags, args } = splitCommand(line, state.escape);
  const parsed = dispatchArgs(cmd, args, state);
  const node: DockerfileNode = {
    value: cmd,
    next: parsed.next,
    flags,
    json: parsed.json ?? false,
    heredocs: [],
    original: line,
    startLine: 0,
    endLine: 0,
    prevComment: comments,
  };
  if (parsed.child) node.child = parsed.child;
  return node;
}

function canContainHeredoc(node: DockerfileNode): boolean {
  const target = node.value.toLowerCase() === 'onbuild' && node.child ? node.child : node;
  return HEREDOC_INSTRUCTIONS.has(target.value.toLowerCase()) && !target.json;
}

// Heredocs --------------------------------------------------------------------------------

const HEREDOC_RE = /^(\d*)<<(-?)\s*([^<]*)$/;

function quoteCount(s: string): number {
  let n = 0;
  for (const c of s) if (c === "'" || c === '"') n++;
  return n;
}

/**
 * parser.ParseHeredoc: `<<EOF`, `<<-EOF`, `<<'EOF'`, `3<<EOF` -> the heredoc it announces,
 * undefined when the word is not one, or an error text for a broken delimiter (`<<'EOF`).
 */
export function parseHeredocWord(word: string): Omit<Heredoc, 'content'> | undefined | { error: string } {
  const m = HEREDOC_RE.exec(word);
  if (!m) return undefined;
  const rest = m[3] ?? '';
  if (rest.length === 0) return undefined;
  const cooked = processWord(rest, EMPTY_ENV, { skipUnsetEnv: true });
  if (!cooked.ok) return { error: cooked.error };
  if (cooked.words.length !== 1) return undefined;
  const raw = processWord(rest, EMPTY_ENV, { skipUnsetEnv: true, rawQuotes: true });
  if (!raw.ok) return { error: raw.error };
  if (raw.words.length !== cooked.words.length) {
    return { error: `internal lexing of heredoc produced inconsistent results: ${rest}` };
  }
  const name = cooked.words[0] as string;
  return {
    name,
    fileDescriptor: m[1] ? Number(m[1]) : 0,
    expand: quoteCount(name) === quoteCount(raw.words[0] as string),
    chomp: m[2] === '-',
  };
}

function heredocsFromLine(line: string): Omit<Heredoc, 'content'>[] | { error: string } {
  const lexed = processWord(line, EMPTY_ENV, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  const words = lexed.ok ? lexed.words : [];
  const docs: Omit<Heredoc, 'content'>[] = [];
  for (const word of words) {
    const h = parseHeredocWord(word);
    if (h === undefined) continue;
    if ('error' in h) return h;
    docs.push(h);
  }
  return docs;
}

/** parser.ChompHeredocContent: strips leading tabs from every line. */
export function chompHeredocContent(src: string): string {
  return src.replace(/^\t+/gm, '');
}

// The parser ------------------------------------------------------------------------------

function checkLimits(text: string): DockerfileError | undefined {
  const bytes = utf8Length(text);
  if (bytes > DOCKERFILE_LIMITS.maxBytes) {
    return dockerfileError(
      'limit',
      `Dockerfile is too large: ${bytes} bytes (Baleia accepts up to ${DOCKERFILE_LIMITS.maxBytes} bytes)`,
    );
  }
  // Real Dockerfiles never contain control characters other than tab, newline, CR, VT and FF;
  // BuildKit would parse binary junk as unknown instructions, Baleia calls it what it is.
  const ctl = /[\u0000-\u0008\u000e-\u001f\u007f]/.exec(text);
  if (ctl) {
    const line = text.slice(0, ctl.index).split('\n').length;
    const code = (ctl[0] as string).charCodeAt(0).toString(16).padStart(2, '0');
    return dockerfileError('limit', `Dockerfile is not a text file: it contains the control character 0x${code} on line ${line}`, line);
  }
  let lineNo = 1;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    // Cheap pre-check in UTF-16 units before counting bytes.
    if (end - start > DOCKERFILE_LIMITS.maxLineBytes / 3 && utf8Length(text.slice(start, end)) > DOCKERFILE_LIMITS.maxLineBytes) {
      return dockerfileError('parse', `dockerfile line greater than max allowed size of ${DOCKERFILE_LIMITS.maxLineBytes}`, lineNo);
    }
    if (nl < 0) break;
    start = nl + 1;
    lineNo++;
    if (lineNo > DOCKERFILE_LIMITS.maxLines) {
      return dockerfileError('limit', `Dockerfile has too many lines (Baleia accepts up to ${DOCKERFILE_LIMITS.maxLines})`);
    }
  }
  return undefined;
}

/**
 * Parses a Dockerfile the way BuildKit's parser does. Returns the nodes, or the error
 * BuildKit would stop at (`the Dockerfile cannot be empty`, `file with no instructions`,
 * `unterminated heredoc`, ...). Instruction names are not checked here: typing does that.
 */
export function parseDockerfile(text: string): ParsedDockerfile | DockerfileError {
  if (text.length === 0) return dockerfileError('empty', 'the Dockerfile cannot be empty');
  const limited = checkLimits(text);
  if (limited) return limited;
  try {
    return parseText(text);
  } catch (e) {
    if (e instanceof ParseFailure) return e.error;
    throw e;
  }
}

function parseText(text: string): ParsedDockerfile {
  // Lines keep their newline: heredoc content is copied byte for byte.
  const lines: string[] = [];
  {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) {
        if (start < text.length) lines.push(text.slice(start));
        break;
      }
      lines.push(text.slice(start, nl + 1));
      start = nl + 1;
    }
  }
  const state: ParserState = { escape: '\\', directives: new DirectiveParser() };
  const directives: Directive[] = [];
  const nodes: DockerfileNode[] = [];
  const warnings: ParseWarning[] = [];
  let comments: string[] = [];
  let currentLine = 0;
  let heredocCount = 0;
  let i = 0;

  const processLine = (raw: string, stripLeft: boolean): { line: string; directive: boolean } => {
    let token = trimNewline(raw);
    if (stripLeft) token = goTrimLeftSpace(token);
    const d = state.directives.parseLine(token);
    if (d && 'error' in d) fail(d.error, currentLine, 0);
    if (d) {
      if (d.name === 'escape') {
        if (d.value !== '`' && d.value !== '\\') {
          fail(`invalid escape token '${d.value}' does not match \` or \\`, currentLine, 0);
        }
        state.escape = d.value;
      }
      directives.push(d);
    }
    return { line: isComment(token) ? '' : token, directive: d !== undefined };
  };

  while (i < lines.length) {
    let raw = lines[i++] as string;
    if (currentLine === 0 && raw.startsWith('\ufeff')) raw = raw.slice(1);
    if (isComment(raw)) {
      const comment = goTrimSpace(raw.slice(1));
      if (comment === '') comments = [];
      else comments.push(comment);
    }
    const first = processLine(raw, true);
    if (first.directive) comments.pop();
    currentLine++;
    const startLine = currentLine;
    let cont = trimContinuation(first.line, state.escape);
    if (cont.end && cont.line.length === 0) continue;
    let buf = cont.line;
    let hasEmptyContinuation = false;
    while (!cont.end && i < lines.length) {
      const rawNext = lines[i++] as string;
      const processed = processLine(rawNext, false);
      currentLine++;
      if (isComment(rawNext)) continue;
      if (goTrimLeftSpace(trimNewline(processed.line)).length === 0) {
        hasEmptyContinuation = true;
        continue;
      }
      cont = trimContinuation(processed.line, state.escape);
      buf += cont.line;
    }
    const line = buf;
    if (hasEmptyContinuation) warnings.push({ short: `Empty continuation line found in: ${line}`, line: currentLine });

    let child: DockerfileNode;
    try {
      child = newNodeFromLine(line, state, comments);
    } catch (e) {
      if (e instanceof NodeError) fail(e.message, startLine, currentLine);
      throw e;
    }
    if (canContainHeredoc(child) && line.includes('<<')) {
      const heredocs = heredocsFromLine(line);
      if ('error' in heredocs) fail(heredocs.error, startLine, currentLine);
      for (const h of heredocs) {
        if (++heredocCount > DOCKERFILE_LIMITS.maxHeredocs) {
          throw new ParseFailure(dockerfileError(
            'limit',
            `Dockerfile has too many heredocs (Baleia accepts up to ${DOCKERFILE_LIMITS.maxHeredocs})`,
            startLine,
            currentLine,
          ));
        }
        let terminated = false;
        const parts: string[] = [];
        while (i < lines.length) {
          const b = lines[i++] as string;
          currentLine++;
          let possible = trimNewline(b);
          if (h.chomp) possible = trimLeadingTabs(possible);
          if (possible === h.name) {
            terminated = true;
            break;
          }
          parts.push(b);
        }
        if (!terminated) fail('unterminated heredoc', startLine, currentLine);
        child.heredocs.push({ ...h, content: parts.join('') });
      }
    }
    child.startLine = startLine;
    child.endLine = currentLine;
    nodes.push(child);
    comments = [];
    if (nodes.length > DOCKERFILE_LIMITS.maxInstructions) {
      throw new ParseFailure(dockerfileError(
        'limit',
        `Dockerfile has too many instructions (Baleia accepts up to ${DOCKERFILE_LIMITS.maxInstructions})`,
        startLine,
        currentLine,
      ));
    }
  }

  if (nodes.length === 0) {
    throw new ParseFailure(dockerfileError('parse', 'file with no instructions', currentLine, 0));
  }
  const result: ParsedDockerfile = {
    kind: 'parsed-dockerfile',
    text,
    nodes,
    directives,
    escapeToken: state.escape,
    warnings,
  };
  const syntax = detectDirective(text, 'syntax');
  if (syntax) result.syntax = syntax.value;
  const check = detectDirective(text, 'check');
  if (check) result.check = check;
  return result;
}

// Dump ------------------------------------------------------------------------------------

function dumpNode(node: DockerfileNode): string {
  let str = node.value.toLowerCase();
  if (node.flags.length > 0) str += ' [' + node.flags.map(goQuote).join(' ') + ']';
  if (node.child) str += ' (' + dumpNode(node.child) + ')';
  for (const arg of node.next) str += ' ' + goQuote(arg);
  return str.trim();
}

/**
 * The nodes in the s-expression form of BuildKit's `Node.Dump()`, one instruction per line
 * (`(from "alpine")`, `(copy ["--from=build"] "/out" "/app")`). With `heredocs`, each
 * heredoc follows its instruction on an indented line (a Baleia addition: BuildKit's dump
 * does not show them).
 */
export function dumpNodes(parsed: ParsedDockerfile, opts: { heredocs?: boolean } = {}): string {
  let out = '';
  for (const node of parsed.nodes) {
    out += '(' + dumpNode(node) + ')\n';
    if (opts.heredocs) {
      for (const h of node.heredocs) {
        const attrs = [h.chomp ? 'chomp' : '', h.expand ? '' : 'noexpand', h.fileDescriptor ? `fd=${h.fileDescriptor}` : '']
          .filter(Boolean)
          .join(' ');
        out += `  (heredoc ${goQuote(h.name)}${attrs ? ' ' + attrs : ''} ${goQuote(h.content)})\n`;
      }
    }
  }
  return out;
}
