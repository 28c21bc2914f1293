import type { MacroSource } from "@tsdbt/jinja";

/** A macro known to the project, with the package that defines it. */
export interface RegisteredMacro extends MacroSource {
  packageName: string;
  uniqueId: string;
}

/** The name of the package holding tsdbt's built-in macros (dbt's own `dbt` namespace). */
export const BUILTIN_PACKAGE = "dbt";

/** A dispatch entry from dbt_project.yml: `dispatch: [{macro_namespace, search_order}]`. */
export interface DispatchConfig {
  macro_namespace: string;
  search_order: string[];
}

/**
 * Every macro of the root project, installed packages and the built-ins, and dbt's rules for
 * finding one: an unqualified name resolves in the calling node's package, then the root
 * project, then the built-ins; `pkg.name` looks in one package; `adapter.dispatch` tries
 * `<adapter>__name` then `default__name` in each package of the search order.
 */
export class MacroRegistry {
  private readonly byPackage = new Map<string, Map<string, RegisteredMacro>>();
  private readonly projectMacros = new Map<string, RegisteredMacro[]>();

  constructor(
    readonly rootPackage: string,
    private readonly adapterPrefixes: string[],
    private readonly dispatchConfig: DispatchConfig[] = [],
  ) {}

  /** Adds a macro; a later one with the same package and name replaces the earlier (the caller reports duplicates). */
  add(macro: RegisteredMacro): RegisteredMacro | undefined {
    let pkg = this.byPackage.get(macro.packageName);
    if (!pkg) this.byPackage.set(macro.packageName, (pkg = new Map()));
    const previous = pkg.get(macro.name);
    pkg.set(macro.name, macro);
    this.projectMacros.clear();
    return previous;
  }

  /** All macros, for the manifest. */
  all(): RegisteredMacro[] {
    return [...this.byPackage.values()].flatMap((m) => [...m.values()]);
  }

  packages(): string[] {
    return [...this.byPackage.keys()];
  }

  hasPackage(name: string): boolean {
    return this.byPackage.has(name);
  }

  /** A macro defined in one package. */
  inPackage(packageName: string, name: string): RegisteredMacro | undefined {
    return this.byPackage.get(packageName)?.get(name);
  }

  /** Resolves an unqualified macro name as seen from a node of `callerPackage`. */
  resolve(name: string, callerPackage: string): RegisteredMacro | undefined {
    // the root project overrides built-ins even when a built-in is the caller
    const own = callerPackage === BUILTIN_PACKAGE ? undefined : this.inPackage(callerPackage, name);
    return own ?? this.inPackage(this.rootPackage, name) ?? this.inPackage(BUILTIN_PACKAGE, name);
  }

  /** True when the root project (or a package other than the built-ins) overrides a built-in macro. */
  isOverridden(name: string, callerPackage: string): boolean {
    const found = this.resolve(name, callerPackage);
    return found !== undefined && found.packageName !== BUILTIN_PACKAGE;
  }

  /** Implements `adapter.dispatch(name, macro_namespace)`: the implementation to call, or undefined. */
  dispatch(name: string, namespace: string | null, callerPackage: string): RegisteredMacro | undefined {
    const configured = namespace ? this.dispatchConfig.find((d) => d.macro_namespace === namespace)?.search_order : undefined;
    const order = configured ?? unique([this.rootPackage, namespace ?? callerPackage, BUILTIN_PACKAGE]);
    for (const pkg of order) {
      for (const prefix of this.adapterPrefixes) {
        const found = this.inPackage(pkg, `${prefix}__${name}`);
        if (found) return found;
      }
    }
    // dispatching to a macro with no prefixed implementations calls it directly
    for (const pkg of order) {
      const found = this.inPackage(pkg, name);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * The `{% materialization name, … %}` macro a node runs, by dbt's precedence: the most specific
   * adapter first (`<adapter>` before `default`), then the root project before installed packages
   * before the built-ins. Packages cannot replace a name in `builtinNames` (dbt ≥ 1.8's
   * `require_explicit_package_overrides_for_builtin_materializations`); the root project can.
   * Undefined when no macro exists (tsdbt's TypeScript built-in, if any, runs). The built-ins'
   * own macros of those names (`materialization_table_default`…) are there for wrappers to call,
   * never chosen here.
   */
  materialization(name: string, builtinNames: ReadonlySet<string>): RegisteredMacro | undefined {
    for (const prefix of this.adapterPrefixes) {
      const macro = `materialization_${name}_${prefix}`;
      const own = this.inPackage(this.rootPackage, macro);
      if (own) return own;
      if (!builtinNames.has(name)) {
        for (const pkg of this.byPackage.keys()) {
          if (pkg === this.rootPackage || pkg === BUILTIN_PACKAGE) continue;
          const found = this.inPackage(pkg, macro);
          if (found) return found;
        }
      }
      const builtin = builtinNames.has(name) ? undefined : this.inPackage(BUILTIN_PACKAGE, macro);
      if (builtin) return builtin;
    }
    return undefined;
  }

  /**
   * The macros of the root project or packages that take the place of built-in `name` when a
   * built-in calls it: the unqualified name as seen from `callerPackage`, and its dispatched
   * implementations (`<adapter>__name`, `default__name`) in the `dbt` namespace's search order.
   */
  overridesOf(name: string, callerPackage: string): RegisteredMacro[] {
    const out: RegisteredMacro[] = [];
    const direct = this.resolve(name, callerPackage);
    if (direct && direct.packageName !== BUILTIN_PACKAGE) out.push(direct);
    const dispatched = this.dispatch(name, BUILTIN_PACKAGE, callerPackage);
    if (dispatched && dispatched.packageName !== BUILTIN_PACKAGE && !out.includes(dispatched)) out.push(dispatched);
    return out;
  }

  /**
   * dbt's lookup of a macro by name alone, as its static scan of macro bodies resolves calls:
   * the root project's, else an installed package's (the last registered wins), else the built-in.
   */
  findByName(name: string): RegisteredMacro | undefined {
    const own = this.inPackage(this.rootPackage, name);
    if (own) return own;
    const others = [...this.byPackage.keys()].filter((p) => p !== this.rootPackage && p !== BUILTIN_PACKAGE);
    for (let i = others.length - 1; i >= 0; i--) {
      const found = this.inPackage(others[i], name);
      if (found) return found;
    }
    return this.inPackage(BUILTIN_PACKAGE, name);
  }

  /** Every macro name visible unqualified from a package, for "did you mean" hints. */
  /**
   * The macros a node of `callerPackage` sees by their bare names that are not built-ins: the root
   * project's, then its own package's in their place (dbt's local over global namespace).
   */
  projectMacrosSeenFrom(callerPackage: string): RegisteredMacro[] {
    let list = this.projectMacros.get(callerPackage);
    if (!list) {
      const byName = new Map<string, RegisteredMacro>();
      for (const pkg of unique([this.rootPackage, callerPackage])) {
        if (pkg === BUILTIN_PACKAGE) continue;
        for (const m of this.byPackage.get(pkg)?.values() ?? []) byName.set(m.name, m);
      }
      this.projectMacros.set(callerPackage, (list = [...byName.values()]));
    }
    return list;
  }

  visibleNames(callerPackage: string): string[] {
    const names = new Set<string>();
    for (const pkg of [callerPackage, this.rootPackage, BUILTIN_PACKAGE]) for (const n of this.byPackage.get(pkg)?.keys() ?? []) names.add(n);
    return [...names];
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
