// Variable substitution and word splitting as BuildKit's frontend/dockerfile/shell/lex.go
// does them: `$VAR`, `${VAR}`, `${VAR:-x}`, `${VAR-x}`, `${VAR:+x}`, `${VAR+x}`,
// `${VAR:?msg}`, `${VAR?msg}`, `${VAR#p}`, `${VAR##p}`, `${VAR%p}`, `${VAR%%p}`,
// `${VAR/p/r}`, `${VAR//p/r}`, quotes and the escape character. Differences from BuildKit are
// deliberate bounds: nesting depth and pattern size (limits.ts), and a linear-time matcher for
// patterns instead of Go's regexp (same results for the `*` and `?` wildcards BuildKit allows).
import { DOCKERFILE_LIMITS } from './limits';
import { goQuote, isGoSpace } from './go-compat';

/** The variables an expansion can see, in definition order. */
export interface EnvGetter {
  get(key: string): string | undefined;
  keys(): string[];
}

/** An ordered environment (BuildKit's llb.EnvList): replacing a key keeps its position. */
export class EnvList implements EnvGetter {
  private readonly map = new Map<string, string>();
  /** Bumped on every change, so callers can cache views of the list. */
  version = 0;

  constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [k, v] of entries) this.map.set(k, v);
  }

  static fromKeyValues(list: readonly string[]): EnvList {
    const env = new EnvList();
    for (const kv of list) {
      const eq = kv.indexOf('=');
      if (eq < 0) env.set(kv, '');
      else env.set(kv.slice(0, eq), kv.slice(eq + 1));
    }
    return env;
  }

  get(key: string): string | undefined {
    return this.map.get(key);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: string): this {
    this.map.set(key, value);
    this.version++;
    return this;
  }

  keys(): string[] {
    return [...this.map.keys()];
  }

  entries(): [string, string][] {
    return [...this.map.entries()];
  }

  clone(): EnvList {
    return new EnvList(this.map);
  }

  toKeyValues(): string[] {
    return this.entries().map(([k, v]) => `${k}=${v}`);
  }
}

export const EMPTY_ENV: EnvGetter = { get: () => undefined, keys: () => [] };

export interface LexOptions {
  /** The Dockerfile's escape character (`\` or a backtick). */
  escapeToken?: string;
  /** Keep quote characters in the output. */
  rawQuotes?: boolean;
  /** Keep escape characters in the output. */
  rawEscapes?: boolean;
  /** Treat quotes as ordinary characters. */
  skipProcessQuotes?: boolean;
  /** Leave `$VAR` untouched when VAR is not set, instead of replacing it with ''. */
  skipUnsetEnv?: boolean;
}

export interface LexResult {
  ok: true;
  /** The expanded word (ProcessWord). */
  result: string;
  /** The expanded text split into words (ProcessWords). */
  words: string[];
  matched: Set<string>;
  unmatched: Set<string>;
}

export interface LexFailure {
  ok: false;
  /** `failed to process "<word>": <reason>`, as BuildKit words it. */
  error: string;
}

class LexError extends Error {}

function tooLong(): LexError {
  return new LexError(`expanded value is longer than ${DOCKERFILE_LIMITS.maxExpandedLength} characters`);
}

const EOF = undefined;
type Ch = string | undefined;

const UNICODE_DIGIT = /^\p{Nd}$/u;
const UNICODE_LETTER = /^\p{L}$/u;

function isDigit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 48 && c <= 57;
  return UNICODE_DIGIT.test(ch);
}

function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return UNICODE_LETTER.test(ch);
}

function isSpecialParam(ch: string): boolean {
  return '@*#?-$!0'.includes(ch);
}

interface WordsBuffer {
  s: string;
}

/** BuildKit's wordsStruct; the buffer is shared between nested calls, exactly as in Go. */
class Words {
  words: string[] = [];
  inWord = false;

  constructor(private readonly buf: WordsBuffer) {}

  addChar(ch: string): void {
    if (isGoSpace(ch) && this.inWord) {
      if (this.buf.s.length !== 0) {
        this.words.push(this.buf.s);
        this.buf.s = '';
        this.inWord = false;
      }
    } else if (!isGoSpace(ch)) {
      this.addRawChar(ch);
    }
  }

  addRawChar(ch: string): void {
    this.buf.s += ch;
    this.inWord = true;
  }

  addString(str: string): void {
    for (let i = 0; i < str.length; i++) this.addChar(str[i] as string);
  }

  addRawString(str: string): void {
    this.buf.s += str;
    this.inWord = true;
  }

  getWords(): string[] {
    if (this.buf.s.length > 0) {
      this.words.push(this.buf.s);
      this.buf.s = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class ShellWord {
  private pos = 0;
  private depth = 0;
  private readonly wordsBuffer: WordsBuffer = { s: '' };
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  private rawEscapes: boolean;
  private readonly escape: string;

  constructor(
    private readonly src: string,
    private readonly env: EnvGetter,
    private readonly opts: LexOptions,
  ) {
    this.rawEscapes = opts.rawEscapes ?? false;
    this.escape = opts.escapeToken ?? '\\';
  }

  private peek(): Ch {
    return this.src[this.pos];
  }

  private next(): Ch {
    const ch = this.src[this.pos];
    if (ch !== EOF) this.pos++;
    return ch;
  }

  run(): { result: string; words: string[] } {
    return this.processStopOn(EOF, this.rawEscapes);
  }

  private processStopOn(stopChar: Ch, rawEscapes: boolean): { result: string; words: string[] } {
    if (++this.depth > DOCKERFILE_LIMITS.maxExpansionDepth) {
      throw new LexError(`variable substitutions nested more than ${DOCKERFILE_LIMITS.maxExpansionDepth} levels deep`);
    }
    let result = '';
    this.wordsBuffer.s = '';
    const words = new Words(this.wordsBuffer);
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      while (this.peek() !== EOF) {
        let ch = this.peek() as string;
        if (stopChar !== EOF && ch === stopChar) {
          this.next();
          return { result, words: words.getWords() };
        }
        const special =
          ch === '$' || ch === '<' || (!this.opts.skipProcessQuotes && (ch === "'" || ch === '"'));
        if (special) {
          let tmp: string;
          if (ch === '$') tmp = this.processDollar();
          else if (ch === '<') tmp = this.processPossibleHeredoc();
          else if (ch === "'") tmp = this.processSingleQuote();
          else tmp = this.processDoubleQuote();
          result += tmp;
          if (result.length > DOCKERFILE_LIMITS.maxExpandedLength) throw tooLong();
          if (ch === '$') words.addString(tmp);
          else words.addRawString(tmp);
          continue;
        }
        ch = this.next() as string;
        if (ch === this.escape) {
          if (this.rawEscapes) {
            words.addRawChar(ch);
            result += ch;
          }
          const escaped = this.next();
          if (escaped === EOF) break;
          ch = escaped;
          words.addRawChar(ch);
        } else {
          words.addChar(ch);
        }
        result += ch;
      }
      if (stopChar !== EOF) {
        throw new LexError(`unexpected end of statement while looking for matching ${stopChar}`);
      }
      return { result, words: words.getWords() };
    } finally {
      this.rawEscapes = saved;
      this.depth--;
    }
  }

  private processSingleQuote(): string {
    let result = '';
    const open = this.next() as string;
    if (this.opts.rawQuotes) result += open;
    for (;;) {
      const ch = this.next();
      if (ch === EOF) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.opts.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    const open = this.next() as string;
    if (this.opts.rawQuotes) result += open;
    for (;;) {
      const p = this.peek();
      if (p === EOF) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        this.next();
        if (this.opts.rawQuotes) result += '"';
        return result;
      }
      if (p === '$') {
        result += this.processDollar();
        if (result.length > DOCKERFILE_LIMITS.maxExpandedLength) throw tooLong();
        continue;
      }
      let ch = this.next() as string;
      if (ch === this.escape) {
        if (this.rawEscapes) result += ch;
        const after = this.peek();
        if (after === EOF) continue;
        if (after === '"' || after === '$' || after === this.escape) ch = this.next() as string;
      }
      result += ch;
    }
  }

  private getEnv(name: string): string | undefined {
    const v = this.env.get(name);
    if (v !== undefined) this.matched.add(name);
    else this.unmatched.add(name);
    return v;
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek() as string;
      if (name === '' && isDigit(ch)) {
        while (this.peek() !== EOF && isDigit(this.peek() as string)) name += this.next();
        return name;
      }
      if (name === '' && isSpecialParam(ch)) {
        this.next();
        return ch;
      }
      if (!isLetter(ch) && !isDigit(ch) && ch !== '_') break;
      name += this.next();
    }
    return name;
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.getEnv(name);
      if (value === undefined && this.opts.skipUnsetEnv) return '$' + name;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw new LexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    // Go's string(rune(EOF)) is the replacement character.
    let chs = ch ?? '\ufffd';
    let nullIsUnset = false;
    if (ch === '}') {
      const value = this.getEnv(name);
      if (value === undefined && this.opts.skipUnsetEnv) return '${' + name + '}';
      return value ?? '';
    }
    if (ch === ':') {
      nullIsUnset = true;
      ch = this.next();
      chs += ch ?? '\ufffd';
    }
    if (nullIsUnset || ch === '+' || ch === '-' || ch === '?' || ch === '#' || ch === '%') {
      const rawEscapes = ch === '#' || ch === '%';
      if (nullIsUnset && rawEscapes) throw new LexError(`unsupported modifier (${chs}) in substitution`);
      let word: string;
      try {
        word = this.processStopOn('}', rawEscapes).result;
      } catch (e) {
        if (e instanceof LexError && this.peek() === EOF && !e.message.startsWith('variable substitutions nested')) {
          throw new LexError("syntax error: missing '}'");
        }
        throw e;
      }
      const value = this.getEnv(name);
      const set = value !== undefined;
      if (this.opts.skipUnsetEnv && !set) return '${' + name + chs + word + '}';
      const v = value ?? '';
      switch (ch) {
        case '-':
          return !set || (nullIsUnset && v === '') ? word : v;
        case '+':
          return !set || (nullIsUnset && v === '') ? '' : word;
        case '?':
          if (!set) throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
          if (nullIsUnset && v === '') throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
          return v;
        case '%':
        case '#': {
          let pattern = word;
          let greedy = false;
          if (pattern.length > 0 && pattern[0] === ch) {
            greedy = true;
            pattern = pattern.slice(1);
          }
          return ch === '%' ? trimSuffix(pattern, v, greedy) : trimPrefix(pattern, v, greedy);
        }
        default:
          throw new LexError(`unsupported modifier (${chs}) in substitution`);
      }
    }
    if (ch === '/') {
      const replaceAll = this.peek() === '/';
      if (replaceAll) this.next();
      let pattern: string;
      try {
        pattern = this.processStopOn('/', true).result;
      } catch (e) {
        if (e instanceof LexError && this.peek() === EOF && !e.message.startsWith('variable substitutions nested')) {
          throw new LexError("syntax error: missing '/' in ${}");
        }
        throw e;
      }
      let replacement: string;
      try {
        replacement = this.processStopOn('}', true).result;
      } catch (e) {
        if (e instanceof LexError && this.peek() === EOF && !e.message.startsWith('variable substitutions nested')) {
          throw new LexError("syntax error: missing '}'");
        }
        throw e;
      }
      const value = this.getEnv(name);
      if (this.opts.skipUnsetEnv && value === undefined) return '${' + name + '/' + pattern + '/' + replacement + '}';
      const tokens = compilePattern(pattern);
      if (typeof tokens === 'string') throw new LexError(`invalid pattern (${pattern}) in substitution: ${tokens}`);
      return replaceAll
        ? replaceAllMatches(tokens, value ?? '', replacement)
        : replaceFirstMatch(tokens, value ?? '', replacement);
    }
    throw new LexError(`unsupported modifier (${chs}) in substitution`);
  }

  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let space = '';
    let c = this.peek();
    while (c === '\t' || c === '\r' || c === ' ') {
      space += c;
      this.next();
      c = this.peek();
    }
    return '<<' + space;
  }
}

function run(word: string, env: EnvGetter, opts: LexOptions): LexResult | LexFailure {
  const sw = new ShellWord(word, env, opts);
  try {
    const { result, words } = sw.run();
    return { ok: true, result, words, matched: sw.matched, unmatched: sw.unmatched };
  } catch (e) {
    if (e instanceof LexError) return { ok: false, error: `failed to process ${goQuote(word)}: ${e.message}` };
    throw e;
  }
}

/**
 * Expands variables in one word (BuildKit's ProcessWordWithMatches / ProcessWord /
 * ProcessWords share this): `result` is the expanded text, `words` the same split on
 * unquoted whitespace, `matched`/`unmatched` the variable names found set/unset.
 */
export function processWord(word: string, env: EnvGetter, opts: LexOptions = {}): LexResult | LexFailure {
  return run(word, env, opts);
}

// Shell patterns (`*` and `?`) ---------------------------------------------------------------

type PatternToken = { t: 'lit'; c: string } | { t: 'any' } | { t: 'star' };

/** BuildKit's convertShellPatternToRegex, as tokens; a string is an error. */
function compilePattern(pattern: string): PatternToken[] | string {
  const out: PatternToken[] = [];
  let wildcards = 0;
  if (pattern.length > DOCKERFILE_LIMITS.maxPatternLength) {
    return `longer than ${DOCKERFILE_LIMITS.maxPatternLength} characters`;
  }
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' || c === '?') {
      if (++wildcards > DOCKERFILE_LIMITS.maxPatternWildcards) {
        return `more than ${DOCKERFILE_LIMITS.maxPatternWildcards} wildcards`;
      }
      out.push(c === '*' ? { t: 'star' } : { t: 'any' });
      continue;
    }
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === '}' || n === '/') continue;
      if (n !== '*' && n !== '?' && n !== '\\') return `invalid escape '\\${n ?? '\ufffd'}'`;
      out.push({ t: 'lit', c: n });
      i++;
      continue;
    }
    out.push({ t: 'lit', c });
  }
  return out;
}

function accepts(tok: PatternToken, ch: string): boolean {
  if (tok.t === 'lit') return tok.c === ch;
  // Go's `.` does not match a newline.
  return ch !== '\n';
}

/**
 * A Thompson NFA over the pattern tokens: state i means "tokens before i matched". Each state
 * keeps the earliest start position that reaches it (-1 = unreachable), which is all a
 * leftmost match needs, so matching stays linear in the value's length.
 */
class PatternNfa {
  private startOf: Int32Array;
  private nextStartOf: Int32Array;
  private active: Int32Array;
  private nextActive: Int32Array;
  private count = 0;
  private nextCount = 0;
  private readonly accept: number;

  constructor(private readonly tokens: PatternToken[]) {
    const n = tokens.length + 1;
    this.accept = tokens.length;
    this.startOf = new Int32Array(n).fill(-1);
    this.nextStartOf = new Int32Array(n).fill(-1);
    this.active = new Int32Array(n);
    this.nextActive = new Int32Array(n);
  }

  /** Adds state i reached from `start`, following `*` tokens that may match nothing. */
  private add(startOf: Int32Array, list: Int32Array, count: number, i: number, start: number): number {
    for (;;) {
      const prev = startOf[i] as number;
      if (prev !== -1 && prev <= start) return count;
      if (prev === -1) list[count++] = i;
      startOf[i] = start;
      if (i < this.accept && this.tokens[i]?.t === 'star') {
        i++;
        continue;
      }
      return count;
    }
  }

  seed(start: number): void {
    this.count = this.add(this.startOf, this.active, this.count, 0, start);
  }

  accepted(): number {
    return this.startOf[this.accept] as number;
  }

  alive(): boolean {
    return this.count > 0;
  }

  dropStartsAfter(limit: number): void {
    let kept = 0;
    for (let k = 0; k < this.count; k++) {
      const i = this.active[k] as number;
      if ((this.startOf[i] as number) > limit) this.startOf[i] = -1;
      else this.active[kept++] = i;
    }
    this.count = kept;
  }

  step(ch: string): void {
    this.nextCount = 0;
    for (let k = 0; k < this.count; k++) {
      const i = this.active[k] as number;
      const start = this.startOf[i] as number;
      if (i === this.accept) continue;
      const tok = this.tokens[i] as PatternToken;
      if (!accepts(tok, ch)) continue;
      this.nextCount = this.add(this.nextStartOf, this.nextActive, this.nextCount, tok.t === 'star' ? i : i + 1, start);
    }
    for (let k = 0; k < this.count; k++) this.startOf[this.active[k] as number] = -1;
    [this.startOf, this.nextStartOf] = [this.nextStartOf, this.startOf];
    [this.active, this.nextActive] = [this.nextActive, this.active];
    this.count = this.nextCount;
  }
}

/** Lengths of the shortest and longest prefixes of value the pattern matches. */
function prefixMatch(tokens: PatternToken[], value: string): { shortest: number; longest: number } | undefined {
  const nfa = new PatternNfa(tokens);
  nfa.seed(0);
  let shortest = -1;
  let longest = -1;
  for (let p = 0; ; p++) {
    if (nfa.accepted() !== -1) {
      if (shortest < 0) shortest = p;
      longest = p;
    }
    if (p >= value.length || !nfa.alive()) break;
    nfa.step(value[p] as string);
  }
  return shortest < 0 ? undefined : { shortest, longest };
}

/** Leftmost match starting at or after `from`, longest at that start (greedy wildcards). */
function searchMatch(tokens: PatternToken[], value: string, from: number): [number, number] | undefined {
  const nfa = new PatternNfa(tokens);
  let best: [number, number] | undefined;
  for (let p = from; ; p++) {
    if (!best) nfa.seed(p);
    const acc = nfa.accepted();
    if (acc !== -1 && (!best || acc < best[0] || (acc === best[0] && p > best[1]))) best = [acc, p];
    // Threads that started after the best match cannot change it.
    if (best) nfa.dropStartsAfter(best[0]);
    if (p >= value.length || !nfa.alive()) break;
    nfa.step(value[p] as string);
  }
  return best;
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const tokens = compilePattern(pattern);
  if (typeof tokens === 'string') throw new LexError(`invalid pattern (${pattern}) in substitution: ${tokens}`);
  const m = prefixMatch(tokens, value);
  if (!m) return value;
  return value.slice(greedy ? m.longest : m.shortest);
}

/** Reverses a pattern without reversing its escapes (`a\*c` -> `c\*a`). */
function reversePattern(pattern: string): string {
  const chars = [...pattern];
  const out = new Array<string>(chars.length);
  const last = chars.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = chars[i] as string;
    const o = last - i;
    if (tok === '\\' && i !== last) {
      out[o - 1] = tok;
      out[o] = chars[i + 1] as string;
      i += 2;
    } else {
      out[o] = tok;
      i++;
    }
  }
  return out.join('');
}

function reverseString(s: string): string {
  return [...s].reverse().join('');
}

function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  return reverseString(trimPrefix(reversePattern(pattern), reverseString(value), greedy));
}

function replaceFirstMatch(tokens: PatternToken[], value: string, replacement: string): string {
  const m = searchMatch(tokens, value, 0);
  if (!m) return value;
  return value.slice(0, m[0]) + replacement + value.slice(m[1]);
}

/** Go's regexp template expansion for ReplaceAllString ($$, $0, $name, ${name}). */
function expandTemplate(template: string, match: string): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    const rest = template.slice(i + 1);
    if (rest.startsWith('$')) {
      out += '$';
      i++;
      continue;
    }
    const braced = /^\{([A-Za-z0-9_]+)\}/.exec(rest);
    const plain = /^[A-Za-z0-9_]+/.exec(rest);
    const name = braced ? braced[1] : plain ? plain[0] : undefined;
    if (name === undefined) {
      out += '$';
      continue;
    }
    if (name === '0') out += match;
    i += braced ? braced[0].length : name.length;
  }
  return out;
}

function replaceAllMatches(tokens: PatternToken[], value: string, replacement: string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= value.length) {
    const m = searchMatch(tokens, value, searchPos);
    if (!m) break;
    out += value.slice(lastMatchEnd, m[0]);
    if (m[1] > lastMatchEnd || m[0] === 0) out += expandTemplate(replacement, value.slice(m[0], m[1]));
    lastMatchEnd = m[1];
    if (searchPos + 1 > m[1]) searchPos++;
    else searchPos = m[1];
  }
  return out + value.slice(lastMatchEnd);
}
