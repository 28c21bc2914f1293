import { PY_BOOL, PY_REPR } from "@tsdbt/jinja";

/** One behavior flag as `adapter.behavior.<name>` gives it: true or false in `if`, and `.setting` / `.no_warn`. */
export class BehaviorFlag {
  constructor(
    readonly name: string,
    readonly setting: boolean,
  ) {}
  /** The value without the deprecation warning dbt prints for a flag left at its default. */
  get no_warn(): boolean {
    return this.setting;
  }
  [PY_BOOL](): boolean {
    return this.setting;
  }
  [PY_REPR](): string {
    return `<BehaviorFlag ${this.name}=${this.setting ? "True" : "False"}>`;
  }
  toString(): string {
    return this[PY_REPR]();
  }
}

/**
 * `adapter.behavior`: the project's behavior flags (dbt_project.yml `flags:`), each false unless
 * set, such as `enable_truthy_nulls_equals_macro` (which dbt's `equals` macro reads) and
 * `require_batched_execution_for_custom_microbatch_strategy`. dbt fails on a name its adapter
 * does not declare; tsdbt gives any unset name as false.
 */
export function behaviorFlags(projectFlags: Record<string, unknown>): Record<string, BehaviorFlag> {
  const flags = new Map<string, BehaviorFlag>();
  return new Proxy({} as Record<string, BehaviorFlag>, {
    get: (_target, name) => {
      if (typeof name !== "string") return undefined;
      let flag = flags.get(name);
      if (!flag) flags.set(name, (flag = new BehaviorFlag(name, projectFlags[name] === true)));
      return flag;
    },
  });
}
