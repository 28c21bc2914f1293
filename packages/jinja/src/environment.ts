import type { JinjaEnvironment, MacroSource, RenderOptions } from "./api";
import { JinjaError } from "./errors";
import { builtinGlobals } from "./runtime/globals";
import { MacroReturn } from "./runtime/signals";
import { BUILTIN_FILTERS, BUILTIN_TESTS, createRuntime, locatedError, RESOLVE, type RenderMeta, type Runtime } from "./runtime/runtime";
import type { FilterFn } from "./runtime/filters";
import type { TestFn } from "./runtime/tests";
import { JinjaCompiler } from "./syntax/compiler";
import { JinjaParser } from "./syntax/parser";
import { preprocess } from "./syntax/preprocess";
import { deepestNesting } from "./syntax/nesting-depth";
import { staticMacroCalls, type StaticMacroCall } from "./syntax/static-macro-calls";
import type { TemplateCodeCache } from "./template-code-cache";

/** A filter added to an environment: receives the value, positional and keyword arguments. */
export type CustomFilter = (value: unknown, args: unknown[], kwargs: Record<string, unknown>) => unknown;

/** Options of {@link createEnvironment}. */
export interface EnvironmentOptions {
  /** Extra or overriding globals (seen after the render context). */
  globals?: Record<string, unknown>;
  /** Extra filters, e.g. dbt's `as_bool`. */
  filters?: Record<string, CustomFilter>;
  /** Extra tests. */
  tests?: Record<string, (value: unknown, ...args: unknown[]) => boolean>;
  /**
   * Where the JavaScript of compiled templates is looked up before parsing a template and stored
   * after (e.g. {@link openTemplateCodeCache} on a file in the target folder), so a new process skips
   * parsing and code generation of templates compiled before. Only code is stored, never output.
   */
  codeCache?: TemplateCodeCache;
}

type RootFn = (rt: Runtime, scope: Record<string | symbol, unknown>, meta: RenderMeta) => string;

/**
 * Compiled templates of this process by template text, shared by every environment with the same
 * filter and test names (the only thing compiling depends on: a compiled template takes its runtime
 * and scope as arguments). A second parse in a long-lived process (watch mode, the Node API) then
 * compiles only templates it has not seen, e.g. an edited model.
 */
const compiledTemplates = new Map<string, Map<string, RootFn>>();

/** The calls each checked template makes that may name macros (they depend on the text only). */
const callsBySource = new Map<string, StaticMacroCall[]>();

/**
 * Generated code starts with a comment holding the template's {@link StaticMacroCall}s, so a
 * template read from the code cache gives them without being parsed again.
 */
const CALLS_HEADER = "/*calls:";

function withCallsHeader(code: string, calls: StaticMacroCall[]): string {
  return `${CALLS_HEADER}${JSON.stringify(calls).replace(/\*\//g, "*\\/")}*/\n${code}`;
}

/** The calls stored in generated code, or undefined when it has no header (code of an older build). */
function callsInCode(code: string): StaticMacroCall[] | undefined {
  if (!code.startsWith(CALLS_HEADER)) return undefined;
  const end = code.indexOf("*/\n");
  return end < 0 ? undefined : (JSON.parse(code.slice(CALLS_HEADER.length, end)) as StaticMacroCall[]);
}

/**
 * Creates a dbt-flavoured Jinja environment: Jinja2 3.1 semantics with the `do` and
 * `loopcontrols` extensions, autoescape off and the single trailing newline dropped.
 */
export function createEnvironment(options: EnvironmentOptions = {}): JinjaEnvironment {
  const filters: Record<string, FilterFn> = { ...BUILTIN_FILTERS };
  for (const [name, f] of Object.entries(options.filters ?? {})) filters[name] = (_env, v, a, k) => f(v, a, k);
  const tests: Record<string, TestFn> = { ...BUILTIN_TESTS, ...(options.tests ?? {}) };
  const rt = createRuntime({ ...builtinGlobals(), ...(options.globals ?? {}) }, filters, tests);
  const vocabulary = `${Object.keys(filters).sort().join(",")}|${Object.keys(tests).sort().join(",")}`;
  const cache = compiledTemplates.get(vocabulary) ?? new Map<string, RootFn>();
  compiledTemplates.set(vocabulary, cache);
  // JavaScript of templates checked but not yet run: a parse checks every macro, and most are never called
  const checked = new Map<string, string>();

  const codeCache = options.codeCache;
  const generate = (source: string, meta: RenderMeta): string => {
    const stored = codeCache?.get(vocabulary, source);
    if (stored !== undefined && callsInCode(stored)) return stored;
    let code: string;
    try {
      const ast = JinjaParser.parse(preprocess(source));
      code = withCallsHeader(new JinjaCompiler((n) => n in filters, (n) => n in tests).compileTemplate(ast), staticMacroCalls(ast));
    } catch (e) {
      throw syntaxError(e, meta);
    }
    codeCache?.set(vocabulary, source, code);
    return code;
  };

  const compile = (source: string, meta: RenderMeta): RootFn => {
    let fn = cache.get(source);
    if (fn) return fn;
    const code = checked.get(source) ?? generate(source, meta);
    checked.delete(source);
    try {
      fn = new Function(code)() as RootFn;
    } catch (e) {
      throw syntaxError(e, meta);
    }
    cache.set(source, fn);
    return fn;
  };

  const rootScope = (context: Record<string, unknown>, resolveGlobal?: (name: string) => unknown) => {
    const scope = Object.create(context) as Record<string | symbol, unknown>;
    if (resolveGlobal) scope[RESOLVE] = resolveGlobal;
    return scope;
  };

  const run = (fn: RootFn, scope: Record<string | symbol, unknown>, meta: RenderMeta): string => {
    try {
      return fn(rt, scope, meta);
    } catch (e) {
      if (e instanceof JinjaError) throw e;
      if (e instanceof MacroReturn) throw locatedError(new Error("return() was called outside of a macro."), 0, 0, meta);
      throw locatedError(e, 0, 0, meta);
    }
  };

  return {
    render(source, context, opts: RenderOptions) {
      // Like Jinja2's keep_trailing_newline=False: the template's own final newline is dropped.
      const text = source.endsWith("\n") ? source.slice(0, source.endsWith("\r\n") ? -2 : -1) : source;
      const meta = { file: opts.file, lineOffset: opts.lineOffset ?? 1, source: text };
      return run(compile(text, meta), rootScope(context, opts.resolveGlobal), meta);
    },
    bindMacro(macro: MacroSource, context, resolveGlobal) {
      const meta = { file: macro.file, lineOffset: macro.line, source: macro.source };
      const scope = rootScope(context, resolveGlobal);
      run(compile(macro.source, meta), scope, meta);
      const fn = Object.prototype.hasOwnProperty.call(scope, macro.name) ? scope[macro.name] : undefined;
      if (typeof fn !== "function") {
        throw new JinjaError("TSDBT-J001", `The source of macro '${macro.name}' does not define a macro with that name.`, { file: macro.file, line: macro.line, col: 1 }, macro.source.split("\n")[0]);
      }
      return fn as (...args: unknown[]) => unknown;
    },
    check(source, opts) {
      // the same errors as compiling (syntax, unknown filters and tests), without building the function yet
      const known = callsBySource.get(source);
      if (known && (cache.has(source) || checked.has(source))) return known;
      const code = generate(source, { file: opts.file, lineOffset: opts.lineOffset ?? 1, source });
      if (!cache.has(source)) checked.set(source, code);
      const calls = callsInCode(code) ?? [];
      callsBySource.set(source, calls);
      return calls;
    },
  };
}

function syntaxError(e: unknown, meta: RenderMeta): JinjaError {
  const err = e as { message?: string; lineno?: number; colno?: number };
  // A JavaScript error from inside the parser is a bug, but the user still gets a sentence about the template.
  if (e instanceof RangeError && meta.source) {
    // the parser ran out of stack: blocks nested thousands deep
    const deepest = deepestNesting(meta.source);
    if (deepest.depth > 1) {
      const message = `Syntax error: blocks are nested ${deepest.depth >= 1000 ? "1,000 or more" : String(deepest.depth)} levels deep here, more than the template parser can follow.`;
      const located = locatedError(new Error(message), deepest.line0, deepest.col0, meta, "TSDBT-J001");
      return located;
    }
  }
  const internal = e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError;
  const message = (internal ? "The template could not be parsed near here (malformed tag or expression)" : err.message ?? String(e)).replace(/^\(unknown path\)\s*/, "").replace(/^\[Line \d+, Column \d+\]\s*/, "").trim();
  const line0 = typeof err.lineno === "number" ? err.lineno - 1 : 0;
  const col0 = typeof err.colno === "number" ? err.colno - 1 : 0;
  const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
  return locatedError(new Error(`Syntax error: ${sentence}`), line0, col0, meta, "TSDBT-J001");
}
