import type { JinjaEnvironment, MacroSource, RenderOptions, TemplateToCheck } from "./api";
import { releasePrestartedWorker, startCheckWorker, type CheckWorker } from "./check-worker/start-check-worker";
import { callsInCode, generateCode } from "./check-worker/generate-code";
import { JinjaError } from "./errors";
import { builtinGlobals } from "./runtime/globals";
import { MacroReturn } from "./runtime/signals";
import { BUILTIN_FILTERS, BUILTIN_TESTS, createRuntime, locatedError, RESOLVE, type RenderMeta, type Runtime } from "./runtime/runtime";
import type { FilterFn } from "./runtime/filters";
import type { TestFn } from "./runtime/tests";
import { deepestNesting } from "./syntax/nesting-depth";
import type { StaticMacroCall } from "./syntax/static-macro-calls";
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

/** Below this much template text to compile, {@link JinjaEnvironment.checkAll} compiles on the calling thread (a worker takes tens of milliseconds to start). */
export const MIN_WORKER_CHARS = 48 * 1024;

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

  // templates a worker is compiling (see checkAll), by text, with what takes its results
  const onWorker = new Map<string, { worker: CheckWorker; take: (index: number, code: string | undefined) => void; index: number }>();
  // templates the code cache was asked for and did not hold (not asked again)
  const notStored = new Set<string>();

  const codeCache = options.codeCache;
  const generate = (source: string, meta: RenderMeta): string => {
    const stored = notStored.has(source) ? undefined : codeCache?.get(vocabulary, source);
    const storedCalls = stored === undefined ? undefined : callsInCode(stored);
    if (storedCalls) {
      callsBySource.set(source, storedCalls);
      return stored!;
    }
    let code: string;
    try {
      code = generateCode(source, (n) => n in filters, (n) => n in tests);
    } catch (e) {
      throw syntaxError(e, meta);
    }
    // kept for check(): a template compiled before it is checked needs no second generation
    callsBySource.set(source, callsInCode(code) ?? []);
    notStored.delete(source);
    codeCache?.set(vocabulary, source, code);
    return code;
  };

  // code a worker generated for a template to render or a callable macro, stored in the code cache when it is used
  const unsaved = new Set<string>();

  /** The generated code of `source`: checked before, compiled by a worker by now, or generated here. */
  const codeOf = (source: string, meta: RenderMeta): string => {
    const pending = onWorker.get(source);
    pending?.worker.drain(pending.take);
    const checkedCode = checked.get(source);
    if (checkedCode === undefined) {
      // not done there yet: compiled here, and the worker need not
      pending?.worker.claim(pending.index);
      return generate(source, meta);
    }
    if (unsaved.delete(source)) codeCache?.set(vocabulary, source, checkedCode);
    return checkedCode;
  };

  const check = (source: string, opts: RenderOptions): StaticMacroCall[] => {
    // the same errors as compiling (syntax, unknown filters and tests), without building the function yet
    const known = callsBySource.get(source);
    if (known && (cache.has(source) || checked.has(source))) return known;
    const code = checked.get(source) ?? codeOf(source, { file: opts.file, lineOffset: opts.lineOffset ?? 1, source });
    if (!cache.has(source)) checked.set(source, code);
    const calls = callsInCode(code) ?? [];
    callsBySource.set(source, calls);
    return calls;
  };

  /** Checks many templates, on a worker thread when there is much to compile (see JinjaEnvironment.checkAll). */
  const checkAll = (templates: readonly TemplateToCheck[], mode: "auto" | "always" | "never", toRender: () => readonly string[], callable: () => readonly string[]): (() => unknown[]) => {
    const errorOf = (t: TemplateToCheck): unknown => {
      try {
        check(t.source, t.options);
        return undefined;
      } catch (e) {
        return e;
      }
    };
    const done = (source: string) => cache.has(source) || checked.has(source) || onWorker.has(source);
    // what is compiled already, checked, or stored in the code cache needs no work
    const toCompile = new Set<string>();
    let chars = 0;
    for (const { source } of templates) {
      if (done(source) || toCompile.has(source)) continue;
      const stored = notStored.has(source) ? undefined : codeCache?.get(vocabulary, source);
      if (stored !== undefined) checked.set(source, stored);
      else (notStored.add(source), toCompile.add(source), (chars += source.length));
    }
    const useWorker = mode === "always" ? toCompile.size > 0 : mode === "auto" && chars >= MIN_WORKER_CHARS;
    if (!useWorker) {
      releasePrestartedWorker();
      const errors = templates.map(errorOf);
      return () => errors;
    }
    const sources = [...toCompile];
    const rendered = [...new Set(toRender().filter((source) => !done(source) && !toCompile.has(source)))];
    const renderedSet = new Set(rendered);
    const callables = [...new Set(callable().filter((source) => !done(source) && !toCompile.has(source) && !renderedSet.has(source)))];
    const worker = startCheckWorker({ toCheck: sources, toRender: rendered, callable: callables, filters: Object.keys(filters), tests: Object.keys(tests) });
    if (!worker) {
      const errors = templates.map(errorOf);
      return () => errors;
    }
    // a worker's code is used as if `check` had generated it here
    const all = [...sources, ...rendered, ...callables];
    const take = (index: number, code: string | undefined) => {
      const source = all[index];
      onWorker.delete(source);
      if (code === undefined || cache.has(source) || checked.has(source)) return;
      checked.set(source, code);
      if (index >= sources.length) return void unsaved.add(source);
      notStored.delete(source);
      codeCache?.set(vocabulary, source, code);
    };
    all.forEach((source, index) => onWorker.set(source, { worker, take, index }));
    return () => {
      // macros to check that the worker has not started: compiled here while it finishes
      const bySource = new Map(templates.map((t) => [t.source, t]));
      worker.finish(take, sources.map((_, i) => i), (index) => void errorOf(bySource.get(sources[index])!));
      for (const source of all) onWorker.delete(source);
      // what failed there (or was given up on) is compiled here, for the error `check` gives
      return templates.map(errorOf);
    };
  };

  const compile = (source: string, meta: RenderMeta): RootFn => {
    let fn = cache.get(source);
    if (fn) return fn;
    const code = codeOf(source, meta);
    checked.delete(source);
    // code from the worker or the code cache carries its calls: a later check() need not generate it again
    if (!callsBySource.has(source)) {
      const calls = callsInCode(code);
      if (calls) callsBySource.set(source, calls);
    }
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
    check,
    checkAll: (templates, opts) => checkAll(templates, opts?.worker ?? "auto", opts?.toRender ?? (() => []), opts?.callable ?? (() => [])),
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
