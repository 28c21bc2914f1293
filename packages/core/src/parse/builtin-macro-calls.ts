import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { StaticMacroCall } from "@tsdbt/jinja";
import { BUILTIN_MACROS_DIR } from "./load-macros";

/**
 * Where the build stores the macro calls of every built-in macro (scripts/builtin-macro-calls.mjs),
 * so a parse does not read the built-ins' templates just to fill their `depends_on.macros`.
 */
export const BUILTIN_CALLS_FILE = path.join(BUILTIN_MACROS_DIR, "..", "..", "dist", "builtin-macro-calls.json");

/** The key of a macro's source in {@link BUILTIN_CALLS_FILE}. */
export function builtinCallsKey(source: string): string {
  return createHash("sha1").update(source).digest("base64url");
}

let stored: Record<string, StaticMacroCall[]> | null | undefined;

/**
 * The calls a built-in macro's body makes, as the build stored them; undefined when the build did
 * not store this text (an edited built-in before `npm run build`, or no file): the caller reads the template.
 */
export function storedBuiltinCalls(source: string): StaticMacroCall[] | undefined {
  if (stored === undefined) {
    try {
      stored = JSON.parse(fs.readFileSync(BUILTIN_CALLS_FILE, "utf8")) as Record<string, StaticMacroCall[]>;
    } catch {
      stored = null;
    }
  }
  return stored?.[builtinCallsKey(source)];
}
