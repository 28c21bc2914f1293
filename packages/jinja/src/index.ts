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
