import { existsSync } from "node:fs";
import * as path from "node:path";
import { compileProject, DiagnosticError, loadProjectConfig, writeManifest } from "@tsdbt/core";
import { buildCatalog, buildSiteData, emptyCatalog, readColumnLineage, serveSite, writeCatalog, writeSite, writeStaticSite, type Catalog } from "@tsdbt/docs";
import { fireFoundStats, type CommandContext, type CommandOutcome } from "../command-context";
import { selectForCommand } from "../select";
import { writeColumnLineage } from "../column-lineage-artifact";
import { EarlyWarehouse, withEarlyWarehouse } from "../early-warehouse";
import { openWarehouse } from "../warehouse";
import { parseForCommand } from "../parse-for-command";

/** Stable codes of the docs command's errors. */
export const DocsErrorCode = {
  unknownSubcommand: "TSDBT-E801",
  noSite: "TSDBT-E802",
  catalogFailed: "TSDBT-E803",
  cannotListen: "TSDBT-E804",
} as const;

/** `tsdbt docs generate|serve`. */
export async function docsCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const sub = ctx.args.positional[0];
  if (sub === "generate") return generateDocs(ctx);
  if (sub === "serve") return serveDocs(ctx);
  throw new DiagnosticError([
    {
      code: DocsErrorCode.unknownSubcommand,
      severity: "error",
      message: sub ? `Unknown docs subcommand '${sub}'. Use 'generate' or 'serve'.` : "tsdbt docs needs a subcommand: 'generate' or 'serve'.",
      hint: "Run `tsdbt docs generate` to build target/index.html, then open it or run `tsdbt docs serve`.",
    },
  ]);
}

/**
 * `docs generate`: compiles the project (unless --no-compile), writes manifest.json, builds
 * catalog.json from the warehouse (unless --empty-catalog) and writes the site into target/.
 */
function generateDocs(ctx: CommandContext): Promise<CommandOutcome> {
  // the catalog needs the warehouse: its worker boots while the project parses
  return withEarlyWarehouse(new EarlyWarehouse(undefined, () => !ctx.args.emptyCatalog), (early) => generate(ctx, early));
}

async function generate(ctx: CommandContext, early: EarlyWarehouse): Promise<CommandOutcome> {
  const started = performance.now();
  const parsed = await parseForCommand(ctx, { WHICH: "generate" }, { onTarget: early.onTarget });
  ctx.logger.diagnostics(parsed.diagnostics);
  fireFoundStats(ctx, parsed);
  const warehouse = openWarehouse(parsed, undefined, early);
  let catalog: Catalog;
  try {
    if (ctx.args.compile) {
      const { ids } = selectForCommand(parsed, ctx.args, ctx.cwd);
      await compileProject(parsed, { selected: ids, connect: warehouse.connect });
    }
    await writeManifest(parsed.targetPath, parsed.manifest);
    if (ctx.args.emptyCatalog) catalog = emptyCatalog(parsed.manifest, ctx.invocationId);
    else {
      ctx.logger.fire("BuildingCatalog", "Building catalog");
      try {
        catalog = await buildCatalog(parsed.manifest, await warehouse.adapter(), { invocationId: ctx.invocationId });
      } catch (e) {
        throw new DiagnosticError([
          {
            code: DocsErrorCode.catalogFailed,
            severity: "error",
            message: `Could not read the warehouse's catalog: ${(e as Error).message}`,
            hint: "Check the connection with `tsdbt debug`, or pass --empty-catalog to build the site from the project alone.",
          },
        ]);
      }
      for (const err of catalog.errors ?? []) ctx.logger.fire("CatalogWarning", err);
    }
  } finally {
    await warehouse.close();
  }
  const catalogFile = await writeCatalog(parsed.targetPath, catalog);
  ctx.logger.fire("CatalogWritten", `Catalog written to ${catalogFile} (${Object.keys(catalog.nodes).length + Object.keys(catalog.sources).length} relations)`);
  // column lineage needs compiled SQL; with --no-compile an earlier target/column_lineage.json is used as it is
  if (ctx.args.compile) {
    const lineage = writeColumnLineage(parsed.manifest, parsed.targetPath, { adapterType: parsed.profile.target.type, projectDir: parsed.projectDir, catalog });
    if (lineage.file) ctx.logger.fire("ColumnLineageWritten", `Column lineage written to ${lineage.file} (${Math.round((lineage.coverage ?? 0) * 100)}% of columns traced)`);
    else ctx.logger.fire("ColumnLineageSkipped", `Column lineage not written: ${lineage.skipped}.`);
  }
  const columnLineage = readColumnLineage(parsed.targetPath);
  const siteData = buildSiteData(parsed.manifest, { catalog, columnLineage });
  const site = await writeSite(parsed.targetPath, siteData);
  const oneFile = ctx.args.staticSite ? await writeStaticSite(parsed.targetPath, siteData) : undefined;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  ctx.logger.fire("DocsWritten", `Docs site written to ${site.indexFile} (${site.files} files, ${(site.bytes / 1e6).toFixed(1)} MB${columnLineage ? ", with column lineage" : ""}) in ${seconds}s`, { path: site.indexFile });
  if (oneFile) ctx.logger.fire("StaticDocsWritten", `The site as one file: ${oneFile.file} (${(oneFile.bytes / 1e6).toFixed(1)} MB)`, { path: oneFile.file });
  return { exitCode: 0, result: { index: site.indexFile, catalog: catalogFile, bytes: site.bytes, files: site.files, ...(oneFile ? { staticIndex: oneFile.file } : {}) } };
}

/** `docs serve [--port 8080] [--host 127.0.0.1]`: serves target/ until Ctrl-C (or the API caller's abort). */
async function serveDocs(ctx: CommandContext): Promise<CommandOutcome> {
  const projectDir = path.resolve(ctx.cwd, ctx.args.projectDir);
  const config = await loadProjectConfig(projectDir, { env: ctx.env });
  if (!config.value) throw new DiagnosticError(config.diagnostics);
  const targetPath = path.resolve(projectDir, ctx.args.targetPath ?? config.value.targetPath);
  if (!existsSync(path.join(targetPath, "index.html"))) {
    throw new DiagnosticError([{ code: DocsErrorCode.noSite, severity: "error", message: `There is no docs site in ${targetPath}.`, hint: "Run `tsdbt docs generate` first." }]);
  }
  const port = ctx.args.port ?? 8080;
  const host = ctx.args.host ?? "127.0.0.1";
  let server;
  try {
    server = await serveSite(targetPath, { port, host });
  } catch (e) {
    throw new DiagnosticError([{ code: DocsErrorCode.cannotListen, severity: "error", message: `Could not serve the docs on ${host}:${port}: ${(e as Error).message}`, hint: "Pick another port with --port (0 picks a free one)." }]);
  }
  ctx.logger.fire("ServingDocs", `Serving docs at ${server.url} (Ctrl-C to stop)`, { url: server.url, port: server.port });
  await new Promise<void>((resolve) => {
    if (!ctx.signal) return; // the CLI's signal always exists; without one, serve until the process ends
    if (ctx.signal.aborted) resolve();
    else ctx.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await server.close();
  return { exitCode: 0, result: { url: server.url } };
}
