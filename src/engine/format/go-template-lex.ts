// Lexer for Go's text/template, as in Go 1.24 (which builds docker 28): `{{` `}}` delimiters,
// trim markers `{{- ` / ` -}}`, comments, newlines allowed inside actions, and the same error
// texts ("unclosed action", "bad character U+007D '}'", "unterminated quoted string"…).

import { goQuote } from './go-strconv';
import { utf8Bytes } from './go-value';

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

const KEYWORD_TYPES = new Set<ItemType>(Object.values(KEYWORDS));

export interface Item {
  type: ItemType;
  /** Offset in the template text (JavaScript string index). */
  pos: number;
  val: string;
  line: number;
}

/** Go's item.String(), used in "unexpected %s in %s" parse errors. */
export function itemString(item: Item): string {
  if (item.type === 'eof') return 'EOF';
  if (item.type === 'error') return item.val;
  if (KEYWORD_TYPES.has(item.type)) return `<${item.val}>`;
  // Go checks the length in bytes, then %.10q keeps at most ten runes.
  if (utf8Bytes(item.val).length > 10) return `${goQuote(Array.from(item.val).slice(0, 10).join(''))}...`;
  return goQuote(item.val);
}

const EOF = -1;
const LEFT_DELIM = '{{';
const RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const TRIM_MARKER_LEN = 2;
const SPACE_CHARS = ' \t\r\n';

const isSpace = (r: number): boolean => r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
const isAlphaNumeric = (r: number): boolean =>
  r === 0x5f ||
  (r >= 0x30 && r <= 0x39) ||
  (r >= 0x41 && r <= 0x5a) ||
  (r >= 0x61 && r <= 0x7a) ||
  (r > 0x7f && LETTER_OR_DIGIT.test(String.fromCodePoint(r)));
const hasLeftTrimMarker = (s: string, at: number): boolean => s[at] === '-' && isSpace(s.charCodeAt(at + 1));
const hasRightTrimMarker = (s: string, at: number): boolean => isSpace(s.charCodeAt(at)) && s[at + 1] === '-';

/** `%#U` of a rune: `U+007D '}'`. */
export function goRuneDescription(r: number): string {
  if (r === EOF) return 'U+FFFFFFFFFFFFFFFF';
  const hexDigits = r.toString(16).toUpperCase().padStart(4, '0');
  const ch = String.fromCodePoint(r);
  const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch);
  return printable ? `U+${hexDigits} '${ch}'` : `U+${hexDigits}`;
}

type StateFn = (l: Lexer) => [Item | undefined, StateFn | undefined];

export class Lexer {
  readonly input: string;
  pos = 0;
  start = 0;
  width = 0;
  parenDepth = 0;
  line = 1;
  startLine = 1;
  breakOK = true;
  continueOK = true;
  private state: StateFn | undefined = lexText;

  constructor(input: string) {
    this.input = input;
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) ?? EOF;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    if (r === 0x0a) this.line++;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    this.pos -= this.width;
    if (this.width === 1 && this.input.charCodeAt(this.pos) === 0x0a) this.line--;
  }

  emit(type: ItemType): Item {
    const item: Item = { type, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return item;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  errorf(message: string): Item {
    return { type: 'error', pos: this.start, val: message, line: this.startLine };
  }

  atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT_DELIM, this.pos + TRIM_MARKER_LEN)) {
      return { delim: true, trimSpaces: true };
    }
    if (this.input.startsWith(RIGHT_DELIM, this.pos)) return { delim: true, trimSpaces: false };
    return { delim: false, trimSpaces: false };
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith(RIGHT_DELIM, this.pos);
  }

  nextItem(): Item {
    while (this.state) {
      const [item, next] = this.state(this);
      this.state = next;
      if (!next) return item ?? this.emit('eof');
      if (item) return item;
    }
    return this.emit('eof');
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x0a) n++;
  return n;
}

function rightTrimLength(s: string): number {
  let i = s.length;
  while (i > 0 && SPACE_CHARS.includes(s[i - 1] as string)) i--;
  return s.length - i;
}

function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && SPACE_CHARS.includes(s[i] as string)) i++;
  return i - from;
}

const lexText: StateFn = (l) => {
  l.width = 0;
  const x = l.input.indexOf(LEFT_DELIM, l.pos);
  if (x >= 0) {
    l.pos = x;
    const trimLength = hasLeftTrimMarker(l.input, l.pos + LEFT_DELIM.length) ? rightTrimLength(l.input.slice(l.start, l.pos)) : 0;
    l.pos -= trimLength;
    let item: Item | undefined;
    if (l.pos > l.start) {
      l.line += countNewlines(l.input, l.start, l.pos);
      item = l.emit('text');
    }
    l.pos += trimLength;
    l.ignore();
    return [item, lexLeftDelim];
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    return [l.emit('text'), lexText];
  }
  return [l.emit('eof'), undefined];
};

const lexLeftDelim: StateFn = (l) => {
  l.pos += LEFT_DELIM.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? TRIM_MARKER_LEN : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return [undefined, lexComment];
  }
  const item = l.emit('leftDelim');
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return [item, lexInsideAction];
};

const lexComment: StateFn = (l) => {
  l.pos += LEFT_COMMENT.length;
  const i = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (i < 0) return [l.errorf('unclosed comment'), undefined];
  l.pos = i + RIGHT_COMMENT.length;
  const { delim, trimSpaces } = l.atRightDelim();
  if (!delim) return [l.errorf('comment ends before closing delimiter'), undefined];
  if (trimSpaces) l.pos += TRIM_MARKER_LEN;
  l.pos += RIGHT_DELIM.length;
  if (trimSpaces) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return [undefined, lexText];
};

const lexRightDelim: StateFn = (l) => {
  const trimSpace = hasRightTrimMarker(l.input, l.pos);
  if (trimSpace) {
    l.pos += TRIM_MARKER_LEN;
    l.ignore();
  }
  l.pos += RIGHT_DELIM.length;
  const item = l.emit('rightDelim');
  if (trimSpace) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  return [item, lexText];
};

const lexInsideAction: StateFn = (l) => {
  const { delim } = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return [undefined, lexRightDelim];
    return [l.errorf('unclosed left paren'), undefined];
  }
  const r = l.next();
  if (r === EOF) return [l.errorf('unclosed action'), undefined];
  if (isSpace(r)) {
    l.backup();
    return [undefined, lexSpace];
  }
  switch (r) {
    case 0x3d: // =
      return [l.emit('assign'), lexInsideAction];
    case 0x3a: // :
      if (l.next() !== 0x3d) return [l.errorf('expected :='), undefined];
      return [l.emit('declare'), lexInsideAction];
    case 0x7c: // |
      return [l.emit('pipe'), lexInsideAction];
    case 0x22: // "
      return [undefined, lexQuote];
    case 0x60: // `
      return [undefined, lexRawQuote];
    case 0x24: // $
      return [undefined, lexVariable];
    case 0x27: // '
      return [undefined, lexChar];
    case 0x28: // (
      l.parenDepth++;
      return [l.emit('leftParen'), lexInsideAction];
    case 0x29: {
      // )
      const item = l.emit('rightParen');
      l.parenDepth--;
      if (l.parenDepth < 0) return [l.errorf('unexpected right paren'), undefined];
      return [item, lexInsideAction];
    }
  }
  if (r === 0x2e) {
    // "." followed by a non-digit starts a field; otherwise it may start a number.
    if (l.pos < l.input.length) {
      const c = l.input.charCodeAt(l.pos);
      if (c < 0x30 || c > 0x39) return [undefined, lexField];
    }
    l.backup();
    return [undefined, lexNumber];
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return [undefined, lexNumber];
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return [undefined, lexIdentifier];
  }
  if (r <= 0x7f && r >= 0x20 && r !== 0x7f) return [l.emit('char'), lexInsideAction];
  return [l.errorf(`unrecognized character in action: ${goRuneDescription(r)}`), undefined];
};

const lexSpace: StateFn = (l) => {
  let spaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    spaces++;
  }
  // A " -}}" right after the spaces is a trim-marked right delimiter, not an argument.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT_DELIM, l.pos - 1 + TRIM_MARKER_LEN)) {
    l.backup();
    if (spaces === 1) return [undefined, lexRightDelim];
  }
  return [l.emit('space'), lexInsideAction];
};

const lexIdentifier: StateFn = (l) => {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return [l.errorf(`bad character ${goRuneDescription(r)}`), undefined];
    const keyword = KEYWORDS[word];
    if (keyword !== undefined && keyword !== 'dot') {
      if ((keyword === 'break' && !l.breakOK) || (keyword === 'continue' && !l.continueOK)) {
        return [l.emit('identifier'), lexInsideAction];
      }
      return [l.emit(keyword), lexInsideAction];
    }
    if (word[0] === '.') return [l.emit('field'), lexInsideAction];
    if (word === 'true' || word === 'false') return [l.emit('bool'), lexInsideAction];
    return [l.emit('identifier'), lexInsideAction];
  }
};

const lexField: StateFn = (l) => lexFieldOrVariable(l, 'field');

const lexVariable: StateFn = (l) => {
  if (l.atTerminator()) return [l.emit('variable'), lexInsideAction];
  return lexFieldOrVariable(l, 'variable');
};

function lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): [Item | undefined, StateFn | undefined] {
  if (l.atTerminator()) return [l.emit(type === 'variable' ? 'variable' : 'dot'), lexInsideAction];
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return [l.errorf(`bad character ${goRuneDescription(r)}`), undefined];
  return [l.emit(type), lexInsideAction];
}

const lexChar: StateFn = (l) => {
  for (;;) {
    const r = l.next();
    if (r === 0x5c) {
      const e = l.next();
      if (e !== EOF && e !== 0x0a) continue;
      return [l.errorf('unterminated character constant'), undefined];
    }
    if (r === EOF || r === 0x0a) return [l.errorf('unterminated character constant'), undefined];
    if (r === 0x27) break;
  }
  return [l.emit('charConstant'), lexInsideAction];
};

const lexNumber: StateFn = (l) => {
  if (!scanNumber(l)) return [l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`), undefined];
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!scanNumber(l) || l.input[l.pos - 1] !== 'i') {
      return [l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`), undefined];
    }
    return [l.emit('complex'), lexInsideAction];
  }
  return [l.emit('number'), lexInsideAction];
};

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

const lexQuote: StateFn = (l) => {
  for (;;) {
    const r = l.next();
    if (r === 0x5c) {
      const e = l.next();
      if (e !== EOF && e !== 0x0a) continue;
      return [l.errorf('unterminated quoted string'), undefined];
    }
    if (r === EOF || r === 0x0a) return [l.errorf('unterminated quoted string'), undefined];
    if (r === 0x22) break;
  }
  return [l.emit('string'), lexInsideAction];
};

const lexRawQuote: StateFn = (l) => {
  for (;;) {
    const r = l.next();
    if (r === EOF) return [l.errorf('unterminated raw quoted string'), undefined];
    if (r === 0x60) break;
  }
  return [l.emit('rawString'), lexInsideAction];
};
