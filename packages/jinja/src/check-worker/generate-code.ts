import { JinjaCompiler } from "../syntax/compiler";
import { JinjaParser } from "../syntax/parser";
import { preprocess } from "../syntax/preprocess";
import { staticMacroCalls, type StaticMacroCall } from "../syntax/static-macro-calls";

/**
 * Generated code starts with a comment holding the template's {@link StaticMacroCall}s, so code
 * read from the code cache or made by the check worker gives them without a second parse.
 */
const CALLS_HEADER = "/*calls:";

/**
 * The JavaScript a template's text compiles to, given the filter and test names it may use, headed
 * by the calls it makes that may name macros. Throws the parser's or compiler's own error on a
 * syntax error (callers locate it).
 */
export function generateCode(source: string, isFilter: (name: string) => boolean, isTest: (name: string) => boolean): string {
  const ast = JinjaParser.parse(preprocess(source));
  const calls = staticMacroCalls(ast);
  return `${CALLS_HEADER}${JSON.stringify(calls).replace(/\*\//g, "*\\/")}*/\n${new JinjaCompiler(isFilter, isTest).compileTemplate(ast)}`;
}

/** The calls stored in generated code, or undefined when it has no header (code of an older build). */
export function callsInCode(code: string): StaticMacroCall[] | undefined {
  if (!code.startsWith(CALLS_HEADER)) return undefined;
  const end = code.indexOf("*/\n");
  return end < 0 ? undefined : (JSON.parse(code.slice(CALLS_HEADER.length, end)) as StaticMacroCall[]);
}
