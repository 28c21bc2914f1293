/**
 * @packageDocumentation
 * dbt-flavoured Jinja on nunjucks: Jinja2 syntax and Python value semantics as dbt configures them.
 */
export * from "./api";
export { JinjaError } from "./errors";
export { hostFunction, HOST_FUNCTION } from "./host-function";
export type { HostFunction, HostFunctionImpl } from "./host-function";
export { createEnvironment } from "./environment";
export { extractBlocks } from "./extract-blocks";
export type { EnvironmentOptions, CustomFilter } from "./environment";
export { Tuple, PyFloat, PY_REPR, pyStr, pyRepr, truthy } from "./runtime/values";
export { MACRO } from "./runtime/macro";
export type { Macro } from "./runtime/macro";
export { call as callWithKeywords } from "./runtime/access";
