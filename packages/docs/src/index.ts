/**
 * @packageDocumentation
 * The docs of a tsdbt project: catalog.json from adapter introspection, and a static site
 * (index.html plus assets) that opens from the file system and stays fast at 10,000 models.
 */
export * from "./catalog/catalog-types";
export { buildCatalog, catalogTable, projectRelations, type CatalogOptions, type CatalogSource } from "./catalog/build-catalog";
export { emptyCatalog, writeCatalog } from "./catalog/write-catalog";
export { buildSiteData, type SiteData, type SiteDataOptions } from "./site/build-site-data";
export { readColumnLineage, type ColumnLineageFile, type UpstreamColumn } from "./site/column-lineage-file";
export { writeSite, type WrittenSite } from "./site/write-site";
export { writeStaticSite, STATIC_INDEX_FILE } from "./site/static-site";
export { bundleClient } from "./site/bundle-client";
export { serveSite, type DocsServer, type ServeOptions } from "./serve/serve-site";
export type { SiteIndex, SiteEntry, SiteColumn, SiteDetail, EntryType } from "./shared/site-data";
