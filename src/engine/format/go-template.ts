// The Go text/template dialect docker users type in `--format` and `-f`: parse once, execute per
// object. Errors carry Go's exact wording (the caller adds docker's prefix, e.g.
// `template parsing error: ` or `failed to parse template: `).

import { BUILTIN_FUNCS, DEFAULT_LIMITS, DOCKER_FUNCS, ExecFailure, ExecFailureWithOutput, HEADER_FUNCS, execute } from './go-template-exec';
import type { ExecLimits, TemplateFunc } from './go-template-exec';
import { ParseFailure, parseTree } from './go-template-parse';
import type { Tree } from './go-template-parse';

export type { ParamType, TemplateFunc, ExecLimits } from './go-template-exec';
export { BUILTIN_FUNCS, DOCKER_FUNCS, HEADER_FUNCS } from './go-template-exec';

/** Longest template text accepted (real users type one line; this keeps parsing bounded). */
export const MAX_TEMPLATE_LENGTH = 16_384;

/** A template error with Go's message, e.g. `template: :1: unclosed action`. */
export class TemplateError {
  constructor(
    readonly message: string,
    readonly phase: 'parse' | 'exec',
  ) {}
}

export interface Template {
  readonly source: string;
  readonly tree: Tree;
  /** Functions known when parsing (docker's set plus any extras); execution uses the same set. */
  readonly funcs: ReadonlyMap<string, TemplateFunc>;
}

export interface ParseOptions {
  /** Extra functions (name → implementation); docker's and Go's built-ins are always present. */
  funcs?: Readonly<Record<string, TemplateFunc>>;
}

/** Parses a template with docker's function set. Returns a TemplateError on invalid syntax. */
export function parseTemplate(text: string, options: ParseOptions = {}): Template | TemplateError {
  if (text.length > MAX_TEMPLATE_LENGTH) {
    return new TemplateError(`template: :1: template longer than ${MAX_TEMPLATE_LENGTH} characters`, 'parse');
  }
  const funcs = new Map<string, TemplateFunc>([...BUILTIN_FUNCS, ...DOCKER_FUNCS, ...Object.entries(options.funcs ?? {})]);
  try {
    return { source: text, tree: parseTree(text, (name) => funcs.has(name)), funcs };
  } catch (error) {
    if (error instanceof ParseFailure) return new TemplateError(error.message, 'parse');
    throw error;
  }
}

export interface ExecuteOptions {
  /**
   * Go type name of the data, used in `can't evaluate field X in type T` errors
   * (e.g. `*formatter.ContainerContext`). Nested structs can be named with goStruct().
   */
  typeName?: string;
  /** text/template's Option("missingkey=error"): a missing map key is an error instead of `<no value>`. */
  missingKey?: 'default' | 'error';
  /** Treat every plain object as a `map[string]interface {}` (what docker inspect falls back to). */
  rawMaps?: boolean;
  /** Use docker's header functions (json/split/join/title/lower/upper/truncate return their argument). */
  header?: boolean;
  /** Overrides the default execution bounds. */
  limits?: Partial<ExecLimits>;
}

export type TemplateResult =
  | { ok: true; output: string }
  /** `output` is what Go had written before the error (docker discards it, except for table headers). */
  | { ok: false; error: TemplateError; output: string };

const BUILTIN_NAMES: ReadonlySet<string> = new Set(BUILTIN_FUNCS.keys());
const headerFuncsCache = new WeakMap<ReadonlyMap<string, TemplateFunc>, ReadonlyMap<string, TemplateFunc>>();

function withHeaderFuncs(funcs: ReadonlyMap<string, TemplateFunc>): ReadonlyMap<string, TemplateFunc> {
  let merged = headerFuncsCache.get(funcs);
  if (!merged) {
    merged = new Map([...funcs, ...HEADER_FUNCS]);
    headerFuncsCache.set(funcs, merged);
  }
  return merged;
}

/** Runs a parsed template over one object. */
export function executeTemplate(template: Template, data: unknown, options: ExecuteOptions = {}): TemplateResult {
  const funcs = options.header ? withHeaderFuncs(template.funcs) : template.funcs;
  try {
    const output = execute(template.tree, data, {
      funcs,
      builtins: BUILTIN_NAMES,
      typeName: options.typeName,
      missingKeyError: options.missingKey === 'error',
      rawMaps: options.rawMaps ?? false,
      limits: options.limits ? { ...DEFAULT_LIMITS, ...options.limits } : DEFAULT_LIMITS,
    });
    return { ok: true, output };
  } catch (error) {
    if (error instanceof ExecFailureWithOutput) return { ok: false, error: new TemplateError(error.message, 'exec'), output: error.partial };
    if (error instanceof ExecFailure) return { ok: false, error: new TemplateError(error.message, 'exec'), output: '' };
    throw error;
  }
}

/** Parse + execute in one go (for one-off templates). */
export function renderTemplate(text: string, data: unknown, options: ExecuteOptions = {}): TemplateResult {
  const template = parseTemplate(text);
  if (template instanceof TemplateError) return { ok: false, error: template, output: '' };
  return executeTemplate(template, data, options);
}
