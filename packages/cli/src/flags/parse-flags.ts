import type { FlagSpec } from "./dbt-flags";

/** What {@link parseFlags} found on a command line. */
export interface ParsedFlags {
  /** Values by long flag name (only the flags that were given). */
  values: Map<string, unknown>;
  /** Words that are not flags or flag values, in order. */
  positional: string[];
  /** Flags that are not in the table, as typed (`--frobnicate`). */
  unknown: string[];
  /** Problems with values (a missing value, a number that is not one, a value not among the choices). */
  problems: string[];
}

/**
 * Reads a command line as dbt's (click's) parser does: `--flag value`, `--flag=value`, `--no-flag`,
 * `-x value`, combined one-letter booleans (`-dq`), several values after a multi-value flag
 * (`--select a b`), flags before or after the command words, `--` ending the flags.
 */
export function parseFlags(argv: readonly string[], flags: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  for (const f of flags) for (const n of [f.name, ...(f.aliases ?? [])]) byName.set(n, f);
  const out: ParsedFlags = { values: new Map(), positional: [], unknown: [], problems: [] };
  const set = (flag: FlagSpec, raw: unknown, typed: string) => {
    let value = raw;
    if (flag.type === "number") {
      value = Number(raw);
      if (!Number.isFinite(value as number)) return void out.problems.push(`Invalid value for '${typed}': '${String(raw)}' is not a number.`);
    }
    if (flag.choices && typeof value === "string" && !flag.choices.includes(value)) {
      return void out.problems.push(`Invalid value for '${typed}': '${value}' is not one of ${flag.choices.map((c) => `'${c}'`).join(", ")}.`);
    }
    if (flag.type === "array") {
      const previous = (out.values.get(flag.name) as string[] | undefined) ?? [];
      out.values.set(flag.name, [...previous, ...(raw as string[])]);
    } else out.values.set(flag.name, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === "--") {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!word.startsWith("-") || word === "-" || /^-\d/.test(word)) {
      out.positional.push(word);
      continue;
    }
    const long = word.startsWith("--");
    const eq = long ? word.indexOf("=") : -1;
    const name = long ? word.slice(2, eq >= 0 ? eq : undefined) : word.slice(1);
    const inline = eq >= 0 ? word.slice(eq + 1) : undefined;
    if (!long && name.length > 1) {
      // -dq: one-letter booleans together
      const letters = [...name].map((c) => byName.get(c));
      if (letters.every((f) => f?.type === "boolean")) letters.forEach((f) => set(f!, true, word));
      else out.unknown.push(word);
      continue;
    }
    let flag = byName.get(name);
    let negated = false;
    if (!flag && long && name.startsWith("no-") && byName.get(name.slice(3))?.type === "boolean") {
      flag = byName.get(name.slice(3));
      negated = true;
    }
    if (!flag) {
      out.unknown.push(long ? `--${name}` : word);
      continue;
    }
    if (flag.type === "boolean") {
      if (inline !== undefined) set(flag, !["false", "0", "no", "off"].includes(inline.toLowerCase()) !== negated, word);
      else set(flag, !negated, word);
      continue;
    }
    if (flag.type === "array") {
      const values: string[] = inline !== undefined ? [inline] : [];
      while (inline === undefined && i + 1 < argv.length && !argv[i + 1]!.startsWith("-")) values.push(argv[++i]!);
      if (!values.length) out.problems.push(`Option '${word}' requires a value.`);
      else set(flag, values, word);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) out.problems.push(`Option '${word}' requires a value.`);
    else set(flag, value, word);
  }
  return out;
}
