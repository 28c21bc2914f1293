import { randomUUID } from "node:crypto";
import * as path from "node:path";
import { loadAdapterModule, type AdapterModule, type ProfileTarget } from "@tsdbt/adapter-api";
import { createEnvironment } from "@tsdbt/jinja";
import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";
import type { Manifest, ManifestNode, SourceDefinition } from "../manifest/types";
import { loadProjectConfig } from "../project/load-project-config";
import type { ProjectConfig } from "../project/project-config";
import { discoverProjectFiles, type KnownFile, type ProjectFile } from "../project/discover-files";
import { loadInstalledPackages } from "../project/installed-packages";
import type { ProjectSet } from "./project-layers";
import { loadProfile, type LoadedProfile } from "../config/load-profile";
import { parseCliVars, resolveVars, type Vars } from "../config/vars";
import { parseYaml } from "../yaml/parse-yaml";
import { diagnosticAt } from "../yaml/diagnostic-at";
import { createBaseContext, createPackageVar, type TargetContext } from "../context/base-context";
import { BUILTIN_PACKAGE, MacroRegistry } from "../context/macro-registry";
import { DBT_FILTERS } from "../context/dbt-filters";
import type { RenderSession } from "../context/node-context";
import { buildFileNode, buildSnapshotNodes, patchKey, type NodeBuildContext, type ParseStats } from "./build-nodes";
import { buildTestNodes } from "./build-tests";
import { builtinMacroFiles, loadDocs, loadMacros } from "./load-macros";
import { readNodePatches, type NodePatch, type PropertiesFile } from "./properties";
import { readSources } from "./read-sources";
import { findDuplicateNames, linkNodes } from "./link-nodes";
import { checkIdentifierLengths } from "./identifier-limits";
import { assignRelationName, type NamingTarget } from "./relation-naming";
import { createCaptureScope } from "./capture-scope";
import { renderDescriptions } from "./render-descriptions";
import { renderErrorToDiagnostic } from "./render-diagnostic";
import { assembleManifest } from "../manifest/assemble-manifest";
import { buildGraph } from "../graph/build-graph";
import type { DepGraph } from "../graph/dep-graph";
import { hasCycle } from "../graph/has-cycle";
import { buildYamlSnapshots } from "../snapshots/yaml-snapshots";
import { finishSnapshots } from "../snapshots/finish-snapshots";
import { readUnitTests } from "../unit-tests/read-unit-tests";

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
  /** `--target-path` (default: the project's target-path). */
  targetPath?: string;
  /** Receives log()/print() output from templates. */
  log?: (message: string, info: boolean) => void;
  /** `flags` visible to templates (FULL_REFRESH, WHICH, …). */
  flags?: Record<string, unknown>;
  /** Render every file instead of reading simple ones statically (to prove the fast path changes nothing). */
  fullRender?: boolean;
}

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
}

const SECRET_KEYS = new Set(["password", "pass", "private_key", "private_key_passphrase", "keyfile_json", "token", "refresh_token", "client_secret"]);

function targetContext(profile: LoadedProfile, location: { database: string | null; schema: string }): TargetContext {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(profile.target)) if (!SECRET_KEYS.has(k)) out[k] = v;
  return { ...out, name: profile.targetName, profile_name: profile.profileName, type: profile.target.type, schema: location.schema, database: location.database, threads: profile.threads } as TargetContext;
}

function fail(diagnostics: Diagnostic[]): never {
  throw new DiagnosticError(diagnostics.filter((d) => d.severity === "error"));
}

/**
 * Reads a dbt project into a manifest: dbt_project.yml and the profile, every macro, model,
 * seed, snapshot, analysis and test, properties YAML (descriptions, columns, configs, tests,
 * sources), relation names, and the links between nodes. Every problem in every file is
 * collected; when any is an error a {@link DiagnosticError} carrying all of them is thrown.
 */
export async function parseProject(options: ProjectOptions): Promise<ParsedProject> {
  return parseFromInputs(await loadParseInputs(options), options);
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

  const loaded = await loadProjectConfig(projectDir, { env, cliVars });
  diagnostics.push(...loaded.diagnostics);
  if (!loaded.value || diagnostics.some((d) => d.severity === "error")) fail(diagnostics);
  const project = loaded.value;
  const profileName = options.profile ?? project.profile ?? project.name;
  const prof = await loadProfile({ projectDir, profilesDir: options.profilesDir, profileName, targetName: options.target, env, cliVars });
  diagnostics.push(...prof.diagnostics);
  if (!prof.value || diagnostics.some((d) => d.severity === "error")) fail(diagnostics);
  const profile = prof.value;
  const targetPath = path.resolve(projectDir, options.targetPath ?? project.targetPath);
  const known = knownFiles?.(targetPath);

  const adapterModule = loadAdapterModule(profile.target.type, { paths: [projectDir] });
  const location = adapterModule.describeTarget?.(profile.target as ProfileTarget, { projectDir, targetPath }) ?? {
    database: (profile.target.database as string | undefined) ?? null,
    schema: profile.target.schema,
  };
  const quote = adapterModule.dialect?.quote ?? ((id: string) => `"${id.replace(/"/g, '""')}"`);
  const naming: NamingTarget = { database: location.database, schema: location.schema, quote, quoting: project.quoting };

  const installed = await loadInstalledPackages(project, { env, cliVars });
  diagnostics.push(...installed.diagnostics);
  const packages = new Map((installed.value ?? []).map((p) => [p.config.name, p.config]));
  const discover = { known };
  const files = (await Promise.all([discoverProjectFiles(project, projectDir, discover), ...(installed.value ?? []).map((p) => discoverProjectFiles(p.config, p.projectDir, discover))])).flat();
  return { env, projectDir, project, profile, cliVars, targetPath, adapterModule, location, naming, projects: { root: project, packages }, files, diagnostics };
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
}

/** Loads every macro and docs block and builds the context templates are rendered in. */
export function createParseSession(inputs: ParseInputs, options: ProjectOptions): ParseSession {
  const { project, profile, adapterModule, location, naming, cliVars, env } = inputs;
  const packages = inputs.projects.packages;
  const diagnostics: Diagnostic[] = [];
  const byKind = (kind: ProjectFile["kind"]) => inputs.files.filter((f) => f.kind === kind);
  const registry = new MacroRegistry(project.name, [profile.target.type, "default"], project.dispatch);
  const adapterMacros = adapterModule.macrosDir ? builtinMacroFiles(adapterModule.macrosDir) : [];
  const macroResult = loadMacros([...builtinMacroFiles(), ...adapterMacros, ...byKind("macro")], registry);
  diagnostics.push(...macroResult.diagnostics);
  const docsResult = loadDocs(byKind("doc"));
  diagnostics.push(...docsResult.diagnostics);

  const varsByPackage = new Map<string, Vars>();
  const envVarsRead = new Map<string, string | undefined>();
  const invocationId = options.invocationId ?? randomUUID();
  const lookupVar = (name: string, pkg: string): unknown => {
    let vars = varsByPackage.get(pkg);
    if (!vars) varsByPackage.set(pkg, (vars = resolveVars(project, pkg, cliVars, { packageProject: packages.get(pkg), projectNames: [project.name, ...packages.keys()] })));
    return vars[name];
  };
  const base = createBaseContext(
    {
      projectName: project.name,
      target: targetContext(profile, location),
      lookupVar,
      env,
      invocationId,
      log: options.log,
      flags: options.flags,
    },
    envVarsRead,
  );
  // the Jinja environment is created when something is first rendered: a partial parse of static models never needs it
  let jinja: RenderSession["env"] | undefined;
  const session: RenderSession = {
    get env() {
      return (jinja ??= createEnvironment({ filters: DBT_FILTERS }));
    },
    registry,
    base,
    adapterType: profile.target.type,
    quote: naming.quote,
    varFor: (pkg) => createPackageVar(lookupVar, pkg),
  };
  return { session, macros: macroResult.macros, docs: docsResult.docs, invocationId, envVarsRead, diagnostics };
}

/** Parses every node of a project from its inputs (see {@link parseProject}). */
export async function parseFromInputs(inputs: ParseInputs, options: ProjectOptions): Promise<ParsedProject> {
  const parseSession = createParseSession(inputs, options);
  const { project, profile, projectDir, targetPath, adapterModule, location, naming, projects, files, cliVars } = inputs;
  const { session, invocationId, envVarsRead } = parseSession;
  const registry = session.registry;
  const quote = naming.quote;
  const diagnostics: Diagnostic[] = [...inputs.diagnostics, ...parseSession.diagnostics];
  const byKind = (kind: ProjectFile["kind"]) => files.filter((f) => f.kind === kind);

  // a syntax error in a macro is reported even when nothing calls it (built-ins are trusted)
  for (const m of registry.all()) {
    if (m.packageName === BUILTIN_PACKAGE) continue;
    try {
      session.env.check(m.source, { file: m.file, lineOffset: m.line });
    } catch (e) {
      diagnostics.push(renderErrorToDiagnostic(e, m.file, m.uniqueId, () => []));
    }
  }

  // properties YAML first: their configs apply before a file's own config() calls
  const propertiesFiles: PropertiesFile[] = [];
  for (const f of byKind("properties")) {
    const parsed = parseYaml(f.contents, f.path);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.value !== null) propertiesFiles.push({ packageName: f.packageName, parsed });
  }
  const patches = new Map<string, NodePatch>();
  for (const pf of propertiesFiles) {
    for (const patch of readNodePatches(pf, diagnostics)) {
      const key = patchKey(patch.kind, patch.packageName, patch.name);
      const previous = patches.get(key);
      if (previous) {
        diagnostics.push(diagnosticAt(pf.parsed, patch.path, { code: "TSDBT-E023", message: `${patch.kind} '${patch.name}' is described twice: in ${previous.file} and ${patch.file}.`, hint: "Keep one properties entry per resource." }));
        continue;
      }
      patches.set(key, patch);
    }
  }
  const appliedPatches = new Map(patches);

  const stats: ParseStats = { static: 0, rendered: 0 };
  const ctx: NodeBuildContext = { projects, session, target: { database: location.database, schema: location.schema, quote }, patches, diagnostics, stats, fullRender: options.fullRender };
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
    diagnostics.push(diagnosticAt(pf.parsed, patch.path, { code: "TSDBT-W010", severity: "warn", message: `${patch.file} describes ${patch.kind} '${patch.name}', which does not exist; the entry is ignored.`, hint: `Check the name against the files under ${patch.kind === "seed" ? "seed-paths" : "model-paths"}.` }));
  }

  const sources: Record<string, SourceDefinition> = {};
  for (const pf of propertiesFiles) {
    for (const { source, tests } of readSources(pf, location.database, diagnostics)) {
      if (source.config.enabled === false) continue;
      source.relation_name = [source.database, source.schema, source.identifier].filter((p): p is string => Boolean(p)).map(quote).join(".");
      sources[source.unique_id] = source;
      all.push(...buildTestNodes(tests, { kind: "source", name: source.name, sourceName: source.source_name, packageName: source.package_name, file: pf.parsed.file }, pf.parsed, projects, diagnostics, registry));
    }
  }
  const enabledNodeKeys = new Set(all.filter((n) => n.config.enabled !== false).map((n) => patchKey(n.resource_type, n.package_name, n.name)));
  for (const patch of appliedPatches.values()) {
    if (patch.kind === "analysis" || !enabledNodeKeys.has(patchKey(patch.kind, patch.packageName, patch.name))) continue;
    const pf = propertiesFiles.find((p) => p.parsed.file === patch.file)!;
    all.push(...buildTestNodes(patch.tests, { kind: patch.kind, name: patch.name, packageName: patch.packageName, file: patch.file }, pf.parsed, projects, diagnostics, registry));
  }

  const enabled = all.filter((n) => n.config.enabled !== false);
  const disabled = all.filter((n) => n.config.enabled === false);
  const scopeFor = (n: ManifestNode) => createCaptureScope(n, ctx.target, () => n.config);
  for (const n of enabled) assignRelationName(n, session, naming, scopeFor);
  finishSnapshots(enabled, naming, diagnostics);
  diagnostics.push(...findDuplicateNames(enabled));
  diagnostics.push(...checkIdentifierLengths(enabled, adapterModule.dialect?.maxIdentifierBytes, profile.target.type));
  diagnostics.push(...linkNodes(enabled, sources, disabled, project.name));
  const unitTests = readUnitTests({ propertiesFiles, nodes: enabled, projectDir, testPaths: project.testPaths }, diagnostics);
  if (diagnostics.some((d) => d.severity === "error")) fail(diagnostics);

  renderDescriptions(enabled, sources, parseSession.docs, session, diagnostics);
  const manifest = assembleManifest({
    projectName: project.name,
    adapterType: profile.target.type,
    invocationId,
    nodes: enabled,
    disabled,
    sources,
    macros: parseSession.macros,
    docs: parseSession.docs,
  });
  manifest.unit_tests = unitTests;
  // the graph is built when a command first asks for it (selection); `parse` only checks for cycles
  let graph: DepGraph | undefined;
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
  };
}
