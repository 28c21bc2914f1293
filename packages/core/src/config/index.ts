/** Profiles, vars, env_var() and folder config trees. */
export { createEnvVarFunction } from "./env-var";
export type { EnvironmentVariables } from "./env-var";
export { ConfigValueError, findConfigValueError } from "./load-error";
export type { LoadResult } from "./load-error";
export { renderYamlValues, renderYamlText, createYamlTextRenderer } from "./render-yaml-values";
export type { YamlRenderContext, YamlRenderFailure } from "./render-yaml-values";
export { parseCliVars, resolveVars, createVarFunction, isPlainObject } from "./vars";
export type { Vars, ResolveVarsOptions } from "./vars";
export { loadProfile, profileFromText, profileDirectories } from "./load-profile";
export type { LoadProfileOptions, LoadedProfile } from "./load-profile";
export { resolveFolderConfig, folderConfigLayers } from "./folder-config";
export { mergeConfigs } from "./merge-configs";
export { normaliseConfig, normaliseHooks, normaliseTags } from "./normalise-config";
export type { ConfigLayer } from "./normalise-config";
export { createYamlContext, targetContext, unsetTarget } from "./yaml-context";
export type { YamlContextInput } from "./yaml-context";
export { renderNative } from "./native-render";
