/**
 * @packageDocumentation
 * The tsdbt command line and its Node API: `invoke(["run", "--select", "orders"])`.
 */
export { invoke, type InvokeOptions, type InvokeResult } from "./invoke";
export { main } from "./main";
export type { LogEvent } from "./logger";
