// Parser for Go's text/template (parse.go of Go 1.24): the same tree, the same node positions
// (they decide the `:1:7` in execution errors) and the same parse error texts, e.g.
// `template: :1: function "foo" not defined`, `template: :1: unexpected "}" in operand`.

import { goQuote } from './go-strconv';
import { Lexer, itemString } from './go-template-lex';
import type { Item, ItemType } from './go-template-lex';

export interface TextNode {
  type: 'text';
  pos: number;
  text: string;
}
export interface ListNode {
  type: 'list';
  pos: number;
  nodes: Node[];
}
export interface PipeNode {
  type: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode {
  type: 'command';
  pos: number;
  args: ArgNode[];
}
export interface ActionNode {
  type: 'action';
  pos: number;
  line: number;
  pipe: PipeNode;
}
export interface BranchNode {
  type: 'if' | 'range' | 'with';
  pos: number;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | undefined;
}
export interface TemplateNode {
  type: 'template';
  pos: number;
  line: number;
  name: string;
  pipe: PipeNode | undefined;
}
export interface LoopControlNode {
  type: 'break' | 'continue';
  pos: number;
  line: number;
}
interface MarkerNode {
  type: 'else' | 'end';
  pos: number;
  line: number;
}
export interface FieldNode {
  type: 'field';
  pos: number;
  ident: string[];
}
export interface VariableNode {
  type: 'variable';
  pos: number;
  ident: string[];
}
export interface ChainNode {
  type: 'chain';
  pos: number;
  node: ArgNode;
  field: string[];
}
export interface IdentifierNode {
  type: 'identifier';
  pos: number;
  ident: string;
}
export interface DotNode {
  type: 'dot';
  pos: number;
}
export interface NilNode {
  type: 'nil';
  pos: number;
}
export interface BoolNode {
  type: 'bool';
  pos: number;
  value: boolean;
}
export interface NumberNode {
  type: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: number | bigint;
  float: number;
}
export interface StringNode {
  type: 'string';
  pos: number;
  quoted: string;
  text: string;
}

export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export type Node = TextNode | ListNode | ActionNode | BranchNode | TemplateNode | LoopControlNode;

type AnyNode = Node | MarkerNode | ArgNode | CommandNode;

/** Go's Node.String(): the text shown between `<` and `>` in execution errors. */
export function nodeString(node: AnyNode): string {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'list':
      return node.nodes.map(nodeString).join('');
    case 'action':
      return `{{${nodeString(node.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = node.elseList ? `{{else}}${nodeString(node.elseList)}` : '';
      return `{{${node.type} ${nodeString(node.pipe)}}}${nodeString(node.list)}${elsePart}{{end}}`;
    }
    case 'template':
      return node.pipe ? `{{template ${goQuote(node.name)} ${nodeString(node.pipe)}}}` : `{{template ${goQuote(node.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'else':
      return '{{else}}';
    case 'end':
      return '{{end}}';
    case 'pipe': {
      let out = '';
      if (node.decl.length > 0) {
        out += node.decl.map(nodeString).join(', ');
        out += node.isAssign ? ' = ' : ' := ';
      }
      return out + node.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return node.args.map((arg) => (arg.type === 'pipe' ? `(${nodeString(arg)})` : nodeString(arg))).join(' ');
    case 'field':
      return node.ident.map((id) => `.${id}`).join('');
    case 'variable':
      return node.ident.join('.');
    case 'chain': {
      const head = node.node.type === 'pipe' ? `(${nodeString(node.node)})` : nodeString(node.node);
      return head + node.field.map((f) => `.${f}`).join('');
    }
    case 'identifier':
      return node.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
  }
}

/** Raised inside the parser; the public API turns it into a TemplateError. */
export class ParseFailure extends Error {}

/** Deepest nesting of parentheses and if/range/with blocks a template may use. */
export const MAX_NESTING = 100;

export interface Tree {
  root: ListNode;
  text: string;
  /** Templates defined with {{define}} / {{block}}, by name. */
  defined: Map<string, ListNode>;
}

const unescapeMap: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** strconv.Unquote of a double-quoted, single-quoted or raw (backquoted) Go literal. */
export function goUnquote(quoted: string): string | undefined {
  const quote = quoted[0];
  if (quoted.length < 2 || quoted[quoted.length - 1] !== quote) return undefined;
  const body = quoted.slice(1, -1);
  if (quote === '`') return body.includes('`') ? undefined : body.replaceAll('\r', '');
  if (quote !== '"' && quote !== "'") return undefined;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === quote || ch === '\n') return undefined;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return undefined;
    if (unescapeMap[e] !== undefined) {
      out += unescapeMap[e];
    } else if (e === quote) {
      out += e;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const size = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const digits = body.slice(i + 1, i + 1 + size);
      if (!new RegExp(`^[0-9a-fA-F]{${size}}$`).test(digits)) return undefined;
      const code = parseInt(digits, 16);
      if (e !== 'x' && (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))) return undefined;
      out += String.fromCodePoint(code);
      i += size;
    } else if (e >= '0' && e <= '7') {
      const digits = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) return undefined;
      out += String.fromCharCode(parseInt(digits, 8));
      i += 2;
    } else {
      return undefined;
    }
  }
  if (quote === "'" && Array.from(out).length !== 1) return undefined;
  return out;
}

const INT_LITERAL = /^[+-]?(?:0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO]?(?:_?[0-7])*|[1-9](?:_?[0-9])*)$/;
const FLOAT_LITERAL = /^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.?(?:[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?)$/;

const HEX_FLOAT_LITERAL = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/;

function parseHexFloat(match: RegExpExecArray): number {
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return Number.NaN;
  const mantissa = parseInt(`${whole}${fraction}` || '0', 16);
  const value = mantissa * 2 ** (Number(exponent) - 4 * fraction.length);
  return sign === '-' ? -value : value;
}

function parseGoInt(text: string): bigint | undefined {
  if (!INT_LITERAL.test(text)) return undefined;
  const negative = text.startsWith('-');
  let body = text.replace(/^[+-]/, '').replaceAll('_', '');
  let value: bigint;
  if (/^0[xX]/.test(body)) value = BigInt(body);
  else if (/^0[bB]/.test(body)) value = BigInt(body);
  else if (/^0[oO]/.test(body)) value = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) {
    body = body.slice(1);
    value = BigInt(`0o${body}`);
  } else value = BigInt(body);
  return negative ? -value : value;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function toIntValue(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function newNumber(pos: number, text: string, type: ItemType): NumberNode {
  const node: NumberNode = { type: 'number', pos, text, isInt: false, isFloat: false, isComplex: false, int: 0, float: 0 };
  if (type === 'charConstant') {
    const unquoted = goUnquote(text);
    if (unquoted === undefined) throw new ParseFailure(`malformed character constant: ${text}`);
    const code = unquoted.codePointAt(0) ?? 0;
    return { ...node, isInt: true, isFloat: true, int: code, float: code };
  }
  if (type === 'complex' || text.endsWith('i')) throw new ParseFailure(`complex numbers are not supported: ${goQuote(text)}`);
  const asInt = parseGoInt(text);
  if (asInt !== undefined && asInt >= INT64_MIN && asInt <= INT64_MAX) {
    return { ...node, isInt: true, isFloat: true, int: toIntValue(asInt), float: Number(asInt) };
  }
  const hexFloat = HEX_FLOAT_LITERAL.exec(text.replaceAll('_', ''));
  if ((FLOAT_LITERAL.test(text) && /[0-9]/.test(text)) || hexFloat) {
    const f = hexFloat ? parseHexFloat(hexFloat) : Number(text.replaceAll('_', ''));
    if (Number.isFinite(f)) {
      if (!/[.eEpP]/.test(text)) throw new ParseFailure(`integer overflow: ${goQuote(text)}`);
      const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
      return { ...node, isFloat: true, float: f, isInt, int: isInt ? toIntValue(BigInt(f)) : 0 };
    }
  }
  throw new ParseFailure(`illegal number syntax: ${goQuote(text)}`);
}

class Parser {
  private readonly lex: Lexer;
  private readonly token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private depth = 0;
  private lastLine = 1;
  readonly defined = new Map<string, ListNode>();

  constructor(
    readonly text: string,
    private readonly hasFunction: (name: string) => boolean,
  ) {
    this.lex = new Lexer(text);
    this.lex.breakOK = !hasFunction('break');
    this.lex.continueOK = !hasFunction('continue');
  }

  private read(): Item {
    const item = this.lex.nextItem();
    this.lastLine = item.line;
    return item;
  }

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.read();
    return this.token[this.peekCount] as Item;
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1] as Item;
    this.peekCount = 1;
    this.token[0] = this.read();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let item: Item;
    do item = this.next();
    while (item.type === 'space');
    return item;
  }

  private peekNonSpace(): Item {
    const item = this.nextNonSpace();
    this.backup();
    return item;
  }

  errorf(message: string): never {
    throw new ParseFailure(`template: :${this.lastLine}: ${message}`);
  }

  private expect(expected: ItemType, context: string): Item {
    const item = this.nextNonSpace();
    if (item.type !== expected) this.unexpected(item, context);
    return item;
  }

  private unexpected(item: Item, context: string): never {
    if (item.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== item.line) {
        extra = ` in action started at :${this.actionLine}`;
        if (item.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${item.val}${extra}`);
    }
    this.errorf(`unexpected ${itemString(item)} in ${context}`);
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) this.errorf('max expression depth exceeded');
  }

  parse(): ListNode {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const node = this.textOrAction();
      if (isMarker(node)) this.errorf(`unexpected ${nodeString(node)}`);
      root.nodes.push(node);
    }
    return root;
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameItem = this.nextNonSpace();
    if (nameItem.type !== 'string' && nameItem.type !== 'rawString') this.unexpected(nameItem, context);
    const name = goUnquote(nameItem.val);
    if (name === undefined) this.errorf('invalid syntax');
    this.expect('rightDelim', context);
    const savedVars = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    this.vars = savedVars;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.addDefinition(name, list);
  }

  private addDefinition(name: string, list: ListNode): void {
    const existing = this.defined.get(name);
    if (existing && !isEmptyTree(existing) && !isEmptyTree(list)) {
      this.errorf(`template: multiple definition of template ${goQuote(name)}`);
    }
    if (!existing || isEmptyTree(existing)) this.defined.set(name, list);
  }

  private itemList(): [ListNode, MarkerNode] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const node = this.textOrAction();
      if (isMarker(node)) return [list, node];
      list.nodes.push(node);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node | MarkerNode {
    const item = this.nextNonSpace();
    switch (item.type) {
      case 'text':
        return { type: 'text', pos: item.pos, text: item.val };
      case 'leftDelim': {
        this.actionLine = item.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(item, 'input');
    }
  }

  private action(): Node | MarkerNode {
    const item = this.nextNonSpace();
    switch (item.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(item);
      case 'else':
        return this.elseControl();
      case 'end':
        return this.endControl();
      case 'if':
      case 'range':
      case 'with':
        return this.branchControl(item.type);
      case 'template':
        return this.templateControl();
      default:
        break;
    }
    this.backup();
    const first = this.peek();
    return { type: 'action', pos: first.pos, line: first.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(item: Item): LoopControlNode {
    const keyword = item.type as 'break' | 'continue';
    const next = this.nextNonSpace();
    if (next.type !== 'rightDelim') this.unexpected(next, `{{${keyword}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${keyword}}} outside {{range}}`);
    return { type: keyword, pos: item.pos, line: item.line };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: first.pos, line: first.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
      } else if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.type === 'space') {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const item = this.nextNonSpace();
      switch (item.type) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(item, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((cmd, i) => {
      const type = cmd.args[0]?.type;
      if (type === 'bool' || type === 'dot' || type === 'nil' || type === 'number' || type === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private branchControl(context: 'if' | 'range' | 'with'): BranchNode {
    this.enter();
    const varsMark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let list: ListNode;
      let next: MarkerNode;
      try {
        [list, next] = this.itemList();
      } finally {
        if (context === 'range') this.rangeDepth--;
      }
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        // {{else if …}} and {{else with …}} chain without an extra {{end}}.
        if (context === 'if' && this.peek().type === 'if') {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.branchControl('if')] };
        } else if (context === 'with' && this.peek().type === 'with') {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.branchControl('with')] };
        } else {
          const [list2, end] = this.itemList();
          elseList = list2;
          if (end.type !== 'end') this.errorf(`expected end; found ${nodeString(end)}`);
        }
      }
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = varsMark;
      this.depth--;
    }
  }

  private endControl(): MarkerNode {
    const item = this.expect('rightDelim', 'end');
    return { type: 'end', pos: item.pos, line: item.line };
  }

  private elseControl(): MarkerNode {
    const peek = this.peekNonSpace();
    if (peek.type === 'if' || peek.type === 'with') return { type: 'else', pos: peek.pos, line: peek.line };
    const item = this.expect('rightDelim', 'else');
    return { type: 'else', pos: item.pos, line: item.line };
  }

  private templateName(item: Item, context: string): string {
    if (item.type !== 'string' && item.type !== 'rawString') this.unexpected(item, context);
    const name = goUnquote(item.val);
    if (name === undefined) this.errorf('invalid syntax');
    return name;
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const item = this.nextNonSpace();
    const name = this.templateName(item, context);
    const pipe = this.pipeline(context, 'rightDelim');
    this.enter();
    const savedVars = this.vars;
    this.vars = ['$'];
    try {
      const [list, end] = this.itemList();
      if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
      this.addDefinition(name, list);
    } finally {
      this.vars = savedVars;
      this.depth--;
    }
    return { type: 'template', pos: item.pos, line: item.line, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const item = this.nextNonSpace();
    const name = this.templateName(item, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: item.pos, line: item.line, name, pipe };
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const item = this.next();
      if (item.type === 'space') continue;
      if (item.type === 'rightDelim' || item.type === 'rightParen') this.backup();
      else if (item.type !== 'pipe') this.unexpected(item, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== 'field') return node;
    const chain: ChainNode = { type: 'chain', pos: this.peek().pos, node, field: [] };
    while (this.peek().type === 'field') chain.field.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos: chain.pos, ident: [...node.ident, ...chain.field] };
      case 'variable':
        return { type: 'variable', pos: chain.pos, ident: [...node.ident, ...chain.field] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      // falls through: errorf never returns
      default:
        return chain;
    }
  }

  private term(): ArgNode | undefined {
    const item = this.nextNonSpace();
    switch (item.type) {
      case 'identifier':
        if (!this.hasFunction(item.val)) this.errorf(`function ${goQuote(item.val)} not defined`);
        return { type: 'identifier', pos: item.pos, ident: item.val };
      case 'dot':
        return { type: 'dot', pos: item.pos };
      case 'nil':
        return { type: 'nil', pos: item.pos };
      case 'variable':
        return this.useVar(item.pos, item.val);
      case 'field':
        return { type: 'field', pos: item.pos, ident: item.val.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos: item.pos, value: item.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        try {
          return newNumber(item.pos, item.val, item.type);
        } catch (error) {
          if (error instanceof ParseFailure) this.errorf(error.message);
          throw error;
        }
      case 'leftParen': {
        this.enter();
        try {
          return this.pipeline('parenthesized pipeline', 'rightParen');
        } finally {
          this.depth--;
        }
      }
      case 'string':
      case 'rawString': {
        const text = goUnquote(item.val);
        if (text === undefined) this.errorf('invalid syntax');
        return { type: 'string', pos: item.pos, quoted: item.val, text };
      }
      default:
        this.backup();
        return undefined;
    }
  }

  private useVar(pos: number, name: string): VariableNode {
    const ident = name.split('.');
    if (!this.vars.includes(ident[0] as string)) this.errorf(`undefined variable ${goQuote(ident[0] as string)}`);
    return { type: 'variable', pos, ident };
  }
}

function isMarker(node: Node | MarkerNode): node is MarkerNode {
  return node.type === 'end' || node.type === 'else';
}

function isEmptyTree(list: ListNode): boolean {
  return list.nodes.every((node) => node.type === 'text' && node.text.trim() === '');
}

/** Parses a template; throws ParseFailure with Go's message on error. */
export function parseTree(text: string, hasFunction: (name: string) => boolean): Tree {
  const parser = new Parser(text, hasFunction);
  const root = parser.parse();
  return { root, text, defined: parser.defined };
}
