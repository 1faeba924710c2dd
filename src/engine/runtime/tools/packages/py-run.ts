// A bounded reader for the Python in first Docker apps: it tokenizes (indentation, f-strings,
// triple quotes), builds statements, and interprets a small subset (assignments, print,
// if/for/while/with/try, functions, classes with methods, decorators, imports). What it
// cannot follow becomes UNKNOWN plus a note. No eval, no exec: the source is parsed here.

export const UNKNOWN: unique symbol = Symbol('py-unknown');

// ---- tokens ----------------------------------------------------------------------------------

export type PyTokType = 'name' | 'num' | 'str' | 'op' | 'newline' | 'indent' | 'dedent' | 'eof';

export interface PyTok {
  t: PyTokType;
  v: string;
  line: number;
  col: number;
  /** String prefix letters (f, r, b, u) for 'str' tokens. */
  prefix?: string;
}

export class PySyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
    readonly kind: 'SyntaxError' | 'IndentationError' = 'SyntaxError',
  ) {
    super(message);
  }
}

const PY_OPS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '<<', '>>',
  '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '@', '=', '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '~'];

function unescape(body: string, raw: boolean): string {
  if (raw) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|N\{[^}]*\}|[0-7]{1,3}|\n|.)/g, (_m, seq: string) => {
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
    if (seq in simple) return simple[seq]!;
    if (seq.startsWith('x') || seq.startsWith('u')) return String.fromCharCode(parseInt(seq.slice(1), 16));
    if (/^[0-7]+$/.test(seq)) return String.fromCharCode(parseInt(seq, 8));
    return `\\${seq}`;
  });
}

export function pyTokenize(src: string, maxTokens = 60_000): PyTok[] {
  const tokens: PyTok[] = [];
  const indents = [0];
  const brackets: Array<{ ch: string; line: number; col: number }> = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let atLineStart = true;
  const push = (tok: PyTok) => {
    tokens.push(tok);
    if (tokens.length > maxTokens) throw new PySyntaxError('source too long to read', line, 1);
  };
  while (i <= src.length) {
    if (atLineStart && brackets.length === 0) {
      let width = 0;
      let j = i;
      while (j < src.length && (src[j] === ' ' || src[j] === '\t')) {
        width += src[j] === '\t' ? 8 - (width % 8) : 1;
        j++;
      }
      const blank = j >= src.length || src[j] === '\n' || src[j] === '#' || src[j] === '\r';
      if (!blank) {
        const current = indents[indents.length - 1]!;
        if (width > current) {
          if (tokens.length > 0 && tokens[tokens.length - 1]!.t !== 'newline') throw new PySyntaxError('unexpected indent', line, 1, 'IndentationError');
          if (tokens.length === 0) throw new PySyntaxError('unexpected indent', line, 1, 'IndentationError');
          const last = tokens[tokens.length - 2];
          if (!last || last.t !== 'op' || last.v !== ':') throw new PySyntaxError('unexpected indent', line, 1, 'IndentationError');
          indents.push(width);
          push({ t: 'indent', v: '', line, col: 1 });
        } else if (width < current) {
          while (indents[indents.length - 1]! > width) {
            indents.pop();
            push({ t: 'dedent', v: '', line, col: 1 });
          }
          if (indents[indents.length - 1] !== width) throw new PySyntaxError('unindent does not match any outer indentation level', line, width + 1, 'IndentationError');
        } else if (tokens.length >= 2 && tokens[tokens.length - 2]!.t === 'op' && tokens[tokens.length - 2]!.v === ':' && tokens[tokens.length - 1]!.t === 'newline') {
          throw new PySyntaxError(`expected an indented block after line ${tokens[tokens.length - 2]!.line}`, line, width + 1, 'IndentationError');
        }
      }
      i = j;
      atLineStart = false;
    }
    if (i >= src.length) break;
    const c = src[i]!;
    if (c === '\n') {
      if (brackets.length === 0 && tokens.length > 0 && tokens[tokens.length - 1]!.t !== 'newline') push({ t: 'newline', v: '', line, col: i - lineStart + 1 });
      i++;
      line++;
      lineStart = i;
      // Inside brackets a new line continues the logical line: indentation means nothing there.
      atLineStart = brackets.length === 0;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      lineStart = i;
      continue;
    }
    const col = i - lineStart + 1;
    const prefixMatch = /^([rRbBuUfF]{1,2})?(['"])/.exec(src.slice(i, i + 4));
    if (prefixMatch && (prefixMatch[1] === undefined || /^(r|b|u|f|rb|br|fr|rf)$/i.test(prefixMatch[1]))) {
      const prefix = (prefixMatch[1] ?? '').toLowerCase();
      const quote = prefixMatch[2]!;
      let j = i + (prefixMatch[1]?.length ?? 0);
      const triple = src.startsWith(quote.repeat(3), j);
      const delim = triple ? quote.repeat(3) : quote;
      j += delim.length;
      const startLine = line;
      let body = '';
      for (;;) {
        if (j >= src.length) {
          throw new PySyntaxError(triple ? `unterminated triple-quoted string literal (detected at line ${line})` : `unterminated string literal (detected at line ${startLine})`, startLine, col);
        }
        if (src.startsWith(delim, j)) {
          j += delim.length;
          break;
        }
        const ch = src[j]!;
        if (ch === '\n') {
          if (!triple) throw new PySyntaxError(`unterminated string literal (detected at line ${startLine})`, startLine, col);
          line++;
          lineStart = j + 1;
        }
        if (ch === '\\' && j + 1 < src.length) {
          body += ch + src[j + 1];
          if (src[j + 1] === '\n') {
            line++;
            lineStart = j + 2;
          }
          j += 2;
          continue;
        }
        body += ch;
        j++;
      }
      const raw = prefix.includes('r');
      push({ t: 'str', v: prefix.includes('f') ? body : unescape(body, raw), line: startLine, col, prefix });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const match = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?[jJ]?|\.\d[\d_]*(?:[eE][+-]?\d+)?)/.exec(src.slice(i, i + 64))!;
      push({ t: 'num', v: match[0], line, col });
      i += match[0].length;
      continue;
    }
    if (/[A-Za-z_\u00C0-\uFFFF]/.test(c)) {
      const match = /^[A-Za-z0-9_\u00C0-\uFFFF]+/.exec(src.slice(i, i + 256))!;
      push({ t: 'name', v: match[0], line, col });
      i += match[0].length;
      continue;
    }
    const op = PY_OPS.find((candidate) => src.startsWith(candidate, i));
    if (!op) throw new PySyntaxError(`invalid character '${c}' (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`, line, col);
    if (op === '(' || op === '[' || op === '{') brackets.push({ ch: op, line, col });
    if (op === ')' || op === ']' || op === '}') {
      const open = brackets.pop();
      const want: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
      if (!open) throw new PySyntaxError(`unmatched '${op}'`, line, col);
      if (open.ch !== want[op]) throw new PySyntaxError(`closing parenthesis '${op}' does not match opening parenthesis '${open.ch}'${open.line !== line ? ` on line ${open.line}` : ''}`, line, col);
    }
    push({ t: 'op', v: op, line, col });
    i += op.length;
  }
  const open = brackets.pop();
  if (open) throw new PySyntaxError(`'${open.ch}' was never closed`, open.line, open.col);
  if (tokens.length > 0 && tokens[tokens.length - 1]!.t !== 'newline') push({ t: 'newline', v: '', line, col: 1 });
  while (indents.length > 1) {
    indents.pop();
    push({ t: 'dedent', v: '', line, col: 1 });
  }
  push({ t: 'eof', v: '', line, col: 1 });
  return tokens;
}

// ---- expressions --------------------------------------------------------------------------------

export type PyExpr =
  | { k: 'const'; v: PyValue }
  | { k: 'fstr'; parts: Array<string | { expr: PyExpr; conv?: string; spec: string }> }
  | { k: 'name'; name: string; at: PyTok }
  | { k: 'attr'; obj: PyExpr; name: string; at: PyTok }
  | { k: 'index'; obj: PyExpr; index: PyExpr; at: PyTok }
  | { k: 'slice'; lo?: PyExpr; hi?: PyExpr; step?: PyExpr }
  | { k: 'call'; fn: PyExpr; args: PyExpr[]; kwargs: Array<[string, PyExpr]>; star: PyExpr[]; at: PyTok }
  | { k: 'bin'; op: string; l: PyExpr; r: PyExpr }
  | { k: 'cmp'; ops: string[]; items: PyExpr[] }
  | { k: 'bool'; op: 'and' | 'or'; l: PyExpr; r: PyExpr }
  | { k: 'not'; e: PyExpr }
  | { k: 'neg'; op: string; e: PyExpr }
  | { k: 'ifexp'; test: PyExpr; a: PyExpr; b: PyExpr }
  | { k: 'list' | 'tuple' | 'set'; items: PyExpr[] }
  | { k: 'dict'; items: Array<[PyExpr, PyExpr]> }
  | { k: 'lambda'; params: string[]; body: PyExpr }
  | { k: 'comp'; kind: 'list' | 'set' | 'gen' | 'dict'; elt: PyExpr; value?: PyExpr; clauses: Array<{ target: PyExpr; iter: PyExpr } | { cond: PyExpr }> }
  | { k: 'await'; e: PyExpr }
  | { k: '?' };

export type PyValue =
  | null
  | boolean
  | number
  | string
  | { kind: 'float'; v: number }
  | { kind: 'bytes'; v: string }
  | { kind: 'list'; items: PyValue[] }
  | { kind: 'tuple'; items: PyValue[] }
  | { kind: 'set'; items: PyValue[] }
  | { kind: 'dict'; entries: Array<[PyValue, PyValue]> }
  | PyFunc
  | PyNative
  | PyObject
  | typeof UNKNOWN;

export interface PyFunc {
  kind: 'func';
  name: string;
  params: PyParam[];
  body: PyStmt[];
  closure: PyScope;
  module: PyModuleCtx;
  lambda?: PyExpr;
}

export interface PyParam {
  name: string;
  def?: PyExpr;
  star?: '*' | '**';
}

export interface PyNative {
  kind: 'native';
  name: string;
  call: (args: PyValue[], kwargs: Map<string, PyValue>, at?: PyTok) => PyValue;
  attrs?: Map<string, PyValue>;
}

export interface PyObject {
  kind: 'obj';
  type: string;
  attrs: Map<string, PyValue>;
  /** Unknown attributes read as UNKNOWN (library objects) instead of raising AttributeError. */
  open?: boolean;
  /** For classes: the class body's methods; for instances, the class. */
  cls?: PyObject;
  bases?: PyValue[];
}

class ExprParser {
  p = 0;
  constructor(readonly toks: PyTok[]) {}
  get tok(): PyTok {
    return this.toks[Math.min(this.p, this.toks.length - 1)]!;
  }
  /** The current token's type, read without TypeScript narrowing it across calls. */
  kind(): PyTokType {
    return this.tok.t;
  }
  is(v: string, tok = this.tok): boolean {
    return (tok.t === 'op' || tok.t === 'name') && tok.v === v;
  }
  eat(v: string): boolean {
    if (this.is(v)) {
      this.p++;
      return true;
    }
    return false;
  }
  expect(v: string): void {
    if (!this.eat(v)) throw new PySyntaxError('invalid syntax', this.tok.line, this.tok.col);
  }
  atEnd(): boolean {
    return this.tok.t === 'newline' || this.tok.t === 'eof' || this.is(')') || this.is(']') || this.is('}') || this.is(':') || this.is('=') || this.is(';');
  }

  /** A comma list that becomes a tuple when it has a comma (`a, b = 1, 2`). */
  exprList(): PyExpr {
    const first = this.starTest();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.eat(',')) {
      if (this.atEnd()) break;
      items.push(this.starTest());
    }
    return { k: 'tuple', items };
  }

  /** An item that may be unpacked (`*rest`): its value is not followed. */
  starTest(): PyExpr {
    if (this.eat('*')) {
      this.bitOr();
      return { k: '?' };
    }
    return this.test();
  }

  test(): PyExpr {
    if (this.is('lambda')) {
      this.p++;
      const params: string[] = [];
      while (!this.is(':')) {
        params.push(this.tok.v);
        this.p++;
        this.eat(',');
      }
      this.expect(':');
      return { k: 'lambda', params, body: this.test() };
    }
    const a = this.orTest();
    if (this.is('if')) {
      const save = this.p;
      this.p++;
      const test = this.orTest();
      if (this.eat('else')) return { k: 'ifexp', test, a, b: this.test() };
      this.p = save;
    }
    if (this.is(':=')) {
      this.p++;
      return this.test();
    }
    return a;
  }

  orTest(): PyExpr {
    let left = this.andTest();
    while (this.eat('or')) left = { k: 'bool', op: 'or', l: left, r: this.andTest() };
    return left;
  }
  andTest(): PyExpr {
    let left = this.notTest();
    while (this.eat('and')) left = { k: 'bool', op: 'and', l: left, r: this.notTest() };
    return left;
  }
  notTest(): PyExpr {
    if (this.eat('not')) return { k: 'not', e: this.notTest() };
    return this.comparison();
  }
  comparison(): PyExpr {
    const first = this.bitOr();
    const ops: string[] = [];
    const items = [first];
    for (;;) {
      let op: string | undefined;
      if (this.tok.t === 'op' && ['<', '>', '==', '>=', '<=', '!='].includes(this.tok.v)) op = this.tok.v;
      else if (this.is('in')) op = 'in';
      else if (this.is('not') && this.is('in', this.toks[this.p + 1] ?? this.tok)) op = 'not in';
      else if (this.is('is')) op = this.is('not', this.toks[this.p + 1] ?? this.tok) ? 'is not' : 'is';
      if (!op) break;
      this.p += op.includes(' ') ? 2 : 1;
      ops.push(op);
      items.push(this.bitOr());
    }
    return ops.length === 0 ? first : { k: 'cmp', ops, items };
  }
  binaryLevel(ops: string[], next: () => PyExpr): PyExpr {
    let left = next();
    while (this.tok.t === 'op' && ops.includes(this.tok.v)) {
      const op = this.tok.v;
      this.p++;
      left = { k: 'bin', op, l: left, r: next() };
    }
    return left;
  }
  bitOr(): PyExpr {
    return this.binaryLevel(['|'], () => this.binaryLevel(['^'], () => this.binaryLevel(['&'], () => this.binaryLevel(['<<', '>>'], () => this.arith()))));
  }
  arith(): PyExpr {
    return this.binaryLevel(['+', '-'], () => this.term());
  }
  term(): PyExpr {
    return this.binaryLevel(['*', '/', '//', '%', '@'], () => this.factor());
  }
  factor(): PyExpr {
    if (this.tok.t === 'op' && (this.tok.v === '-' || this.tok.v === '+' || this.tok.v === '~')) {
      const op = this.tok.v;
      this.p++;
      return { k: 'neg', op, e: this.factor() };
    }
    return this.power();
  }
  power(): PyExpr {
    if (this.eat('await')) return { k: 'await', e: this.power() };
    const base = this.trailers(this.atom());
    if (this.eat('**')) return { k: 'bin', op: '**', l: base, r: this.factor() };
    return base;
  }
  trailers(expr: PyExpr): PyExpr {
    for (;;) {
      const at = this.tok;
      if (this.eat('.')) {
        const name = this.tok.v;
        this.p++;
        expr = { k: 'attr', obj: expr, name, at };
      } else if (this.is('(')) {
        this.p++;
        const args: PyExpr[] = [];
        const kwargs: Array<[string, PyExpr]> = [];
        const star: PyExpr[] = [];
        while (!this.is(')')) {
          if (this.eat('**')) star.push(this.test());
          else if (this.eat('*')) star.push(this.test());
          else if (this.tok.t === 'name' && this.is('=', this.toks[this.p + 1] ?? this.tok)) {
            const key = this.tok.v;
            this.p += 2;
            kwargs.push([key, this.test()]);
          } else {
            const arg = this.test();
            if (this.is('for')) args.push(this.comprehension('gen', arg));
            else args.push(arg);
          }
          if (!this.eat(',')) break;
        }
        this.expect(')');
        expr = { k: 'call', fn: expr, args, kwargs, star, at };
      } else if (this.is('[')) {
        this.p++;
        let index: PyExpr;
        const sliceEnd = () => this.is(']') || this.is(',') || this.is(':');
        const lo = sliceEnd() ? undefined : this.starTest();
        if (this.is(':')) {
          this.p++;
          const hi = sliceEnd() ? undefined : this.test();
          let step: PyExpr | undefined;
          if (this.eat(':')) step = this.is(']') || this.is(',') ? undefined : this.test();
          index = { k: 'slice', ...(lo && { lo }), ...(hi && { hi }), ...(step && { step }) };
        } else index = lo ?? { k: '?' };
        while (this.eat(',')) {
          if (this.is(']')) break;
          if (!this.is(':')) this.test();
          while (this.eat(':')) if (!sliceEnd()) this.test();
          index = { k: '?' };
        }
        this.expect(']');
        expr = { k: 'index', obj: expr, index, at };
      } else return expr;
    }
  }
  comprehension(kind: 'list' | 'set' | 'gen' | 'dict', elt: PyExpr, value?: PyExpr): PyExpr {
    const clauses: Array<{ target: PyExpr; iter: PyExpr } | { cond: PyExpr }> = [];
    while (this.is('for') || this.is('if') || (this.is('async') && this.is('for', this.toks[this.p + 1]))) {
      if (this.eat('if')) {
        clauses.push({ cond: this.orTestNoCond() });
        continue;
      }
      this.eat('async');
      this.expect('for');
      const targets: PyExpr[] = [this.bitOr()];
      while (this.eat(',')) targets.push(this.bitOr());
      this.expect('in');
      clauses.push({ target: targets.length === 1 ? targets[0]! : { k: 'tuple', items: targets }, iter: this.orTestNoCond() });
    }
    return { k: 'comp', kind, elt, ...(value && { value }), clauses };
  }

  /** `or_test` without a trailing conditional expression (comprehension clauses). */
  orTestNoCond(): PyExpr {
    return this.orTest();
  }

  atom(): PyExpr {
    const t = this.tok;
    if (t.t === 'num') {
      this.p++;
      const text = t.v.replace(/_/g, '');
      if (/[jJ]$/.test(text)) return { k: '?' };
      const n = /^0[xXoObB]/.test(text) ? Number(text) : Number(text);
      return { k: 'const', v: /[.eE]/.test(text) && !/^0[xX]/.test(text) ? { kind: 'float', v: n } : n };
    }
    if (t.t === 'str') {
      // Adjacent literals concatenate.
      const pieces: PyTok[] = [];
      while (this.tok.t === 'str') pieces.push(this.tok), this.p++;
      if (pieces.every((piece) => !piece.prefix?.includes('f'))) {
        const text = pieces.map((piece) => piece.v).join('');
        return { k: 'const', v: pieces[0]!.prefix?.includes('b') ? { kind: 'bytes', v: text } : text };
      }
      const parts: Array<string | { expr: PyExpr; conv?: string; spec: string }> = [];
      for (const piece of pieces) {
        if (piece.prefix?.includes('f')) parts.push(...parseFString(piece.v, piece.prefix.includes('r'), piece.line));
        else parts.push(piece.v);
      }
      return { k: 'fstr', parts };
    }
    if (t.t === 'name') {
      this.p++;
      if (t.v === 'yield') {
        this.eat('from');
        if (!this.atEnd() && !this.is(',')) this.exprList();
        return { k: '?' };
      }
      if (t.v === 'None') return { k: 'const', v: null };
      if (t.v === 'True') return { k: 'const', v: true };
      if (t.v === 'False') return { k: 'const', v: false };
      return { k: 'name', name: t.v, at: t };
    }
    if (this.eat('(')) {
      if (this.eat(')')) return { k: 'tuple', items: [] };
      const first = this.starTest();
      if (this.is('for')) {
        const comp = this.comprehension('gen', first);
        this.expect(')');
        return comp;
      }
      if (!this.is(',')) {
        this.expect(')');
        return first;
      }
      const items = [first];
      while (this.eat(',')) {
        if (this.is(')')) break;
        items.push(this.starTest());
      }
      this.expect(')');
      return { k: 'tuple', items };
    }
    if (this.eat('[')) {
      const items: PyExpr[] = [];
      while (!this.is(']')) {
        if (this.eat('*')) items.push(this.test());
        else {
          const item = this.test();
          if (this.is('for')) {
            const comp = this.comprehension('list', item);
            this.expect(']');
            return comp;
          }
          items.push(item);
        }
        if (!this.eat(',')) break;
      }
      this.expect(']');
      return { k: 'list', items };
    }
    if (this.eat('{')) {
      const entries: Array<[PyExpr, PyExpr]> = [];
      const items: PyExpr[] = [];
      let isSet = false;
      while (!this.is('}')) {
        if (this.eat('**')) {
          this.bitOr();
          entries.push([{ k: '?' }, { k: '?' }]);
        } else {
          const key = this.starTest();
          if (!isSet && entries.length === 0 && items.length === 0 && this.is('for')) {
            const comp = this.comprehension('set', key);
            this.expect('}');
            return comp;
          }
          if (this.eat(':')) {
            const value = this.test();
            if (this.is('for')) {
              const comp = this.comprehension('dict', key, value);
              this.expect('}');
              return comp;
            }
            entries.push([key, value]);
          } else {
            isSet = true;
            items.push(key);
          }
        }
        if (!this.eat(',')) break;
      }
      this.expect('}');
      return isSet ? { k: 'set', items } : { k: 'dict', items: entries };
    }
    if (this.eat('...')) return { k: 'const', v: null };
    throw new PySyntaxError('invalid syntax', t.line, t.col);
  }
}

/** Splits an f-string body into text and `{expr!conv:spec}` fields. */
function parseFString(body: string, raw: boolean, line: number): Array<string | { expr: PyExpr; conv?: string; spec: string }> {
  const parts: Array<string | { expr: PyExpr; conv?: string; spec: string }> = [];
  let text = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '{' && body[i + 1] === '{') {
      text += '{';
      i += 2;
      continue;
    }
    if (c === '}' && body[i + 1] === '}') {
      text += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    if (text) parts.push(unescape(text, raw));
    text = '';
    let depth = 0;
    let j = i + 1;
    let quote: string | null = null;
    let exprEnd = -1;
    let specStart = -1;
    while (j < body.length) {
      const ch = body[j]!;
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if ((ch === ')' || ch === ']') && depth > 0) depth--;
      else if (ch === '}' && depth > 0) depth--;
      else if (ch === '}' && depth === 0) break;
      else if ((ch === '!' || ch === ':') && depth === 0 && exprEnd === -1 && body[j + 1] !== '=') {
        exprEnd = j;
        if (ch === ':') specStart = j + 1;
      } else if (ch === ':' && depth === 0 && specStart === -1 && exprEnd !== -1) specStart = j + 1;
      j++;
    }
    const inner = body.slice(i + 1, exprEnd === -1 ? j : exprEnd);
    const conv = exprEnd !== -1 && body[exprEnd] === '!' ? body[exprEnd + 1] : undefined;
    const spec = specStart === -1 ? '' : body.slice(specStart, j);
    let expr: PyExpr;
    const selfDoc = inner.trimEnd().endsWith('=');
    try {
      const toks = pyTokenize(selfDoc ? inner.trimEnd().slice(0, -1) : inner);
      expr = new ExprParser(toks.map((tok) => ({ ...tok, line }))).exprList();
    } catch {
      expr = { k: '?' };
    }
    if (selfDoc) parts.push(inner);
    parts.push({ expr, ...(conv !== undefined && { conv }), spec });
    i = j + 1;
  }
  if (text) parts.push(unescape(text, raw));
  return parts;
}

// ---- statements ----------------------------------------------------------------------------------

export type PyStmt =
  | { k: 'expr'; e: PyExpr; line: number }
  | { k: 'assign'; targets: PyExpr[]; value: PyExpr; op?: string; line: number }
  | { k: 'import'; names: Array<{ module: string; as?: string }>; line: number }
  | { k: 'from'; module: string; names: Array<{ name: string; as?: string }>; level: number; line: number }
  | { k: 'def'; name: string; params: PyParam[]; body: PyStmt[]; decorators: PyExpr[]; line: number }
  | { k: 'class'; name: string; bases: PyExpr[]; body: PyStmt[]; decorators: PyExpr[]; line: number }
  | { k: 'if'; branches: Array<{ test: PyExpr | null; body: PyStmt[] }>; line: number }
  | { k: 'for'; target: PyExpr; iter: PyExpr; body: PyStmt[]; line: number }
  | { k: 'while'; test: PyExpr; body: PyStmt[]; line: number }
  | { k: 'with'; items: Array<{ e: PyExpr; as?: PyExpr }>; body: PyStmt[]; line: number }
  | { k: 'try'; body: PyStmt[]; handlers: Array<{ type?: PyExpr; name?: string; body: PyStmt[] }>; final: PyStmt[]; line: number }
  | { k: 'return'; e?: PyExpr; line: number }
  | { k: 'raise'; e?: PyExpr; line: number }
  | { k: 'pass' | 'break' | 'continue'; line: number }
  | { k: 'skip'; line: number };

export class StatementParser {
  p = 0;
  constructor(readonly toks: PyTok[]) {}
  get tok(): PyTok {
    return this.toks[Math.min(this.p, this.toks.length - 1)]!;
  }
  kind(): PyTokType {
    return this.tok.t;
  }
  is(v: string, tok = this.tok): boolean {
    return (tok.t === 'op' || tok.t === 'name') && tok.v === v;
  }

  module(): PyStmt[] {
    const out: PyStmt[] = [];
    while (this.tok.t !== 'eof') {
      if (this.tok.t === 'newline' || this.tok.t === 'dedent') {
        this.p++;
        continue;
      }
      if (this.tok.t === 'indent') throw new PySyntaxError('unexpected indent', this.tok.line, 1, 'IndentationError');
      out.push(...this.statement());
    }
    return out;
  }

  block(): PyStmt[] {
    if (this.kind() !== 'newline') return this.simpleLine();
    this.p++;
    if (this.kind() !== 'indent') throw new PySyntaxError(`expected an indented block`, this.tok.line, this.tok.col, 'IndentationError');
    this.p++;
    const body: PyStmt[] = [];
    while (this.kind() !== 'dedent' && this.kind() !== 'eof') {
      if (this.kind() === 'newline') {
        this.p++;
        continue;
      }
      body.push(...this.statement());
    }
    if (this.kind() === 'dedent') this.p++;
    return body;
  }

  /** The tokens of one logical line up to NEWLINE. */
  lineTokens(): PyTok[] {
    const start = this.p;
    while (this.tok.t !== 'newline' && this.tok.t !== 'eof') this.p++;
    const toks = this.toks.slice(start, this.p);
    if (this.tok.t === 'newline') this.p++;
    return [...toks, { t: 'eof', v: '', line: toks[0]?.line ?? 0, col: 1 }];
  }

  statement(): PyStmt[] {
    const t = this.tok;
    if (this.is('@')) {
      const decorators: PyExpr[] = [];
      while (this.is('@')) {
        this.p++;
        const toks = this.lineTokens();
        decorators.push(new ExprParser(toks).test());
      }
      const [stmt] = this.statement();
      if (stmt && (stmt.k === 'def' || stmt.k === 'class')) stmt.decorators = decorators;
      return stmt ? [stmt] : [];
    }
    if (this.is('async') && (this.is('def', this.toks[this.p + 1]) || this.is('for', this.toks[this.p + 1]) || this.is('with', this.toks[this.p + 1]))) this.p++;
    if (this.is('def')) {
      this.p++;
      const name = this.tok.v;
      this.p++;
      const params = this.params();
      if (this.is('->')) while (!this.is(':')) this.p++;
      this.expectColon();
      return [{ k: 'def', name, params, body: this.block(), decorators: [], line: t.line }];
    }
    if (this.is('class')) {
      this.p++;
      const name = this.tok.v;
      this.p++;
      const bases: PyExpr[] = [];
      if (this.is('(')) {
        const header = this.headerUntilColon();
        const parser = new ExprParser(header);
        parser.expect('(');
        while (!parser.is(')') && parser.tok.t !== 'eof') {
          if (parser.tok.t === 'name' && parser.is('=', parser.toks[parser.p + 1])) parser.p += 2;
          bases.push(parser.test());
          if (!parser.eat(',')) break;
        }
      } else this.expectColon();
      return [{ k: 'class', name, bases, body: this.block(), decorators: [], line: t.line }];
    }
    if (this.is('if')) {
      const branches: Array<{ test: PyExpr | null; body: PyStmt[] }> = [];
      this.p++;
      branches.push({ test: this.headerExpr(), body: this.block() });
      while (this.is('elif')) {
        this.p++;
        branches.push({ test: this.headerExpr(), body: this.block() });
      }
      if (this.is('else')) {
        this.p++;
        this.expectColon();
        branches.push({ test: null, body: this.block() });
      }
      return [{ k: 'if', branches, line: t.line }];
    }
    if (this.is('while')) {
      this.p++;
      const test = this.headerExpr();
      const body = this.block();
      if (this.is('else')) {
        this.p++;
        this.expectColon();
        this.block();
      }
      return [{ k: 'while', test, body, line: t.line }];
    }
    if (this.is('for')) {
      this.p++;
      const header = this.headerUntilColon();
      const parser = new ExprParser(header);
      const target = () => (parser.eat('*') ? (parser.bitOr(), { k: '?' } as PyExpr) : parser.bitOr());
      const targets: PyExpr[] = [target()];
      while (parser.eat(',')) if (!parser.is('in')) targets.push(target());
      parser.expect('in');
      const iter = parser.exprList();
      const body = this.block();
      if (this.is('else')) {
        this.p++;
        this.expectColon();
        this.block();
      }
      return [{ k: 'for', target: targets.length === 1 ? targets[0]! : { k: 'tuple', items: targets }, iter, body, line: t.line }];
    }
    if (this.is('with')) {
      this.p++;
      const header = this.headerUntilColon();
      const parser = new ExprParser(header);
      const items: Array<{ e: PyExpr; as?: PyExpr }> = [];
      parser.eat('(');
      do {
        const e = parser.test();
        const as = parser.eat('as') ? parser.bitOr() : undefined;
        items.push({ e, ...(as && { as }) });
      } while (parser.eat(','));
      return [{ k: 'with', items, body: this.block(), line: t.line }];
    }
    if (this.is('try')) {
      this.p++;
      this.expectColon();
      const body = this.block();
      const handlers: Array<{ type?: PyExpr; name?: string; body: PyStmt[] }> = [];
      let final: PyStmt[] = [];
      while (this.is('except')) {
        this.p++;
        this.is('*') && this.p++;
        const header = this.headerUntilColon();
        const parser = new ExprParser(header);
        let type: PyExpr | undefined;
        let name: string | undefined;
        if (parser.tok.t !== 'eof') {
          type = parser.test();
          if (parser.eat(',') && parser.kind() !== 'eof') parser.test();
          if (parser.eat('as')) name = parser.tok.v;
        }
        handlers.push({ ...(type && { type }), ...(name !== undefined && { name }), body: this.block() });
      }
      if (this.is('else')) {
        this.p++;
        this.expectColon();
        body.push(...this.block());
      }
      if (this.is('finally')) {
        this.p++;
        this.expectColon();
        final = this.block();
      }
      return [{ k: 'try', body, handlers, final, line: t.line }];
    }
    if (this.is('match') && this.isMatchStatement()) {
      // Structural pattern matching is left unread: skip the header and its indented body.
      this.headerUntilColon();
      if (this.kind() === 'newline') {
        this.p++;
        let depth = 0;
        do {
          if (this.kind() === 'indent') depth++;
          else if (this.kind() === 'dedent') depth--;
          this.p++;
        } while (depth > 0 && this.kind() !== 'eof');
      } else this.lineTokens();
      return [{ k: 'skip', line: t.line }];
    }
    return this.simpleLine();
  }

  /** `match` starts a statement only when its line is a header (`match command:`). */
  isMatchStatement(): boolean {
    const next = this.toks[this.p + 1];
    if (!next || next.t === 'newline' || (next.t === 'op' && ['=', '.', ',', ')', ']', ':', '+=', '-='].includes(next.v))) return false;
    let depth = 0;
    for (let i = this.p + 1; i < this.toks.length; i++) {
      const tok = this.toks[i]!;
      if (tok.t === 'newline' || tok.t === 'eof') return false;
      if (tok.t === 'op' && '([{'.includes(tok.v)) depth++;
      else if (tok.t === 'op' && ')]}'.includes(tok.v)) depth--;
      else if (depth === 0 && tok.t === 'op' && tok.v === '=') return false;
      else if (depth === 0 && tok.t === 'op' && tok.v === ':') return this.toks[i + 1]?.t === 'newline';
    }
    return false;
  }

  expectColon(): void {
    if (!this.is(':')) throw new PySyntaxError("expected ':'", this.tok.line, this.tok.col);
    this.p++;
  }

  headerUntilColon(): PyTok[] {
    const start = this.p;
    let depth = 0;
    while (this.tok.t !== 'eof' && this.tok.t !== 'newline') {
      if (this.tok.t === 'op' && '([{'.includes(this.tok.v)) depth++;
      else if (this.tok.t === 'op' && ')]}'.includes(this.tok.v)) depth--;
      else if (depth === 0 && this.is(':')) break;
      this.p++;
    }
    const toks = this.toks.slice(start, this.p);
    this.expectColon();
    return [...toks, { t: 'eof', v: '', line: toks[0]?.line ?? 0, col: 1 }];
  }

  headerExpr(): PyExpr {
    const toks = this.headerUntilColon();
    return new ExprParser(toks).test();
  }

  params(): PyParam[] {
    const header: PyTok[] = [];
    let depth = 0;
    do {
      if (this.tok.t === 'op' && '([{'.includes(this.tok.v)) depth++;
      else if (this.tok.t === 'op' && ')]}'.includes(this.tok.v)) depth--;
      header.push(this.tok);
      this.p++;
    } while (depth > 0 && this.tok.t !== 'eof');
    const parser = new ExprParser([...header.slice(1, -1), { t: 'eof', v: '', line: 0, col: 1 }]);
    const params: PyParam[] = [];
    while (parser.tok.t !== 'eof') {
      let star: '*' | '**' | undefined;
      if (parser.eat('**')) star = '**';
      else if (parser.eat('*')) star = '*';
      if (parser.is(',') || parser.kind() === 'eof') {
        parser.eat(',');
        continue;
      }
      if (parser.eat('/')) {
        parser.eat(',');
        continue;
      }
      const name = parser.tok.v;
      parser.p++;
      if (parser.eat(':')) parser.test();
      const def = parser.eat('=') ? parser.test() : undefined;
      params.push({ name, ...(def && { def }), ...(star && { star }) });
      if (!parser.eat(',')) break;
    }
    return params;
  }

  /** Simple statements, possibly several separated by `;`. */
  simpleLine(): PyStmt[] {
    const toks = this.lineTokens();
    const out: PyStmt[] = [];
    let start = 0;
    for (let i = 0; i <= toks.length - 1; i++) {
      if ((toks[i]!.t === 'op' && toks[i]!.v === ';') || toks[i]!.t === 'eof') {
        const piece = toks.slice(start, i);
        if (piece.length > 0) out.push(this.simple([...piece, { t: 'eof', v: '', line: piece[0]!.line, col: 1 }]));
        start = i + 1;
      }
    }
    return out;
  }

  simple(toks: PyTok[]): PyStmt {
    const first = toks[0]!;
    const line = first.line;
    const parser = new ExprParser(toks);
    switch (first.t === 'name' ? first.v : '') {
      case 'pass':
        return { k: 'pass', line };
      case 'break':
        return { k: 'break', line };
      case 'continue':
        return { k: 'continue', line };
      case 'return':
        parser.p++;
        return parser.tok.t === 'eof' ? { k: 'return', line } : { k: 'return', e: parser.exprList(), line };
      case 'raise':
        parser.p++;
        return parser.tok.t === 'eof' ? { k: 'raise', line } : { k: 'raise', e: parser.test(), line };
      case 'global':
      case 'nonlocal':
      case 'del':
      case 'assert':
        return { k: 'skip', line };
      case 'import': {
        parser.p++;
        const names: Array<{ module: string; as?: string }> = [];
        do {
          let module = parser.tok.v;
          parser.p++;
          while (parser.eat('.')) {
            module += `.${parser.tok.v}`;
            parser.p++;
          }
          const as = parser.eat('as') ? parser.tok.v : undefined;
          if (as !== undefined) parser.p++;
          names.push({ module, ...(as !== undefined && { as }) });
        } while (parser.eat(','));
        return { k: 'import', names, line };
      }
      case 'from': {
        parser.p++;
        let level = 0;
        while (parser.is('.') || parser.is('...')) {
          level += parser.tok.v.length;
          parser.p++;
        }
        let module = '';
        if (!parser.is('import')) {
          module = parser.tok.v;
          parser.p++;
          while (parser.eat('.')) {
            module += `.${parser.tok.v}`;
            parser.p++;
          }
        }
        parser.expect('import');
        parser.eat('(');
        const names: Array<{ name: string; as?: string }> = [];
        while (parser.tok.t !== 'eof' && !parser.is(')')) {
          const name = parser.tok.v;
          parser.p++;
          const as = parser.eat('as') ? parser.tok.v : undefined;
          if (as !== undefined) parser.p++;
          names.push({ name, ...(as !== undefined && { as }) });
          if (!parser.eat(',')) break;
        }
        return { k: 'from', module, names, level, line };
      }
      default:
    }
    const first_ = parser.exprList();
    if (parser.tok.t === 'op' && parser.tok.v.endsWith('=') && parser.tok.v !== '==' && parser.tok.v.length <= 3 && !['<=', '>=', '!='].includes(parser.tok.v)) {
      const op = parser.tok.v;
      parser.p++;
      if (op !== '=') return { k: 'assign', targets: [first_], value: parser.exprList(), op: op.slice(0, -1), line };
      const targets = [first_];
      let value = parser.exprList();
      while (parser.eat('=')) {
        targets.push(value);
        value = parser.exprList();
      }
      return { k: 'assign', targets, value, line };
    }
    if (parser.is(':') && (first_.k === 'name' || first_.k === 'attr' || first_.k === 'index')) {
      // An annotated assignment: `port: int = 8000`.
      parser.p++;
      parser.test();
      if (parser.eat('=')) return { k: 'assign', targets: [first_], value: parser.exprList(), line };
      return { k: 'skip', line };
    }
    if (parser.kind() !== 'eof') {
      // Python 2's print statement gets a hint of its own.
      if (first_.k === 'name' && (first_.name === 'print' || first_.name === 'exec')) throw new PySyntaxError(`Missing parentheses in call to '${first_.name}'. Did you mean ${first_.name}(...)?`, first.line, first.col);
      throw new PySyntaxError('invalid syntax', parser.tok.line, parser.tok.col);
    }
    return { k: 'expr', e: first_, line };
  }
}

// ---- scopes ---------------------------------------------------------------------------------------

export class PyScope {
  readonly vars = new Map<string, PyValue>();
  constructor(readonly parent: PyScope | null) {}
  get(name: string): { found: boolean; value: PyValue } {
    for (let scope: PyScope | null = this; scope; scope = scope.parent) if (scope.vars.has(name)) return { found: true, value: scope.vars.get(name)! };
    return { found: false, value: null };
  }
}

export interface PyModuleCtx {
  path: string;
  name: string;
  lines: string[];
  scope: PyScope;
}
