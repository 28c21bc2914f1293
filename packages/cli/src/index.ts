/**
 * @packageDocumentation
 * The tsdbt command line and its Node API: `invoke(["run", "--select", "orders"])`.
 */
// first: adapters loaded later must share this process's @tsdbt/adapter-api
import "./share-adapter-api";
export { invoke, type InvokeOptions, type InvokeResult } from "./invoke";
export { main } from "./main";
export type { LogEvent } from "./logger";
