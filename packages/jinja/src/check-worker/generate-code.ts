import { JinjaCompiler } from "../syntax/compiler";
import { JinjaParser } from "../syntax/parser";
import { preprocess } from "../syntax/preprocess";

/**
 * The JavaScript a template's text compiles to, given the filter and test names it may use.
 * Throws the parser's or compiler's own error on a syntax error (callers locate it).
 */
export function generateCode(source: string, isFilter: (name: string) => boolean, isTest: (name: string) => boolean): string {
  return new JinjaCompiler(isFilter, isTest).compileTemplate(JinjaParser.parse(preprocess(source)));
}
