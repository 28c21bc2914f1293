import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadAdapterModule, relationFlavour, type AdapterModule, type ProfileTarget } from "@tsdbt/adapter-api";
import { createEnvironment, discardEarlyCheckWorker, openTemplateCodeCache, prestartCheckWorker, type FileTemplateCodeCache } from "@tsdbt/jinja";
import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";
import type { Manifest, ManifestNode, SourceDefinition } from "../manifest/types";
import { loadProjectConfig, loadProjectHeader } from "../project/load-project-config";
import { createYamlContext, targetContext } from "../config/yaml-context";
import type { ProjectConfig } from "../project/project-config";
import { discoverProjectFiles, type KnownFile, type ProjectFile } from "../project/discover-files";
import { loadInstalledPackages } from "../project/installed-packages";
import type { ProjectSet } from "./project-layers";
import { loadProfile, type LoadedProfile } from "../config/load-profile";
import { parseCliVars, resolveVars, type Vars } from "../config/vars";
import { withProfileLocation } from "../config/profile-error-location";
import { parseYaml } from "../yaml/parse-yaml";
import { readPropertiesOnWorker, type PreparsedYaml } from "./properties-on-worker";
import { diagnosticAt } from "../yaml/diagnostic-at";
import { createBaseContext, createPackageVar, type VarRenderScope } from "../context/base-context";
import { BUILTIN_PACKAGE, MacroRegistry } from "../context/macro-registry";
import { DBT_FILTERS } from "../context/dbt-filters";
import type { RenderSession } from "../context/node-context";
import { buildFileNode, buildSnapshotNodes, nodeResourceKey, patchFileKey, patchResourceKey, trimmedSource, type NodeBuildContext, type ParseStats } from "./build-nodes";
import { buildTestNodes } from "./build-tests";
import { BUILTIN_MACROS_DIR, builtinMacroFiles, loadDocs, loadMacros } from "./load-macros";
import { macroFilesWithPlaces, type BlockPlace } from "./macro-block-places";
import { readNodePatches, type NodePatch, type PropertiesFile } from "./properties";
import { applyProjectSourceConfig, readSources } from "./read-sources";
import { projectConfigLayers, unrenderedProjectConfigLayers } from "./project-layers";
import { checkPropertyTypes } from "./check-property-types";
import { nulByteDiagnostic } from "./nul-bytes";
import { findDuplicateNames, linkNodes } from "./link-nodes";
import { checkIdentifierLengths } from "./identifier-limits";
import { checkMicrobatchConfigs } from "./microbatch-configs";
import { assignRelationName, type NamingTarget } from "./relation-naming";
import { renderDescriptions, renderMacroDescriptions } from "./render-descriptions";
import { createPropertiesRenderer, type PropertiesRenderer } from "./render-properties";
import { renderErrorToDiagnostic } from "./render-diagnostic";
import { assembleManifest } from "../manifest/assemble-manifest";
import { buildGraph } from "../graph/build-graph";
import type { DepGraph } from "../graph/dep-graph";
import { hasCycle } from "../graph/has-cycle";
import { buildYamlSnapshots } from "../snapshots/yaml-snapshots";
import { finishSnapshots } from "../snapshots/finish-snapshots";
import { readUnitTests } from "../unit-tests/read-unit-tests";
import { readSemanticLayer } from "./semantic/read-semantic-layer";
import { addDependencyEntries } from "../manifest/add-dependency-entries";
import { groupMap, readGroups } from "./read-groups";
import { patchMacros } from "./patch-macros";
import { macroDependencies } from "./macro-dependencies";
import { storedBuiltinCalls } from "./builtin-macro-index";
import { disableOrphanTests, inheritAttachedGroups } from "./orphan-tests";
import { buildHookNodes } from "./hook-nodes";
import { captureHookDependencies } from "./hook-dependencies";
import { inferPrimaryKeys } from "./primary-key";
import { placeUnversionedLatest } from "./model-versions";
import { fileCrossPackagePatches } from "./cross-package-patches";
import { invocationArgsDict } from "../context/invocation-args";

/** Options shared by every command that reads a project (dbt's global flags). */
export interface ProjectOptions {
  projectDir: string;
  profilesDir?: string;
  profile?: string;
  target?: string;
  /** `--vars` as YAML or JSON text. */
  vars?: string;
  /** Environment for env_var() (default process.env). */
  env?: Record<string, string | undefined>;
  invocationId?: string;
  /** When the invocation started (the manifest's `invocation_started_at`; default: when the parse started). */
  invocationStartedAt?: Date;
  /** `--target-path` (default: the project's target-path). */
  targetPath?: string;
  /** Receives log()/print() output from templates. */
  log?: (message: string, info: boolean) => void;
  /** Receives `exceptions.warn()` messages (else they go to `log` as `Warning: …`). */
  warn?: (message: string) => void;
  /** Receives `print()` output, shown bare even with --quiet (else it goes to `log`). */
  print?: (message: string) => void;
  /** `flags` visible to templates (FULL_REFRESH, WHICH, …). */
  flags?: Record<string, unknown>;
  /** The command's `invocation_args_dict` (without the project's behaviour flags and vars, added here); else one made of `flags`. */
  invocationArgs?: Record<string, unknown>;
  /** Render every file instead of reading simple ones statically (to prove the fast path changes nothing); also bypasses the template code cache. */
  fullRender?: boolean;
  /**
   * Keep the JavaScript of compiled templates in `<target-path>/tsdbt_template_cache.json` for the next
   * process (code only, never render results). Default: off (the CLI turns it on, unless env var
   * TSDBT_TEMPLATE_CACHE is `0`).
   */
  templateCodeCache?: boolean;
  /**
   * Called once the profile and dbt_project.yml are read, before the project's files are: a command
   * that will need the warehouse can start connecting while the rest of the project parses.
   */
  onTarget?: (found: FoundTarget) => void;
}

/** What {@link ProjectOptions.onTarget} receives: the target, and where the project writes its files. */
export interface FoundTarget {
  profile: LoadedProfile;
  projectDir: string;
  targetPath: string;
}

/** The file of the template code cache in a target folder. */
export const TEMPLATE_CACHE_FILE = "tsdbt_template_cache.json";

/** A parsed project: the manifest and what later steps need to render it. */
export interface ParsedProject {
  project: ProjectConfig;
  profile: LoadedProfile;
  projectDir: string;
  targetPath: string;
  manifest: Manifest;
  /** The dependency graph of `manifest` (built once; selection reuses it). */
  graph: DepGraph;
  /** Warnings (errors are thrown as a DiagnosticError). */
  diagnostics: Diagnostic[];
  session: RenderSession;
  naming: NamingTarget;
  adapterModule: AdapterModule;
  invocationId: string;
  cliVars: Vars;
  /** Env vars templates read, with the values they saw. */
  envVarsRead: Map<string, string | undefined>;
  stats: ParseStats;
  /** What the parse read (configs and every file with its checksum), for saving the parse state. */
  inputs: ParseInputs;
  /** Where the blocks of the project's macro files are, by absolute path, for saving the parse state. */
  macroBlocks: Record<string, BlockPlace[]>;
  /**
   * Writes the template code cache (`target/tsdbt_template_cache.json`, when the parse used one) if
   * templates were compiled since it was read: a command that renders nodes after the parse (compile,
   * run) calls it at its end, so the next process finds their code too.
   */
  saveTemplateCache(): void;
}

/** A file's text, or undefined when it cannot be read (for locating diagnostics only). */
function readTextOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function fail(diagnostics: Diagnostic[]): never {
  throw new DiagnosticError(
    diagnostics.filter((d) => d.severity === "error"),
    diagnostics.filter((d) => d.severity !== "error"),
  );
}

/**
 * Reads a dbt project into a manifest: dbt_project.yml and the profile, every macro, model,
 * seed, snapshot, analysis and test, properties YAML (descriptions, columns, configs, tests,
 * sources), relation names, and the links between nodes. Every problem in every file is
 * collected; when any is an error a {@link DiagnosticError} carrying all of them is thrown.
 */
export async function parseProject(options: ProjectOptions): Promise<ParsedProject> {
  const started = options.invocationStartedAt ?? new Date();
  return parseFromInputs(await loadParseInputs(options), { ...options, invocationStartedAt: started });
}

/** What a parse reads before any model: configs, profile, packages, and every project file. */
export interface ParseInputs {
  env: Record<string, string | undefined>;
  projectDir: string;
  project: ProjectConfig;
  profile: LoadedProfile;
  cliVars: Vars;
  targetPath: string;
  adapterModule: AdapterModule;
  location: { database: string | null; schema: string };
  naming: NamingTarget;
  projects: ProjectSet;
  files: ProjectFile[];
  /** Warnings so far. */
  diagnostics: Diagnostic[];
  /** The invocation id YAML files were rendered with (templates see the same one). */
  invocationId?: string;
  /** dbt's context for dbt_project.yml and selectors.yml (target and the base context; see createYamlContext). */
  yamlContext?: Record<string, unknown>;
  /** Properties files whose YAML a worker thread is reading (see readPropertiesOnWorker). */
  preparsedYaml?: PreparsedYaml;
}

/**
 * Loads dbt_project.yml, the profile, installed packages, and reads every project file.
 * `knownFiles`, given the target path, may return files seen by an earlier parse: those whose
 * size and mtime are unchanged are not read (see {@link discoverProjectFiles}).
 */
export async function loadParseInputs(options: ProjectOptions, knownFiles?: (targetPath: string) => ReadonlyMap<string, KnownFile> | undefined): Promise<ParseInputs> {
  const env = options.env ?? process.env;
  const projectDir = path.resolve(options.projectDir);
  const diagnostics: Diagnostic[] = [];
  const { vars: cliVars, diagnostics: varDiagnostics } = parseCliVars(options.vars);
  diagnostics.push(...varDiagnostics);
  if (varDiagnostics.some((d) => d.severity === "error")) fail(diagnostics);

  // as dbt: the profile name first (env_var and --vars only), then the profile, then dbt_project.yml with its target
  const header = await loadProjectHeader(projectDir, { env, cliVars });
  diagnostics.push(...header.diagnostics);
  if (!header.value || diagnostics.some((d) => d.severity === "error")) fail(diagnostics);
  const profileName = options.profile ?? header.value.profile ?? header.value.name ?? "";
  const prof = await loadProfile({ projectDir, profilesDir: options.profilesDir, profileName, targetName: options.target, env, cliVars });
  if (!prof.value) {
    // the project's own problems come first, as dbt reports them
    const alone = await loadProjectConfig(projectDir, { env, cliVars });
    diagnostics.push(...alone.diagnostics.filter((d) => d.severity === "error"));
  }
  diagnostics.push(...prof.diagnostics);
  if (!prof.value || diagnostics.some((d) => d.severity === "error")) fail(diagnostics);
  const profile = prof.value;
  const adapterModule = loadAdapterModule(profile.target.type, { paths: [projectDir] });
  const describe = (targetPath: string) =>
    withProfileLocation(profile, () => adapterModule.describeTarget?.(profile.target as ProfileTarget, { projectDir, targetPath })) ?? {
      database: (profile.target.database as string | undefined) ?? null,
      schema: profile.target.schema,
    };
  const invocationId = options.invocationId ?? randomUUID();
  // the target's location before dbt_project.yml (and so its target-path) is read: only a default DuckDB file depends on it
  const provisionalTargetPath = path.resolve(projectDir, options.targetPath ?? "target");
  const yamlContext = createYamlContext({ env, target: targetContext(profile, describe(provisionalTargetPath), adapterModule.targetDefaults), invocationId, flags: options.flags, log: options.log });

  const loaded = await loadProjectConfig(projectDir, { env, cliVars, context: yamlContext, warnDuplicateKeys: true });
  diagnostics.push(...loaded.diagnostics);
  if (!loaded.value || diagnostics.some((d) => d.severity === "error")) fail(diagnostics);
  const project = loaded.value;
  const targetPath = path.resolve(projectDir, options.targetPath ?? project.targetPath);
  options.onTarget?.({ profile, projectDir, targetPath });
  const known = knownFiles?.(targetPath);
  // a full parse of a project with packages and no template code cache yet will check many macros on a
  // worker thread (JinjaEnvironment.checkAll): it is started now, to be ready when the macros are read
  if (!options.fullRender && !known && fs.existsSync(path.resolve(projectDir, project.packagesInstallPath)) && !(options.templateCodeCache && fs.existsSync(path.join(targetPath, TEMPLATE_CACHE_FILE)))) prestartCheckWorker();
  else discardEarlyCheckWorker();
  const location = describe(targetPath);
  const quote = adapterModule.dialect?.quote ?? ((id: string) => `"${id.replace(/"/g, '""')}"`);
  const naming: NamingTarget = { database: location.database, schema: location.schema, quote, quoting: { ...adapterModule.dialect?.defaultQuotePolicy, ...project.quoting }, relation: relationFlavour(profile.target.type) };

  const installed = await loadInstalledPackages(project, { env, cliVars, context: yamlContext });
  diagnostics.push(...installed.diagnostics);
  const packages = new Map((installed.value ?? []).map((p) => [p.config.name, p.config]));
  const discover = { known };
  const files = (await Promise.all([discoverProjectFiles(project, projectDir, discover), ...(installed.value ?? []).map((p) => discoverProjectFiles(p.config, p.projectDir, discover))])).flat();
  const preparsedYaml = known ? undefined : readPropertiesOnWorker(files);
  return { env, projectDir, project, profile, cliVars, targetPath, adapterModule, location, naming, projects: { root: project, packages }, files, diagnostics, invocationId, yamlContext, preparsedYaml };
}

/** The render session of a parse: macros, docs and the base context (var, env_var, target, …). */
export interface ParseSession {
  session: RenderSession;
  macros: ReturnType<typeof loadMacros>["macros"];
  docs: ReturnType<typeof loadDocs>["docs"];
  invocationId: string;
  /** Env vars templates read, with the values they saw. */
  envVarsRead: Map<string, string | undefined>;
  diagnostics: Diagnostic[];
  /** Renders the Jinja of a properties file as dbt does when it reads it (env vars read go to `envVarsRead`). */
  renderProperties: PropertiesRenderer;
  /** Writes the template code cache if templates were compiled that it did not hold; its lookups so far. */
  saveCodeCache: () => { hits: number; misses: number } | undefined;
  /** Where the blocks of the project's macro files are, by absolute path (for the parse state: see {@link createParseSession}). */
  macroBlocks: Record<string, BlockPlace[]>;
}

/**
 * Loads every macro and docs block and builds the context templates are rendered in. `storedBlocks`:
 * where an earlier parse found the blocks of macro files (by absolute path), for files unchanged since
 * (a partial parse), which are then not split into blocks again.
 */
export function createParseSession(inputs: ParseInputs, options: ProjectOptions, storedBlocks: Record<string, BlockPlace[]> = {}): ParseSession {
  const { project, profile, adapterModule, location, naming, cliVars, env } = inputs;
  const packages = inputs.projects.packages;
  const diagnostics: Diagnostic[] = [];
  const byKind = (kind: ProjectFile["kind"]) => inputs.files.filter((f) => f.kind === kind);
  const registry = new MacroRegistry(project.name, [profile.target.type, "default"], project.dispatch);
  const adapterMacros = adapterModule.macrosDir ? builtinMacroFiles(adapterModule.macrosDir) : [];
  const macroFiles = macroFilesWithPlaces(byKind("macro"), storedBlocks);
  const macroResult = loadMacros([...builtinMacroFiles(), ...adapterMacros, ...macroFiles.files], registry, macroFiles.onSplit);
  const macroBlocks = macroFiles.places;
  diagnostics.push(...macroResult.diagnostics);
  const docsResult = loadDocs(byKind("doc"));
  diagnostics.push(...docsResult.diagnostics);

  const varsByPackage = new Map<string, Vars>();
  const envVarsRead = new Map<string, string | undefined>();
  const invocationId = inputs.invocationId ?? options.invocationId ?? randomUUID();
  const varsFor = (pkg: string): Vars => {
    let vars = varsByPackage.get(pkg);
    if (!vars) varsByPackage.set(pkg, (vars = resolveVars(project, pkg, cliVars, { packageProject: packages.get(pkg), projectNames: [project.name, ...packages.keys()] })));
    return vars;
  };
  // dbt renders a var's text value that holds Jinja when a template reads it (not a default given to var())
  const renderedVars = new Map<string, unknown>();
  const rendering = new Set<string>();
  const lookupVar = (name: string, pkg: string, renderIn?: VarRenderScope): unknown => {
    const raw = varsFor(pkg)[name];
    if (typeof raw !== "string" || (!raw.includes("{{") && !raw.includes("{%"))) return raw;
    if (renderIn) return session.env.render(raw, renderIn.context, { file: `var '${name}'`, resolveGlobal: renderIn.resolveGlobal });
    const key = `${pkg}\u0000${name}`;
    if (renderedVars.has(key)) return renderedVars.get(key);
    if (rendering.has(key)) return raw;
    rendering.add(key);
    try {
      const value = session.env.render(raw, session.base, { file: `var '${name}'` });
      renderedVars.set(key, value);
      return value;
    } finally {
      rendering.delete(key);
    }
  };
  const base = createBaseContext(
    {
      projectName: project.name,
      target: targetContext(profile, location, adapterModule.targetDefaults),
      lookupVar,
      env,
      invocationId,
      log: options.log,
      warn: options.warn,
      print: options.print,
      flags: options.flags,
      invocationArgs: invocationArgsDict(options.invocationArgs, project.flags, cliVars),
    },
    envVarsRead,
  );
  // the Jinja environment is created when something is first rendered: a partial parse of static models never needs it
  let jinja: RenderSession["env"] | undefined;
  const useCodeCache = !options.fullRender && options.templateCodeCache === true;
  let codeCache: FileTemplateCodeCache | undefined;
  const session: RenderSession = {
    get env() {
      if (!jinja && useCodeCache) codeCache = openTemplateCodeCache(path.join(inputs.targetPath, TEMPLATE_CACHE_FILE));
      return (jinja ??= createEnvironment({ filters: DBT_FILTERS, codeCache }));
    },
    registry,
    base,
    adapterType: profile.target.type,
    quote: naming.quote,
    relations: naming,
    varFor: (pkg, renderIn) => createPackageVar(lookupVar, pkg, renderIn),
    projectFlags: project.flags,
    readGrants: adapterModule.dialect?.grants?.readGrants,
    createTableAs: adapterModule.dialect
      ? (relation, sql, options) => (options.replace && !options.temporary ? adapterModule.dialect!.createOrReplaceAs("table", relation, sql, options) : adapterModule.dialect!.createTableAs(relation, sql, options))
      : undefined,
    sqlNow: adapterModule.dialect?.currentTimestamp(),
  };
  // built when a properties file first holds Jinja
  let propertiesRenderer: PropertiesRenderer | undefined;
  const renderProperties: PropertiesRenderer = (parsed, pkg, out) => {
    propertiesRenderer ??= createPropertiesRenderer({
      env,
      context: createYamlContext({ env, target: targetContext(profile, location, adapterModule.targetDefaults), projectName: project.name, invocationId, flags: options.flags, log: options.log }),
      varsFor,
      onEnvRead: (name, value) => envVarsRead.set(name, value),
    });
    return propertiesRenderer(parsed, pkg, out);
  };
  const saveCodeCache = () => {
    codeCache?.save();
    return codeCache ? { ...codeCache.stats } : undefined;
  };
  return { session, macros: macroResult.macros, docs: docsResult.docs, invocationId, envVarsRead, diagnostics, renderProperties, saveCodeCache, macroBlocks };
}

/** Parses every node of a project from its inputs (see {@link parseProject}). */
export async function parseFromInputs(inputs: ParseInputs, options: ProjectOptions): Promise<ParsedProject> {
  const parseSession = createParseSession(inputs, options);
  const { project, profile, projectDir, targetPath, adapterModule, location, naming, projects, files, cliVars } = inputs;
  const { session, invocationId, envVarsRead } = parseSession;
  const registry = session.registry;
  const quote = naming.quote;
  const diagnostics: Diagnostic[] = [...inputs.diagnostics, ...parseSession.diagnostics];
  // files holding NUL bytes are reported (E065) and not parsed
  const binary = new Set<ProjectFile>();
  for (const f of files) {
    const problem = nulByteDiagnostic(f);
    if (problem) (diagnostics.push(problem), binary.add(f));
  }
  const byKind = (kind: ProjectFile["kind"]) => files.filter((f) => f.kind === kind && !binary.has(f));

  // a syntax error in a macro is reported even when nothing calls it (built-ins are trusted); with many
  // macros they are checked on a worker thread while this one goes on, and their errors put back here
  const checkedMacros = registry.all().filter((m) => m.packageName !== BUILTIN_PACKAGE);
  // a worker also compiles the SQL files ahead of their render (parseSqlNode renders raw_code), and the built-in macros they mention
  const toRender = () => [...byKind("model"), ...byKind("analysis"), ...byKind("test")].map((f) => trimmedSource(f.contents).code).filter((code) => code.includes("{{") || code.includes("{%"));
  const callable = () => registry.all().flatMap((m) => (m.packageName === BUILTIN_PACKAGE ? [m.source] : []));
  const macroErrors = session.env.checkAll(
    checkedMacros.map((m) => ({ source: m.source, options: { file: m.file, lineOffset: m.line } })),
    { worker: options.fullRender ? "never" : "auto", toRender, callable },
  );
  const macroErrorsAt = diagnostics.length;
  const addMacroErrors = () =>
    diagnostics.splice(macroErrorsAt, 0, ...macroErrors().flatMap((e, i) => (e === undefined ? [] : [renderErrorToDiagnostic(e, checkedMacros[i].file, checkedMacros[i].uniqueId, () => [])])));
  // each macro's depends_on.macros (dbt's static scan of its body): from the code its check generated
  // (on this thread or the worker), built-ins from the table the build wrote
  const builtinDirs = [BUILTIN_MACROS_DIR, ...(adapterModule.macrosDir ? [adapterModule.macrosDir] : [])];
  const addMacroDependencies = () => {
    for (const m of registry.all()) {
      const entry = parseSession.macros[m.uniqueId];
      if (!entry) continue;
      try {
        const calls = (m.packageName === BUILTIN_PACKAGE && storedBuiltinCalls(m.source, builtinDirs)) || session.env.check(m.source, { file: m.file, lineOffset: m.line });
        entry.depends_on.macros = macroDependencies(m, calls, registry);
      } catch {
        // a syntax error: reported by the check above
      }
    }
  };

  // properties YAML first: their configs apply before a file's own config() calls
  const propertiesFiles: PropertiesFile[] = [];
  for (const f of byKind("properties")) {
    const parsed = parseYaml(f.contents, f.path, { loaded: inputs.preparsedYaml?.(f) });
    diagnostics.push(...parsed.diagnostics, ...parsed.warnings);
    if (parsed.value === null) continue;
    const rendered = parseSession.renderProperties(parsed, f.packageName, diagnostics);
    checkPropertyTypes(rendered, diagnostics);
    propertiesFiles.push({ packageName: f.packageName, parsed: rendered, unrendered: parsed, text: f.contents });
  }
  const patches = new Map<string, NodePatch>();
  for (const pf of propertiesFiles) {
    for (const patch of readNodePatches(pf, diagnostics)) {
      const key = patchFileKey(patch);
      const previous = patches.get(key);
      if (previous) {
        diagnostics.push(diagnosticAt(pf.parsed, patch.path, { code: "TSDBT-E023", message: `${patch.kind} '${patch.name}' is described twice: in ${previous.file} and ${patch.file}.`, hint: "Keep one properties entry per resource." }));
        continue;
      }
      patches.set(key, patch);
    }
  }
  placeUnversionedLatest(patches, byKind("model"));
  fileCrossPackagePatches(patches, files, project.name, projects);
  const appliedPatches = new Map(patches);

  const stats: ParseStats = { static: 0, rendered: 0 };
  const ctx: NodeBuildContext = { projects, session, target: { database: location.database, schema: location.schema, quote, quoting: naming.quoting, relation: naming.relation }, patches, diagnostics, stats, fullRender: options.fullRender };
  const all: ManifestNode[] = [];
  for (const f of byKind("model")) all.push(buildFileNode("model", f, ctx));
  for (const f of byKind("analysis")) all.push(buildFileNode("analysis", f, ctx));
  for (const f of byKind("test")) all.push(buildFileNode("test", f, ctx));
  for (const f of byKind("seed")) all.push(buildFileNode("seed", f, ctx));
  for (const f of byKind("snapshot")) all.push(...buildSnapshotNodes(f, ctx));
  all.push(...buildYamlSnapshots(ctx));

  // patches left over describe nothing that exists
  for (const patch of patches.values()) {
    const pf = propertiesFiles.find((p) => p.parsed.file === patch.file)!;
    diagnostics.push(diagnosticAt(pf.parsed, patch.path, { code: "TSDBT-W010", severity: "warn", message: `${patch.file} describes ${patch.kind} '${patch.name}'${patch.version ? ` version ${patch.version.v}, whose file ${patch.version.fileStem}.sql` : ""}, which does not exist; the entry is ignored (its data tests are kept, disabled, as dbt keeps them).`, hint: `Check the name against the files under ${patch.kind === "seed" ? "seed-paths" : "model-paths"}.` }));
  }

  const sources: Record<string, SourceDefinition> = {};
  const disabledSources: SourceDefinition[] = [];
  for (const pf of propertiesFiles) {
    for (const read of readSources(pf, location.database, diagnostics)) {
      const { source, tests, testTags } = read;
      applyProjectSourceConfig(read, projectConfigLayers(projects, "source", source.package_name, source.fqn.slice(1)), unrenderedProjectConfigLayers(projects, "source", source.package_name, source.fqn.slice(1)));
      // the root project's quoting policy, then the source's and table's own
      const quoting = { ...naming.quoting, ...Object.fromEntries(Object.entries(source.quoting).filter(([, v]) => v !== null)) } as Record<string, unknown>;
      const part = (value: string | null, kind: string) => (value ? (quoting[kind] === false ? value : quote(value)) : null);
      source.relation_name = [part(source.database, "database"), part(source.schema, "schema"), part(source.identifier, "identifier")].filter((p): p is string => Boolean(p)).join(".");
      // a disabled source table goes to the manifest's `disabled`, as dbt files it
      if (source.config.enabled === false) {
        disabledSources.push(Object.assign(source, { doc_blocks: [] }));
        continue;
      }
      sources[source.unique_id] = source;
      all.push(...buildTestNodes(tests, { kind: "source", name: source.name, sourceName: source.source_name, packageName: source.package_name, file: pf.parsed.file, inheritedTags: testTags, quoteColumns: source.quoting.column === true }, pf.parsed, projects, diagnostics, registry, quote));
    }
  }
  const enabledNodeKeys = new Set(all.filter((n) => n.config.enabled !== false).map(nodeResourceKey));
  // tests on a model, seed or snapshot that is disabled or missing stay in the manifest, disabled (as in dbt)
  const inertTests: ManifestNode[] = [];
  for (const patch of appliedPatches.values()) {
    if (patch.kind === "analysis") continue;
    const pf = propertiesFiles.find((p) => p.parsed.file === patch.file)!;
    const tests = buildTestNodes(patch.tests, { kind: patch.kind, name: patch.name, version: patch.version?.v, packageName: patch.packageName, file: patch.file, quoteColumns: patch.raw.quote_columns === true }, pf.parsed, projects, diagnostics, registry, quote);
    // dbt attaches a test only to a node of the test's own package: a disabled one of the name if
    // that package has one (its seed a project's copy replaces), else none
    if (patch.nodePackage) {
      const own = `${patch.kind}.${patch.packageName}.${patch.name}`;
      const attached = all.some((n) => n.unique_id === own) ? own : null;
      for (const t of tests) t.attached_node = attached;
    }
    if (enabledNodeKeys.has(patchResourceKey(patch))) all.push(...tests);
    else inertTests.push(...tests);
  }

  const enabled = all.filter((n) => n.config.enabled !== false);
  const disabled = all.filter((n) => n.config.enabled === false);
  for (const n of enabled) assignRelationName(n, session, naming);
  finishSnapshots(enabled, naming, diagnostics, (name, pkg) => registry.resolve(name, pkg) !== undefined);
  diagnostics.push(...findDuplicateNames(enabled));
  diagnostics.push(...checkIdentifierLengths(enabled, adapterModule.dialect?.maxIdentifierBytes, profile.target.type));
  diagnostics.push(...linkNodes(enabled, sources, disabled, project.name));
  diagnostics.push(...checkMicrobatchConfigs(enabled, sources));
  for (const n of inertTests) assignRelationName(n, session, naming);
  // dbt names the relations of disabled nodes too; a naming macro that fails on one leaves it unnamed
  for (const n of disabled) {
    try {
      assignRelationName(n, session, naming);
    } catch {
      // (nothing runs a disabled node)
    }
  }
  const keptDisabled = disableOrphanTests(inertTests, enabled, sources, disabled);
  inheritAttachedGroups(enabled.filter((n) => n.resource_type === "test"), enabled);
  inferPrimaryKeys(enabled, [...enabled, ...disabled, ...inertTests].filter((n) => n.resource_type === "test"));
  const unitTests = readUnitTests({ propertiesFiles, nodes: enabled, projectDir, testPaths: project.testPaths }, diagnostics);
  const semanticLayer = readSemanticLayer({ files: propertiesFiles, nodes: enabled, sources, rootPackage: project.name, target: location }, diagnostics);
  addMacroErrors();
  if (diagnostics.some((d) => d.severity === "error")) fail(diagnostics);
  addMacroDependencies();

  renderDescriptions(enabled, sources, parseSession.docs, session, diagnostics, (file) => readTextOrUndefined(path.join(projectDir, file)));
  const hookNodes = buildHookNodes(projects, location);
  for (const n of hookNodes) {
    assignRelationName(n, session, naming);
    captureHookDependencies(session, n, ctx.target, n.raw_code);
  }
  const manifest = assembleManifest({
    projectName: project.name,
    adapterType: profile.target.type,
    invocationId,
    invocationStartedAt: options.invocationStartedAt ?? new Date(),
    nodes: [...enabled, ...keptDisabled, ...hookNodes],
    disabled: [...disabled, ...inertTests.filter((t) => !keptDisabled.includes(t))],
    disabledSources,
    sources,
    macros: parseSession.macros,
    docs: parseSession.docs,
    // the adapter's policy (quote every part unless its dialect says otherwise) under the project's
    quoting: { database: true, schema: true, identifier: true, ...naming.quoting, column: null },
  });
  manifest.unit_tests = unitTests;
  Object.assign(manifest, semanticLayer);
  manifest.groups = readGroups(propertiesFiles, diagnostics);
  manifest.group_map = groupMap(manifest);
  manifest.macros = patchMacros(manifest.macros, propertiesFiles, diagnostics);
  renderMacroDescriptions(manifest.macros, parseSession.docs, session, diagnostics, (file) => readTextOrUndefined(path.join(projectDir, file)));
  const nonNodes = [...Object.values(semanticLayer).flatMap((section: Record<string, unknown>) => Object.values(section)), ...Object.values(unitTests)];
  addDependencyEntries(manifest, nonNodes as { unique_id: string }[]);
  // the graph is built when a command first asks for it (selection); `parse` only checks for cycles
  let graph: DepGraph | undefined;
  const templateCache = parseSession.saveCodeCache();
  if (templateCache) stats.templateCache = templateCache;
  // doc() in descriptions (E024), groups without an owner (E019): errors found after the first check
  if (diagnostics.some((d) => d.severity === "error")) fail(diagnostics);
  const graphOf = () => (graph ??= buildGraph(manifest));
  if (hasCycle(manifest.parent_map, manifest.child_map)) fail([...diagnostics, ...graphOf().findCycles()]);
  return {
    project,
    profile,
    projectDir,
    targetPath,
    manifest,
    get graph() {
      return graphOf();
    },
    diagnostics,
    session,
    naming,
    adapterModule,
    invocationId,
    cliVars,
    envVarsRead,
    stats,
    inputs,
    macroBlocks: parseSession.macroBlocks,
    saveTemplateCache: () => void parseSession.saveCodeCache(),
  };
}
