import { JinjaError } from "@tsdbt/jinja";
import { CompilerError } from "./compiler-error";

/** A macro an error passed out of, as dbt's messages name it: `macro <name> (<file>)`. */
export interface MacroFrame {
  name: string;
  file: string;
}

const FRAMES = Symbol("tsdbt.macroFrames");

/** Codes of errors dbt raises as runtime, database or dependency errors, which its macros let pass unnamed. */
const NOT_COMPILATION = new Set(["TSDBT-E031", "TSDBT-E034", "TSDBT-E035", "TSDBT-E036"]);

interface FrameRecord {
  frames: MacroFrame[];
  /** Whether the next macro left is not named (where a template error, not a compiler error, was raised). */
  skipNext: boolean;
}

/**
 * Notes that `error` left the macro `macro` on its way out of a render, innermost first. As in
 * dbt, a compiler error (`exceptions.raise_compiler_error`, a missing ref) names the macro that
 * raised it, while a template error (a type error, an undefined name) names only the macros that
 * called the one it happened in.
 */
export function noteMacroFrame(error: unknown, macro: MacroFrame): void {
  if (!(error instanceof JinjaError)) return;
  const holder = error as unknown as { [FRAMES]?: FrameRecord };
  let record = holder[FRAMES];
  if (!record) {
    const cause = error.cause;
    const compilerError = cause instanceof CompilerError && !NOT_COMPILATION.has(cause.code);
    // the template's own failures: Jinja's (no cause) and JavaScript's type and range errors
    const templateError = cause === undefined || cause instanceof TypeError || cause instanceof RangeError;
    if (!compilerError && !templateError) return;
    holder[FRAMES] = record = { frames: [], skipNext: !compilerError };
  }
  if (record.skipNext) record.skipNext = false;
  else record.frames.push({ name: macro.name, file: macro.file });
}

/** The macros an error passed out of, innermost first (empty when it was raised in the node's own template). */
export function macroFramesOf(error: unknown): MacroFrame[] {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const record = (e as { [FRAMES]?: FrameRecord })[FRAMES];
    if (record) return record.frames;
    e = (e as { failure?: unknown }).failure ?? (e as { cause?: unknown }).cause;
  }
  return [];
}
