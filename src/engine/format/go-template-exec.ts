// Executes a parsed Go template over plain data (see go-value.ts for how JavaScript values stand
// for Go values), following text/template's exec.go: the same evaluation order, the same error
// context (`template: :1:7: executing "" at <.Name.Foo>: can't evaluate field Foo in type string`),
// Go's built-in functions and docker's template functions. Work and output are bounded so that a
// hostile `--format` cannot hang or flood the engine.

import { goSprint, goSprintf, goSprintln, formatValue } from './go-fmt';
import { nodeString } from './go-template-parse';
import type { ArgNode, ChainNode, CommandNode, FieldNode, IdentifierNode, ListNode, Node, NumberNode, PipeNode, Tree, VariableNode } from './go-template-parse';
import {
  GoCallError,
  compareGoStrings,
  goKind,
  goMapEntries,
  goMapLookup,
  goMapSize,
  goMapZero,
  goFloat,
  goNumber,
  goSliceItems,
  goStructMember,
  goTruth,
  goTypeName,
  isGoNil,
  methodParams,
  nilPointerFields,
  utf8Bytes,
  utf8Decode,
} from './go-value';
import type { GoFunction, GoParam } from './go-value';
import { goQuote } from './go-strconv';
import { toGoJson } from './json';

/** Parameter types of template functions: Go types the evaluator checks arguments against. */
export type ParamType = GoParam | '[]string' | 'value';

/** A template function: fixed parameters, an optional variadic tail, and the implementation. */
export interface TemplateFunc {
  params: readonly ParamType[];
  variadic?: ParamType;
  fn: (...args: unknown[]) => unknown;
}

export interface ExecLimits {
  /** Evaluation steps (nodes walked, commands run, range iterations) before giving up. */
  maxSteps: number;
  /** Characters of output before giving up. */
  maxOutput: number;
  /** Nested {{template}} calls. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ExecLimits = { maxSteps: 200_000, maxOutput: 1_000_000, maxDepth: 100 };

export interface ExecConfig {
  funcs: ReadonlyMap<string, TemplateFunc>;
  builtins: ReadonlySet<string>;
  /** Go type name of the data passed in (`*formatter.ContainerContext`). */
  typeName: string | undefined;
  /** text/template Option("missingkey=error"). */
  missingKeyError: boolean;
  /** Every object is a map[string]interface {} (docker inspect's fallback on the raw JSON). */
  rawMaps: boolean;
  limits: ExecLimits;
}

/** Raised inside execution; the public API turns it into a TemplateError. */
export class ExecFailure extends Error {}

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

const MISSING: unique symbol = Symbol('missing');
type Value = unknown;
type Final = Value | typeof MISSING;

type AnyNode = Node | ArgNode | CommandNode;

function utf8Length(text: string, from: number, to: number): number {
  return utf8Bytes(text.slice(from, to)).length;
}

class State {
  private node: AnyNode | undefined;
  private vars: Array<{ name: string; value: Value }>;
  private steps = 0;
  private outputLength = 0;
  private depth = 0;
  private name = '';
  readonly out: string[] = [];

  constructor(
    private readonly tree: Tree,
    private readonly config: ExecConfig,
    private readonly root: Value,
  ) {
    this.vars = [{ name: '$', value: root }];
  }

  errorf(message: string): never {
    if (!this.node) throw new ExecFailure(`template: : ${message}`);
    const pos = this.node.pos;
    const text = this.tree.text;
    const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 0x0a) line++;
    const column = utf8Length(text, lineStart, pos);
    throw new ExecFailure(`template: :${line}:${column}: executing ${goQuote(this.name)} at <${nodeString(this.node)}>: ${message}`);
  }

  private at(node: AnyNode): void {
    this.node = node;
  }

  private tick(): void {
    if (++this.steps > this.config.limits.maxSteps) {
      this.errorf(`template stopped: more than ${this.config.limits.maxSteps} evaluation steps`);
    }
  }

  private write(text: string): void {
    this.outputLength += text.length;
    if (this.outputLength > this.config.limits.maxOutput) {
      this.errorf(`template stopped: output longer than ${this.config.limits.maxOutput} characters`);
    }
    this.out.push(text);
  }

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private setVar(name: string, value: Value): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const variable = this.vars[i] as { name: string; value: Value };
      if (variable.name === name) {
        variable.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: Value): void {
    const variable = this.vars[this.vars.length - n];
    if (variable) variable.value = value;
  }

  private varValue(name: string): Value {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const variable = this.vars[i] as { name: string; value: Value };
      if (variable.name === name) return variable.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  typeName(value: Value): string {
    if (value === this.root && this.config.typeName !== undefined) return this.config.typeName;
    if (this.config.rawMaps) return value === this.root ? 'map[string]interface {}' : 'interface {}';
    return goTypeName(value);
  }

  private isMap(value: Value): boolean {
    const kind = goKind(value);
    return kind === 'map' || (kind === 'struct' && this.config.rawMaps);
  }

  walk(dot: Value, node: Node): void {
    this.at(node);
    this.tick();
    switch (node.type) {
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        this.walkIfOrWith(node.type, dot, node.pipe, node.list, node.elseList);
        return;
      case 'list':
        for (const child of node.nodes) this.walk(dot, child);
        return;
      case 'range':
        this.walkRange(dot, node.pipe, node.list, node.elseList, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'text':
        this.write(node.text);
        return;
    }
  }

  private walkIfOrWith(type: 'if' | 'with', dot: Value, pipe: PipeNode, list: ListNode, elseList: ListNode | undefined): void {
    const mark = this.mark();
    try {
      const value = this.evalPipeline(dot, pipe);
      if (goTruth(value)) this.walk(type === 'with' ? value : dot, list);
      else if (elseList) this.walk(dot, elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: Value, pipe: PipeNode, list: ListNode, elseList: ListNode | undefined, node: Node): void {
    this.at(node);
    const outerMark = this.mark();
    try {
      const value = this.evalPipeline(dot, pipe);
      const mark = this.mark();
      const oneIteration = (index: Value, elem: Value): void => {
        this.tick();
        if (pipe.decl.length > 0) {
          if (pipe.isAssign) this.setVar(pipe.decl[0]?.ident[0] as string, pipe.decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (pipe.decl.length > 1) {
          if (pipe.isAssign) this.setVar(pipe.decl[1]?.ident[0] as string, elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, list);
        } catch (signal) {
          if (signal !== CONTINUE) throw signal;
        } finally {
          this.pop(mark);
        }
      };
      let ran = false;
      try {
        switch (goKind(value)) {
          case 'int': {
            if (pipe.decl.length > 1) this.errorf(`can't use ${formatValue(value)} to iterate over more than one variable`);
            const count = Number(value);
            for (let i = 0; i < count; i++) {
              ran = true;
              oneIteration(undefined, i);
            }
            break;
          }
          case 'slice':
            goSliceItems(value).forEach((item, i) => {
              ran = true;
              oneIteration(i, item);
            });
            break;
          case 'map':
            for (const [key, item] of goMapEntries(value)) {
              ran = true;
              oneIteration(key, item);
            }
            break;
          case 'struct':
            if (this.config.rawMaps) {
              for (const [key, item] of goMapEntries(value)) {
                ran = true;
                oneIteration(key, item);
              }
              break;
            }
            this.errorf(`range can't iterate over ${formatValue(value)}`);
          // falls through: errorf never returns
          case 'invalid':
            break;
          default:
            this.errorf(`range can't iterate over ${formatValue(value)}`);
        }
      } catch (signal) {
        if (signal !== BREAK) throw signal;
        return;
      }
      if (!ran && elseList) this.walk(dot, elseList);
    } finally {
      this.pop(outerMark);
    }
  }

  private walkTemplate(dot: Value, node: Node & { type: 'template' }): void {
    this.at(node);
    const list = this.tree.defined.get(node.name);
    if (!list) this.errorf(`template ${JSON.stringify(node.name)} not defined`);
    if (this.depth >= this.config.limits.maxDepth) this.errorf(`exceeded maximum template depth (${this.config.limits.maxDepth})`);
    const value = this.evalPipeline(dot, node.pipe);
    const savedVars = this.vars;
    const savedName = this.name;
    this.vars = [{ name: '$', value }];
    this.name = node.name;
    this.depth++;
    try {
      this.walk(value, list);
    } finally {
      this.depth--;
      this.vars = savedVars;
      this.name = savedName;
    }
  }

  private evalPipeline(dot: Value, pipe: PipeNode | undefined): Value {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil inside an interface{} (every value of a raw JSON map) unwraps to "no value".
      if (this.config.rawMaps && value === null) value = undefined;
    }
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0] as string, value);
      else this.vars.push({ name: variable.ident[0] as string, value });
    }
    return value;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0] as ArgNode)}`);
  }

  private evalCommand(dot: Value, cmd: CommandNode, final: Final): Value {
    this.tick();
    const first = cmd.args[0] as ArgNode;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
      default:
        break;
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through: errorf never returns
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(constant: NumberNode): Value {
    this.at(constant);
    const text = constant.text;
    const hexInt = /^[+-]?0[xX]/.test(text) && !/[pP]/.test(text);
    if (constant.isFloat && !hexInt && !text.startsWith("'") && /[.eEpP]/.test(text)) return goFloat(constant.float);
    if (constant.isInt) return constant.int;
    this.errorf(`${text} overflows int`);
  }

  private evalFieldNode(dot: Value, field: FieldNode, args: readonly ArgNode[], final: Final): Value {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: Value, chain: ChainNode, args: readonly ArgNode[] | undefined, final: Final): Value {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: Value, variable: VariableNode, args: readonly ArgNode[] | undefined, final: Final): Value {
    this.at(variable);
    const value = this.varValue(variable.ident[0] as string);
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [variable], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: Value,
    receiver: Value,
    node: AnyNode,
    ident: readonly string[],
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): Value {
    let current = receiver;
    let staticType: string | undefined;
    for (let i = 0; i < ident.length - 1; i++) {
      const next = this.evalField(dot, ident[i] as string, node, undefined, MISSING, current, staticType);
      // A value read from a map[string]interface {} has the static type interface {}, which is
      // what Go names when a later field lookup on it fails.
      staticType = this.isMap(current) && /^map\[[^\]]*\]interface \{\}$/.test(this.typeName(current)) ? 'interface {}' : undefined;
      current = next;
    }
    return this.evalField(dot, ident[ident.length - 1] as string, node, args, final, current, staticType);
  }

  private evalField(
    dot: Value,
    name: string,
    node: AnyNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
    receiver: Value,
    staticType?: string,
  ): Value {
    if (receiver === undefined) {
      if (this.config.missingKeyError) this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    const typeName = staticType ?? this.typeName(receiver);
    const kind = goKind(receiver);
    if (kind === 'nil') {
      const fields = nilPointerFields(receiver);
      if (fields === undefined || fields.includes(name)) this.errorf(`nil pointer evaluating ${typeName}.${name}`);
      this.errorf(`can't evaluate field ${name} in type ${typeName}`);
    }
    const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
    if (kind === 'struct' && !this.config.rawMaps) {
      const member = goStructMember(receiver as object, name);
      if (member.found) {
        if (typeof member.value === 'function') {
          const fn = member.value as GoFunction;
          const spec: TemplateFunc = { params: methodParams(fn), fn: fn as (...x: unknown[]) => unknown };
          return this.evalCall(dot, spec, false, node, name, args, final, receiver);
        }
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return member.value;
      }
    } else if (this.isMap(receiver)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      const found = goMapLookup(receiver, name);
      if (!found.found && this.config.missingKeyError) this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
      return found.value;
    }
    this.errorf(`can't evaluate field ${name} in type ${typeName}`);
  }

  private evalFunction(dot: Value, node: IdentifierNode, cmd: AnyNode, args: readonly ArgNode[] | undefined, final: Final): Value {
    this.at(node);
    const fn = this.config.funcs.get(node.ident);
    if (!fn) this.errorf(`${JSON.stringify(node.ident)} is not a defined function`);
    return this.evalCall(dot, fn, this.config.builtins.has(node.ident), cmd, node.ident, args, final);
  }

  private evalCall(
    dot: Value,
    fn: TemplateFunc,
    isBuiltin: boolean,
    node: AnyNode,
    name: string,
    allArgs: readonly ArgNode[] | undefined,
    final: Final,
    receiver?: Value,
  ): Value {
    const args = allArgs ? allArgs.slice(1) : [];
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    const numFixed = fn.variadic !== undefined ? fn.params.length : args.length;
    if (fn.variadic !== undefined) {
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let value: Value;
      for (const arg of args) {
        value = this.evalArg(dot, 'value', arg);
        if (goTruth(value) === (name === 'or')) return value;
      }
      if (final !== MISSING) value = final;
      return value;
    }

    const argv: Value[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i], args[i] as ArgNode));
    if (fn.variadic !== undefined) for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i] as ArgNode));
    if (final !== MISSING) {
      let type: ParamType | undefined = fn.params[fn.params.length - 1];
      if (fn.variadic !== undefined) type = numIn - 1 < numFixed ? fn.params[numIn - 1] : fn.variadic;
      argv.push(this.validateType(final, type));
    }
    if (isBuiltin && name === 'call') argv.unshift(args[0] ? nodeString(args[0]) : formatValue(final));
    try {
      return receiver === undefined ? fn.fn(...argv) : fn.fn.apply(receiver, argv);
    } catch (error) {
      if (error instanceof GoCallError) {
        this.at(node);
        this.errorf(`error calling ${name}: ${error.message}`);
      }
      throw error;
    }
  }

  private validateType(value: Value, type: ParamType | undefined): Value {
    if (value === undefined) {
      if (type === undefined || type === 'value') return undefined;
      if (type === 'any') return null;
      if (type === '[]string') return [];
      this.errorf(`invalid value; expected ${type}`);
    }
    if (type === undefined || type === 'any' || type === 'value') return value;
    const kind = goKind(value);
    const actual = this.typeName(value);
    const ok =
      type === 'string'
        ? typeof value === 'string'
        : type === 'bool'
          ? kind === 'bool'
          : type === 'int'
            ? typeof value === 'number' && kind === 'int'
            : kind === 'slice' && (isGoNil(value) || goSliceItems(value).every((item) => typeof item === 'string')) && actual === '[]string';
    if (!ok) this.errorf(`wrong type for value; expected ${type}; got ${actual}`);
    return value;
  }

  private evalArg(dot: Value, type: ParamType | undefined, node: ArgNode): Value {
    this.at(node);
    switch (node.type) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type === undefined || type === 'any' || type === 'value') return type === 'any' ? null : undefined;
        if (type === '[]string') return [];
        this.errorf(`cannot assign nil to ${type}`);
      // falls through: errorf never returns
      case 'field':
        return this.validateType(this.evalFieldNode(dot, node, [node], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, node, undefined, MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, node), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, node, node, undefined, MISSING), type);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, node, undefined, MISSING), type);
      default:
        break;
    }
    switch (type) {
      case 'bool':
        if (node.type === 'bool') return node.value;
        this.errorf(`expected bool; found ${nodeString(node)}`);
      // falls through: errorf never returns
      case 'int':
        if (node.type === 'number' && node.isInt) return node.int;
        this.errorf(`expected integer; found ${nodeString(node)}`);
      // falls through: errorf never returns
      case 'string':
        if (node.type === 'string') return node.text;
        this.errorf(`expected string; found ${nodeString(node)}`);
      // falls through: errorf never returns
      case 'any':
      case 'value':
      case undefined:
        return this.evalEmptyInterface(node);
      case '[]string':
        this.errorf(`can't handle ${nodeString(node)} for arg of type []string`);
    }
  }

  private evalEmptyInterface(node: ArgNode): Value {
    this.at(node);
    switch (node.type) {
      case 'bool':
        return node.value;
      case 'number':
        return this.idealConstant(node);
      case 'string':
        return node.text;
      default:
        this.errorf(`can't handle assignment of ${nodeString(node)} to empty interface argument`);
    }
  }

  private printValue(node: AnyNode, value: Value): void {
    this.at(node);
    if (value === undefined) {
      this.write('<no value>');
      return;
    }
    if (typeof value === 'function') this.errorf(`can't print ${nodeString(node)} of type ${goTypeName(value)}`);
    this.write(formatValue(value));
  }
}

// ---------------------------------------------------------------------------------------------
// Built-in functions (text/template funcs.go) and docker's template functions (docker/cli
// templates/templates.go). Failures throw GoCallError, reported as `error calling NAME: …`.

/**
 * Type names as the running template sees them (the root's declared type, raw-map mode). Execution
 * is synchronous, so the built-ins can read the current execution's namer from here.
 */
let currentState: State | undefined;

function describeType(value: Value): string {
  return currentState ? currentState.typeName(value) : goTypeName(value);
}

/** The type after following a pointer, as index and len report it (`formatter.ContainerContext`). */
function indirectTypeName(value: Value): string {
  const name = describeType(value);
  return name.startsWith('*') ? name.slice(1) : name;
}

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'other';

function basicKind(value: Value): BasicKind {
  switch (goKind(value)) {
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'string':
      return 'string';
    default:
      return 'other';
  }
}

function isNilValue(value: Value): boolean {
  return value === undefined || value === null || isGoNil(value);
}

function sameValue(a: Value, b: Value): boolean {
  return toGoJson(a) === toGoJson(b);
}

function eq(arg1: Value, ...rest: Value[]): boolean {
  if (rest.length === 0) throw new GoCallError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (arg1 !== undefined && arg !== undefined) throw new GoCallError('incompatible types for comparison');
    } else if (k1 === 'int') {
      truth = BigInt(arg1 as number | bigint) === BigInt(arg as number | bigint);
    } else if (k1 === 'float') {
      truth = goNumber(arg1) === goNumber(arg);
    } else if (k1 !== 'other') {
      truth = arg1 === arg;
    } else if (isNilValue(arg1) || isNilValue(arg)) {
      truth = isNilValue(arg1) === isNilValue(arg);
    } else {
      const kind = goKind(arg);
      if (kind === 'slice' || kind === 'map' || kind === 'func') {
        throw new GoCallError(`non-comparable type ${goSprintf('%s', [arg])}: ${describeType(arg)}`);
      }
      truth = sameValue(arg1, arg);
    }
    if (truth) return true;
  }
  return false;
}

function lessThan(arg1: Value, arg2: Value): boolean {
  const k1 = basicKind(arg1);
  const k2 = basicKind(arg2);
  if (k1 === 'other' || k2 === 'other') throw new GoCallError('invalid type for comparison');
  if (k1 !== k2) throw new GoCallError('incompatible types for comparison');
  switch (k1) {
    case 'bool':
      throw new GoCallError('invalid type for comparison');
    case 'string':
      return compareGoStrings(arg1 as string, arg2 as string) < 0;
    case 'int':
      return BigInt(arg1 as number | bigint) < BigInt(arg2 as number | bigint);
    default:
      return goNumber(arg1) < goNumber(arg2);
  }
}

function indexArg(index: Value, cap: number): number {
  if (index === undefined) throw new GoCallError('cannot index slice/array with nil');
  if (goKind(index) !== 'int') throw new GoCallError(`cannot index slice/array with type ${goTypeName(index)}`);
  const x = Number(index);
  if (x < 0 || x > cap) throw new GoCallError(`index out of range: ${String(index)}`);
  return x;
}

function index(item: Value, ...indexes: Value[]): Value {
  if (item === undefined) throw new GoCallError('index of untyped nil');
  let current: Value = item;
  for (const key of indexes) {
    const kind = goKind(current);
    if (kind === 'nil') throw new GoCallError('index of nil pointer');
    if (kind === 'slice' || kind === 'string') {
      const length = kind === 'string' ? utf8Bytes(current as string).length : goSliceItems(current).length;
      const x = indexArg(key, length);
      if (x === length) throw new GoCallError(`reflect: ${kind} index out of range`);
      current = kind === 'string' ? utf8Bytes(current as string)[x] : goSliceItems(current)[x];
    } else if (kind === 'map') {
      let lookupKey = key;
      if (key === undefined) lookupKey = '';
      else if (typeof key !== 'string') throw new GoCallError(`value has type ${goTypeName(key)}; should be string`);
      const found = goMapLookup(current, lookupKey);
      current = found.found ? found.value : goMapZero(current);
    } else {
      throw new GoCallError(`can't index item of type ${indirectTypeName(current)}`);
    }
  }
  return current;
}

function slice(item: Value, ...indexes: Value[]): Value {
  if (item === undefined) throw new GoCallError('slice of untyped nil');
  if (indexes.length > 3) throw new GoCallError(`too many slice indexes: ${indexes.length}`);
  const kind = goKind(item);
  let length: number;
  if (kind === 'string') {
    if (indexes.length === 3) throw new GoCallError('cannot 3-index slice a string');
    length = utf8Bytes(item as string).length;
  } else if (kind === 'slice') {
    length = goSliceItems(item).length;
  } else {
    throw new GoCallError(`can't slice item of type ${describeType(item)}`);
  }
  const idx = [0, length, length];
  indexes.forEach((value, i) => {
    idx[i] = indexArg(value, length);
  });
  const [from = 0, to = length, max = length] = idx;
  if (from > to) throw new GoCallError(`invalid slice index: ${from} > ${to}`);
  if (indexes.length === 3 && to > max) throw new GoCallError(`invalid slice index: ${to} > ${max}`);
  if (kind === 'string') return utf8Decode(utf8Bytes(item as string).slice(from, to));
  return goSliceItems(item).slice(from, to);
}

function length(item: Value): number {
  const kind = goKind(item);
  if (item === undefined) throw new GoCallError('reflect: call of reflect.Value.Type on zero Value');
  if (kind === 'nil') throw new GoCallError('len of nil pointer');
  if (kind === 'string') return utf8Bytes(item as string).length;
  if (kind === 'slice') return goSliceItems(item).length;
  if (kind === 'map') return goMapSize(item);
  throw new GoCallError(`len of type ${indirectTypeName(item)}`);
}

/** text/template's evalArgs for html/js/urlquery: a nil argument prints as `<no value>`. */
function evalArgsToString(args: Value[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return goSprint(args.map((arg) => (arg === null || arg === undefined ? '<no value>' : arg)));
}

function htmlEscape(text: string): string {
  return text.replace(/[&'<>"\0]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === "'" ? '&#39;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&#34;' : '\ufffd',
  );
}

function jsEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (code < 0x20) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function queryEscape(text: string): string {
  let out = '';
  for (const byte of utf8Bytes(text)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** strings.Title: upper-cases the first letter of every word (words split on non-letters). */
function goTitle(text: string): string {
  let previous = ' ';
  let out = '';
  for (const ch of text) {
    const separator = isTitleSeparator(previous);
    out += separator ? upperRune(ch) : ch;
    previous = ch;
  }
  return out;
}

function isTitleSeparator(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

/** unicode.ToUpper per rune: characters without a one-rune upper case (like ß) stay as they are. */
function upperRune(ch: string): string {
  const upper = ch.toUpperCase();
  return Array.from(upper).length === 1 ? upper : ch;
}

function lowerRune(ch: string): string {
  // U+0130 (İ) is the one letter whose full lower case is two runes but whose simple one is `i`.
  if (ch === '\u0130') return 'i';
  const lower = ch.toLowerCase();
  return Array.from(lower).length === 1 ? lower : ch;
}

function goSplit(text: string, separator: string): string[] {
  if (separator === '') return Array.from(text);
  return text.split(separator);
}

function repeatSpaces(count: number): string {
  if (count < 0) throw new GoCallError('strings: negative Repeat count');
  if (count > DEFAULT_LIMITS.maxOutput) throw new GoCallError('strings: Repeat output length overflow');
  return ' '.repeat(count);
}

const fixed = (params: readonly ParamType[], fn: (...args: never[]) => unknown): TemplateFunc => ({
  params,
  fn: fn as (...args: unknown[]) => unknown,
});

const variadic = (params: readonly ParamType[], rest: ParamType, fn: (...args: never[]) => unknown): TemplateFunc => ({
  params,
  variadic: rest,
  fn: fn as (...args: unknown[]) => unknown,
});

/** Go's predefined template functions. */
export const BUILTIN_FUNCS: ReadonlyMap<string, TemplateFunc> = new Map<string, TemplateFunc>([
  ['and', variadic(['value'], 'value', () => undefined)],
  ['or', variadic(['value'], 'value', () => undefined)],
  ['not', fixed(['value'], (v: Value) => !goTruth(v))],
  ['call', variadic(['value'], 'value', (name: string, fn: Value) => {
    throw new GoCallError(`non-function ${name} of type ${describeType(fn)}`);
  })],
  ['html', variadic([], 'any', (...args: Value[]) => htmlEscape(evalArgsToString(args)))],
  ['js', variadic([], 'any', (...args: Value[]) => jsEscape(evalArgsToString(args)))],
  ['urlquery', variadic([], 'any', (...args: Value[]) => queryEscape(evalArgsToString(args)))],
  ['index', variadic(['value'], 'value', index)],
  ['slice', variadic(['value'], 'value', slice)],
  ['len', fixed(['value'], length)],
  ['print', variadic([], 'any', (...args: Value[]) => goSprint(args))],
  ['printf', variadic(['string'], 'any', (format: string, ...args: Value[]) => goSprintf(format, args))],
  ['println', variadic([], 'any', (...args: Value[]) => goSprintln(args))],
  ['eq', variadic(['value'], 'value', eq)],
  ['ne', fixed(['value', 'value'], (a: Value, b: Value) => !eq(a, b))],
  ['lt', fixed(['value', 'value'], lessThan)],
  ['le', fixed(['value', 'value'], (a: Value, b: Value) => lessThan(a, b) || eq(a, b))],
  ['gt', fixed(['value', 'value'], (a: Value, b: Value) => !lessThan(a, b) && !eq(a, b))],
  ['ge', fixed(['value', 'value'], (a: Value, b: Value) => !lessThan(a, b))],
]);

/** docker/cli's template functions, available in every `--format` / `-f`. */
export const DOCKER_FUNCS: ReadonlyMap<string, TemplateFunc> = new Map<string, TemplateFunc>([
  ['json', fixed(['any'], (v: Value) => toGoJson(v))],
  ['split', fixed(['string', 'string'], goSplit)],
  ['join', fixed(['[]string', 'string'], (items: string[], sep: string) => items.join(sep))],
  ['title', fixed(['string'], goTitle)],
  ['lower', fixed(['string'], (s: string) => Array.from(s, lowerRune).join(''))],
  ['upper', fixed(['string'], (s: string) => Array.from(s, upperRune).join(''))],
  [
    'pad',
    fixed(['string', 'int', 'int'], (s: string, prefix: number, suffix: number) =>
      s === '' ? s : repeatSpaces(prefix) + s + repeatSpaces(suffix),
    ),
  ],
  [
    'truncate',
    fixed(['string', 'int'], (s: string, n: number) => {
      const bytes = utf8Bytes(s);
      if (bytes.length < n) return s;
      if (n < 0) throw new GoCallError(`runtime error: slice bounds out of range [:${n}]`);
      return utf8Decode(bytes.slice(0, n));
    }),
  ],
]);

/**
 * docker's HeaderFunctions: for the header row of a `table` format these return their argument
 * unchanged so the column title stays intact (`pad` and Go's built-ins are not replaced).
 */
export const HEADER_FUNCS: ReadonlyMap<string, TemplateFunc> = new Map<string, TemplateFunc>([
  ['json', fixed(['string'], (v: string) => v)],
  ['split', fixed(['string', 'string'], (v: string) => v)],
  ['join', fixed(['string', 'string'], (v: string) => v)],
  ['title', fixed(['string'], (v: string) => v)],
  ['lower', fixed(['string'], (v: string) => v)],
  ['upper', fixed(['string'], (v: string) => v)],
  ['truncate', fixed(['string', 'int'], (v: string) => v)],
]);

export function execute(tree: Tree, data: Value, config: ExecConfig): string {
  const state = new State(tree, config, data);
  const previous = currentState;
  currentState = state;
  try {
    state.walk(data, tree.root);
  } catch (error) {
    if (error instanceof ExecFailure) throw new ExecFailureWithOutput(error.message, state.out.join(''));
    throw error;
  } finally {
    currentState = previous;
  }
  return state.out.join('');
}

/** An execution failure with the output written before it (Go leaves it in the writer). */
export class ExecFailureWithOutput extends ExecFailure {
  constructor(
    message: string,
    readonly partial: string,
  ) {
    super(message);
  }
}
