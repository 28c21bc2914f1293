/**
 * @packageDocumentation
 * dbt-flavoured Jinja on nunjucks: Jinja2 syntax and Python value semantics as dbt configures them.
 */
export * from "./api";
export type { StaticMacroCall } from "./syntax/static-macro-calls";
export { JinjaError } from "./errors";
export { hostFunction, HOST_FUNCTION } from "./host-function";
export { wrapCallable } from "./wrap-callable";
export type { HostFunction, HostFunctionImpl, HostFunctionOptions } from "./host-function";
import type { EnvironmentOptions } from "./environment";
import type { JinjaEnvironment } from "./api";

/**
 * A Jinja environment with dbt's defaults and `options`' filters, tests and globals. The
 * template machinery (nunjucks' parser and compiler, the Python-semantics runtime) loads on the
 * first call, so a process that never renders (a partial parse of static models) never loads it.
 */
export function createEnvironment(options?: EnvironmentOptions): JinjaEnvironment {
  return (require("./environment") as typeof import("./environment")).createEnvironment(options);
}
export { extractBlocks } from "./extract-blocks";
export type { EnvironmentOptions, CustomFilter } from "./environment";
export { openTemplateCodeCache } from "./template-code-cache";
export { discardEarlyCheckWorker, prestartCheckWorker } from "./check-worker/start-check-worker";
export { runOnPrestartedWorker, type WorkerJobs } from "./check-worker/worker-jobs";
export type { TemplateCodeCache, FileTemplateCodeCache } from "./template-code-cache";
export { PyDecimal } from "./runtime/py-decimal";
export { Tuple, PyFloat, PY_REPR, PY_MAPPING, PY_METHODS, PY_EQ, PY_GETATTR, PY_BOOL, pyStr, pyRepr, pyEquals, truthy, isDict, numberOf, typeName, toFloat } from "./runtime/values";
export type { HostMethod } from "./runtime/values";
export { MACRO } from "./runtime/macro";
export type { Macro } from "./runtime/macro";
export { call as callWithKeywords, tolerateUndefined } from "./runtime/access";
export { lineLocator, type TextPosition } from "./line-locator";
export { decodeStringLiteral } from "./syntax/string-literal";
