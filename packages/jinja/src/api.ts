/**
 * The public contract of @tsdbt/jinja. Core and runner depend only on what is here.
 */

import type { StaticMacroCall } from "./syntax/static-macro-calls";

/** A position in a template file (1-based line and column). */
export interface TemplateLocation {
  file: string;
  line: number;
  col: number;
}

/** Options for one render. */
export interface RenderOptions {
  /** File name for error messages (relative to the project). */
  file: string;
  /** Line in `file` where `source` starts (1-based), when the source is a slice of a file. */
  lineOffset?: number;
  /**
   * Called when a name is not found in the context or the environment's globals:
   * this is how macros are looked up lazily. Return `undefined` for an unknown name.
   */
  resolveGlobal?: (name: string) => unknown;
}

/** A macro defined by a `{% macro %}` (or `{% test %}` / `{% materialization %}`) block. */
export interface MacroSource {
  /** The name callers use (`test_not_null` for `{% test not_null %}`). */
  name: string;
  /** The full text of the block, `{% macro … %}` to `{% endmacro %}`. */
  source: string;
  file: string;
  /** 1-based line where `source` starts in `file`. */
  line: number;
}

/** A dbt-flavoured Jinja environment: compiles templates once (cached by content) and renders them. */
export interface JinjaEnvironment {
  /** Renders a template with a context of plain JavaScript values and host functions. */
  render(source: string, context: Record<string, unknown>, options: RenderOptions): string;
  /**
   * Returns a callable for a macro whose body sees `context` (the live object: later changes
   * are visible) and `resolveGlobal` for names missing from it. Calling it returns the
   * rendered output (a string-like value, falsy when empty) or the value given to `return()`.
   */
  bindMacro(macro: MacroSource, context: Record<string, unknown>, resolveGlobal?: (name: string) => unknown): (...args: unknown[]) => unknown;
  /**
   * Checks syntax without rendering; throws {@link JinjaError} with the location. Returns the
   * calls the template makes that may name macros, read from its syntax (dbt's static scan of a
   * macro's body for its `depends_on.macros`).
   */
  check(source: string, options: RenderOptions): StaticMacroCall[];
  /**
   * Starts checking the syntax of many templates, as {@link JinjaEnvironment.check} does each one, and
   * returns a function that gives each template's error (a {@link JinjaError}; `undefined` when it
   * compiles), in order. With much text to compile (or `worker: "always"`), they are compiled on a
   * worker thread while the caller goes on rendering, which reuses the worker's code for templates it
   * has compiled by then; the returned function waits for the rest. The errors are the ones `check`
   * would throw. `toRender` gives templates the caller is about to render and `callable` macros they may
   * call that are not checked (both asked only when a worker is used): the worker compiles the templates
   * to render first, each followed by the macros it mentions, whether to check or callable.
   */
  checkAll(
    templates: readonly TemplateToCheck[],
    options?: { worker?: "auto" | "always" | "never"; toRender?: () => readonly string[]; callable?: () => readonly string[] },
  ): () => unknown[];
}

/** A template given to {@link JinjaEnvironment.checkAll}. */
export interface TemplateToCheck {
  source: string;
  options: RenderOptions;
}

/** The kinds of top-level block dbt extracts from macro, test and snapshot files. */
export type BlockKind = "macro" | "test" | "materialization" | "snapshot" | "docs";

/** A top-level block found in a file. */
export interface TopLevelBlock {
  kind: BlockKind;
  /**
   * The block's name: the macro name as callers use it (`test_<name>` for tests,
   * `materialization_<name>_<adapter|default>` for materializations), the snapshot or docs name.
   */
  name: string;
  /** The whole block text, opening tag to closing tag (tests and materializations rewritten as `{% macro %}`). */
  source: string;
  /**
   * The block as written, as dbt keeps it (a macro's `macro_sql`): opening tag to closing tag,
   * with the blank space before a `{%-` opening tag and after a `-%}` closing tag (none at the file's ends).
   */
  written: string;
  /** The text between the opening and closing tags. */
  body: string;
  /** 1-based line and column of the opening tag. */
  line: number;
  col: number;
  /** 1-based line where `body` starts. */
  bodyLine: number;
  /** For materializations: the adapter it is for (`default` when none). */
  adapter?: string;
  /** For macros and tests: argument names as written. */
  args?: string[];
}
