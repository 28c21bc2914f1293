/** Loading dbt_project.yml, discovering project files, reading properties YAML. */
export { loadProjectConfig, loadProjectHeader, projectConfigFromText } from "./load-project-config";
export type { LoadProjectConfigOptions, ProjectHeader } from "./load-project-config";
export type { ProjectConfig, ConfigTree, QuotingConfig, DispatchConfig, QueryCommentConfig } from "./project-config";
export { PROJECT_KEYS } from "./project-config";
export { DBT_COMPATIBLE_VERSION, satisfiesDbtVersion } from "./dbt-version";

export { discoverProjectFiles } from "./discover-files";
export type { ProjectFile, ProjectFileKind } from "./discover-files";
export { loadInstalledPackages } from "./installed-packages";
export type { InstalledPackage, PackageDeclaration } from "./installed-packages";
