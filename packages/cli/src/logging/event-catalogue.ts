/** Severity of a log event, as dbt names them. */
export type EventLevel = "debug" | "info" | "warn" | "error";

/** An event's stable code and default level. */
export interface EventKind {
  code: string;
  level: EventLevel;
}

/**
 * The dbt-core 1.10 events tsdbt fires, with dbt's codes and default levels (result events take
 * their level from the node's status, as dbt's do). Orchestrators key on these names and codes.
 */
export const DBT_EVENTS = {
  MainReportVersion: { code: "A001", level: "info" },
  MainReportArgs: { code: "A002", level: "debug" },
  ProjectCreated: { code: "A026", level: "info" },
  SQLQuery: { code: "E016", level: "debug" },
  AdapterRegistered: { code: "E034", level: "info" },
  CatalogWritten: { code: "E042", level: "info" },
  BuildingCatalog: { code: "E044", level: "info" },
  FinishedRunningStats: { code: "E047", level: "info" },
  UnableToPartialParse: { code: "I024", level: "info" },
  JinjaLogWarning: { code: "I061", level: "warn" },
  JinjaLogInfo: { code: "I062", level: "info" },
  JinjaLogDebug: { code: "I063", level: "debug" },
  DepsNoPackagesFound: { code: "M013", level: "info" },
  DepsStartPackageInstall: { code: "M014", level: "info" },
  DepsInstallInfo: { code: "M015", level: "info" },
  DepsUpdateAvailable: { code: "M016", level: "info" },
  DepsUpToDate: { code: "M017", level: "info" },
  DepsListSubdirectory: { code: "M018", level: "info" },
  DepsNotifyUpdatesAvailable: { code: "M019", level: "info" },
  DepsUnpinned: { code: "M029", level: "warn" },
  DepsLockUpdating: { code: "M031", level: "info" },
  DepsAddPackage: { code: "M032", level: "info" },
  DepsFoundDuplicatePackage: { code: "M033", level: "info" },
  NoNodesForSelectionCriteria: { code: "M030", level: "warn" },
  ArtifactWritten: { code: "P001", level: "debug" },
  RunningOperationCaughtError: { code: "Q001", level: "error" },
  CompileComplete: { code: "Q002", level: "info" },
  FreshnessCheckComplete: { code: "Q003", level: "info" },
  LogTestResult: { code: "Q007", level: "info" },
  LogNodeResult: { code: "Q008", level: "info" },
  LogStartLine: { code: "Q011", level: "info" },
  LogModelResult: { code: "Q012", level: "info" },
  LogSnapshotResult: { code: "Q015", level: "info" },
  LogSeedResult: { code: "Q016", level: "info" },
  LogFreshnessResult: { code: "Q018", level: "info" },
  LogNodeNoOpResult: { code: "Q019", level: "info" },
  DefaultSelector: { code: "Q023", level: "info" },
  NodeStart: { code: "Q024", level: "debug" },
  NodeFinished: { code: "Q025", level: "debug" },
  ConcurrencyLine: { code: "Q027", level: "info" },
  LogHookStartLine: { code: "Q032", level: "info" },
  LogHookEndLine: { code: "Q033", level: "info" },
  SkippingDetails: { code: "Q034", level: "info" },
  NothingToDo: { code: "Q035", level: "warn" },
  NoNodesSelected: { code: "Q038", level: "warn" },
  CommandCompleted: { code: "Q039", level: "debug" },
  ShowNode: { code: "Q041", level: "info" },
  CompiledNode: { code: "Q042", level: "info" },
  LogStartBatch: { code: "Q045", level: "info" },
  LogBatchResult: { code: "Q046", level: "info" },
  CatchableExceptionOnRun: { code: "W002", level: "debug" },
  GenericExceptionOnRun: { code: "W004", level: "error" },
  FoundStats: { code: "W006", level: "info" },
  MainKeyboardInterrupt: { code: "Z001", level: "info" },
  MainEncounteredError: { code: "Z002", level: "error" },
  CheckCleanPath: { code: "Z012", level: "info" },
  ConfirmCleanPath: { code: "Z013", level: "info" },
  FinishedCleanPaths: { code: "Z015", level: "info" },
  OpenCommand: { code: "Z016", level: "info" },
  Formatting: { code: "Z017", level: "info" },
  RunResultWarning: { code: "Z021", level: "warn" },
  RunResultFailure: { code: "Z022", level: "error" },
  StatsLine: { code: "Z023", level: "info" },
  RunResultError: { code: "Z024", level: "error" },
  SQLCompiledPath: { code: "Z026", level: "info" },
  CheckNodeTestFailure: { code: "Z027", level: "info" },
  EndOfRunSummary: { code: "Z030", level: "info" },
  RunResultWarningMessage: { code: "Z046", level: "warn" },
  DebugCmdOut: { code: "Z047", level: "info" },
  DebugCmdResult: { code: "Z048", level: "info" },
  ListCmdOut: { code: "Z049", level: "info" },
  Note: { code: "Z050", level: "info" },
  PrintEvent: { code: "Z052", level: "info" },
} as const satisfies Record<string, EventKind>;

/**
 * Events of tsdbt's own (no dbt counterpart). Their codes start with `T`, a letter dbt does not use,
 * so a consumer that keys on dbt's codes never mistakes one for a dbt event.
 */
export const TSDBT_EVENTS = {
  /** A problem found in the project that does not stop the command (the diagnostic's TSDBT code is in `data.code`). */
  TsdbtWarning: { code: "T001", level: "warn" },
  /** `parse` finished (timings and counts). */
  ParseDone: { code: "T002", level: "info" },
  /** The saved parse was reused for the files that changed. */
  PartialParseReused: { code: "T003", level: "debug" },
  /** A flag tsdbt accepts but does not act on yet, or on which it has nothing to do. */
  FlagNotSupported: { code: "T004", level: "warn" },
  /** `--help` text. */
  Help: { code: "T005", level: "info" },
  /** An unexpected failure inside tsdbt (a bug). */
  InternalError: { code: "T006", level: "error" },
  RetryStart: { code: "T007", level: "info" },
  RunOperationOutput: { code: "T008", level: "info" },
  ServingDocs: { code: "T009", level: "info" },
  DocsWritten: { code: "T010", level: "info" },
  CatalogWarning: { code: "T011", level: "warn" },
  ColumnLineage: { code: "T012", level: "info" },
  ColumnLineageWritten: { code: "T013", level: "info" },
  ColumnLineageSkipped: { code: "T014", level: "info" },
  LineageCompile: { code: "T015", level: "info" },
  /** Which materialization path a node took: a Jinja macro, an override of a built-in step, or tsdbt's TypeScript. */
  MaterializationPath: { code: "T016", level: "debug" },
  /** `compile --dry-run`: what one node would process (or why the warehouse refused it). */
  DryRunNode: { code: "T017", level: "info" },
  /** `compile --dry-run`: the total over the nodes. */
  DryRunSummary: { code: "T018", level: "info" },
  /** `docs generate --static`: the one-file site written. */
  StaticDocsWritten: { code: "T019", level: "info" },
} as const satisfies Record<string, EventKind>;

/** Every event name tsdbt fires. */
export type EventName = keyof typeof DBT_EVENTS | keyof typeof TSDBT_EVENTS;

/** The code and default level of an event. */
export function eventKind(name: EventName): EventKind {
  return (DBT_EVENTS as Record<string, EventKind>)[name] ?? (TSDBT_EVENTS as Record<string, EventKind>)[name];
}
