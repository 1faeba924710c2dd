// A JavaScript tokenizer for the app runner: strings, template literals, numbers, names,
// punctuators, comments and regular expressions, with line/column for error messages.
// It reads source; it never runs it.

export type TokenType = 'id' | 'num' | 'str' | 'tpl' | 'punct' | 'regex' | 'eof';

export interface Token {
  t: TokenType;
  /** Identifier name, punctuator, number text, cooked string value, or regex source. */
  v: string;
  line: number;
  col: number;
  /** A line break came before this token (for automatic semicolon insertion). */
  nl: boolean;
  /** Template literal: cooked text pieces and the source of each `${}` expression. */
  quasis?: string[];
  exprs?: string[];
}

export class JsSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
    /** How many carets Node draws under the offending token. */
    readonly length = 1,
  ) {
    super(message);
  }
}

const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>',
  '{', '}', '(', ')', '[', ']', ';', ',', '<', '>', '+', '-', '*', '/', '%', '&', '|', '^', '!', '~', '?', ':', '=', '.', '@', '#',
];

const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

function regexAllowed(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.t === 'punct') return !(previous.v === ')' || previous.v === ']' || previous.v === '}' || previous.v === '++' || previous.v === '--');
  if (previous.t === 'id') return REGEX_AFTER_WORDS.has(previous.v);
  return false;
}

function readEscape(src: string, i: number): { text: string; next: number } {
  const c = src[i]!;
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
  if (c in simple && !(c === '0' && /\d/.test(src[i + 1] ?? ''))) return { text: simple[c]!, next: i + 1 };
  if (c === 'x') return { text: String.fromCharCode(parseInt(src.slice(i + 1, i + 3), 16) || 0), next: i + 3 };
  if (c === 'u') {
    if (src[i + 1] === '{') {
      const end = src.indexOf('}', i);
      return { text: String.fromCodePoint(parseInt(src.slice(i + 2, end), 16) || 0), next: end + 1 };
    }
    return { text: String.fromCharCode(parseInt(src.slice(i + 1, i + 5), 16) || 0), next: i + 5 };
  }
  if (c === '\r' && src[i + 1] === '\n') return { text: '', next: i + 2 };
  if (c === '\n' || c === '\r') return { text: '', next: i + 1 };
  return { text: c, next: i + 1 };
}

/**
 * Index of the `}` that ends a template's `${` expression starting at `i`, or -1. It skips
 * strings, comments, nested templates and regular expressions the way the tokenizer reads them.
 */
function skipExpression(src: string, start: number): number {
  let depth = 0;
  let afterValue = false;
  let i = start;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end === -1) return -1;
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) i += src[i] === '\\' ? 2 : 1;
      i++;
      afterValue = true;
      continue;
    }
    if (c === '`') {
      i = skipTemplate(src, i + 1);
      if (i === -1) return -1;
      afterValue = true;
      continue;
    }
    if (c === '/' && !afterValue) {
      let inClass = false;
      i++;
      while (i < src.length && src[i] !== '\n') {
        const ch = src[i]!;
        if (ch === '\\') i += 2;
        else {
          if (ch === '[') inClass = true;
          else if (ch === ']') inClass = false;
          else if (ch === '/' && !inClass) break;
          i++;
        }
      }
      i++;
      while (/[a-z]/.test(src[i] ?? '')) i++;
      afterValue = true;
      continue;
    }
    if (/[A-Za-z0-9_$]/.test(c)) {
      const match = /^[A-Za-z0-9_$.]+/.exec(src.slice(i, i + 256))!;
      i += match[0].length;
      afterValue = !REGEX_AFTER_WORDS.has(match[0]);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
    afterValue = c === ')' || c === ']' || c === '}';
    i++;
  }
  return -1;
}

/** Index just after the backtick that closes a template whose body starts at `start`, or -1. */
function skipTemplate(src: string, start: number): number {
  let i = start;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') i += 2;
    else if (c === '`') return i + 1;
    else if (c === '$' && src[i + 1] === '{') {
      const close = skipExpression(src, i + 2);
      if (close === -1) return -1;
      i = close + 1;
    } else i++;
  }
  return -1;
}

/** Tokenizes a whole source file; throws JsSyntaxError for what Node would reject outright. */
export function tokenize(src: string, maxTokens = 60_000): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let newline = false;
  // A hashbang line is allowed at the very start.
  if (src.startsWith('#!')) {
    const end = src.indexOf('\n');
    i = end === -1 ? src.length : end;
  }
  const push = (t: TokenType, v: string, start: number, extra: Partial<Token> = {}) => {
    tokens.push({ t, v, line, col: start - lineStart + 1, nl: newline, ...extra });
    newline = false;
    if (tokens.length > maxTokens) throw new JsSyntaxError('source too long to read', line, 1);
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      newline = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF' || c === '\u00A0') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end === -1) throw new JsSyntaxError('Invalid or unexpected token', line, i - lineStart + 1);
      for (let j = i; j < end; j++) {
        if (src[j] === '\n') {
          line++;
          lineStart = j + 1;
          newline = true;
        }
      }
      i = end + 2;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      let text = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\n') throw new JsSyntaxError('Invalid or unexpected token', line, start - lineStart + 1);
        if (src[i] === '\\') {
          const escape = readEscape(src, i + 1);
          text += escape.text;
          i = escape.next;
        } else text += src[i++];
      }
      if (i >= src.length) throw new JsSyntaxError('Invalid or unexpected token', line, start - lineStart + 1);
      i++;
      push('str', text, start);
      continue;
    }
    if (c === '`') {
      const quasis: string[] = [];
      const exprs: string[] = [];
      let text = '';
      const startLine = line;
      const startCol = start - lineStart + 1;
      i++;
      for (;;) {
        if (i >= src.length) throw new JsSyntaxError('Unterminated template literal', startLine, startCol);
        const ch = src[i]!;
        if (ch === '`') {
          i++;
          break;
        }
        if (ch === '\\') {
          const escape = readEscape(src, i + 1);
          text += escape.text;
          i = escape.next;
          continue;
        }
        if (ch === '$' && src[i + 1] === '{') {
          quasis.push(text);
          text = '';
          const close = skipExpression(src, i + 2);
          if (close === -1) throw new JsSyntaxError('Unterminated template literal', startLine, startCol);
          for (let j = i; j < close; j++) {
            if (src[j] === '\n') {
              line++;
              lineStart = j + 1;
            }
          }
          exprs.push(src.slice(i + 2, close));
          i = close + 1;
          continue;
        }
        if (ch === '\n') {
          line++;
          lineStart = i + 1;
        }
        text += ch;
        i++;
      }
      quasis.push(text);
      tokens.push({ t: 'tpl', v: '', line: startLine, col: startCol, nl: newline, quasis, exprs });
      newline = false;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const match = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*)?\.?\d*(?:[eE][+-]?\d+)?)n?/.exec(src.slice(i, i + 64));
      const text = match?.[0] || c;
      i += text.length;
      push('num', text, start);
      continue;
    }
    if (/[A-Za-z_$\u00C0-\uFFFF]/.test(c)) {
      const match = /^[A-Za-z0-9_$\u00C0-\uFFFF]+/.exec(src.slice(i, i + 256))!;
      i += match[0].length;
      push('id', match[0], start);
      continue;
    }
    if (c === '/' && regexAllowed(tokens[tokens.length - 1])) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length) {
        const cj = src[j]!;
        if (cj === '\n') throw new JsSyntaxError('Invalid regular expression: missing /', line, start - lineStart + 1);
        if (cj === '\\') j += 2;
        else {
          if (cj === '[') inClass = true;
          else if (cj === ']') inClass = false;
          else if (cj === '/' && !inClass) break;
          j++;
        }
      }
      const body = src.slice(i + 1, j);
      j++;
      while (/[a-z]/.test(src[j] ?? '')) j++;
      i = j;
      push('regex', body, start);
      continue;
    }
    const punct = PUNCTUATORS.find((p) => src.startsWith(p, i));
    if (!punct) throw new JsSyntaxError('Invalid or unexpected token', line, start - lineStart + 1);
    i += punct.length;
    push('punct', punct, start);
  }
  tokens.push({ t: 'eof', v: '', line, col: i - lineStart + 1, nl: true });
  return tokens;
}

/** Checks that brackets pair up; returns the first problem as Node would word it. */
export function checkBrackets(tokens: Token[]): JsSyntaxError | undefined {
  const stack: Token[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const token of tokens) {
    if (token.t !== 'punct') continue;
    if (token.v === '(' || token.v === '[' || token.v === '{') stack.push(token);
    else if (token.v in pairs) {
      const open = stack.pop();
      if (!open || open.v !== pairs[token.v]) return new JsSyntaxError(`Unexpected token '${token.v}'`, token.line, token.col);
    }
  }
  const open = stack.pop();
  if (!open) return undefined;
  const eof = tokens[tokens.length - 1]!;
  if (open.v === '(') return new JsSyntaxError('missing ) after argument list', open.line, open.col);
  return new JsSyntaxError('Unexpected end of input', eof.line, eof.col);
}
