/**
 * @packageDocumentation
 * The contract between tsdbt and a warehouse: the {@link Adapter} interface, relation and
 * column types, capability flags and the SQL dialect. Adapter packages export
 * `createAdapter` of type {@link AdapterFactory}.
 */
export * from "./relation";
export * from "./relation-flavour";
export { relationAttribute } from "./relation-jinja";
export * from "./column";
export * from "./capabilities";
export * from "./adapter";
export * from "./dialect";
export * from "./grants";
export * from "./dynamic-tables";
export * from "./constraints";
export * from "./described-types";
export * from "./relation-suffixes";
export * from "./load-adapter";
export * from "./worker/worker-adapter";
export * from "./adapter-module";
export * from "./worker/sync-client";
export { mayChangeCatalog } from "./worker/catalog-cache";
export { csvRecords } from "./csv-records";
