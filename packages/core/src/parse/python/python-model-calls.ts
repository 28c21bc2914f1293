import { literalValue, NotALiteral } from "./python-literal";
import { PythonSyntaxError, tokenizePython, type PythonToken } from "./python-tokens";

/** One `dbt.ref(...)`, `dbt.source(...)`, `dbt.config(...)` or `dbt.config.get(...)` call of a Python model. */
export interface PythonDbtCall {
  fn: "ref" | "source" | "config" | "config.get";
  args: unknown[];
  kwargs: Record<string, unknown>;
  line: number;
  col: number;
}

/** Why a Python model cannot be read, where, and what to do. */
export interface PythonModelProblem {
  message: string;
  line: number;
  col: number;
  hint: string;
}

const LITERAL_HINT =
  "In a Python model, the arguments of dbt.ref(), dbt.source(), dbt.config() and dbt.config.get() are read without running the code, so they must be Python literals: strings, numbers, True/False/None, lists, tuples and dicts of them.";

/**
 * Reads what dbt reads from a Python model without running it: its one `def model(dbt, session)`
 * and the `dbt.ref`, `dbt.source`, `dbt.config` and `dbt.config.get` calls anywhere in the file, in
 * the order they are written, with their literal arguments. Returns the calls, or the problem dbt
 * reports (no or several `model` functions, a `model` without two parameters, an argument that is
 * not a literal, an unclosed string or bracket).
 */
export function readPythonModel(source: string): { calls: PythonDbtCall[] } | { problem: PythonModelProblem } {
  let tokens: PythonToken[];
  try {
    tokens = tokenizePython(source);
  } catch (e) {
    if (!(e instanceof PythonSyntaxError)) throw e;
    return { problem: { message: `The Python model cannot be read: ${e.message}.`, line: e.line, col: e.col, hint: "Fix the Python syntax at this position." } };
  }
  const models = tokens.flatMap((t, i) => (t.text === "def" && tokens[i + 1]?.text === "model" && tokens[i + 2]?.text === "(" ? [i] : []));
  if (models.length !== 1) {
    const at = tokens[models[1] ?? 0] ?? { line: 1, col: 1 };
    return {
      problem: {
        message: `dbt allows exactly one model defined per python file, found ${models.length}`,
        line: at.line,
        col: at.col,
        hint: "Define one function `def model(dbt, session):` that returns the model's DataFrame; give helper functions other names.",
      },
    };
  }
  const parameters = splitArguments(tokens, models[0] + 2).parts.filter((p) => !p[0]?.text.startsWith("*"));
  if (parameters.length !== 2) {
    const at = tokens[models[0]];
    return { problem: { message: "model function should have two args, `dbt` and a session to current warehouse", line: at.line, col: at.col, hint: "Write it as `def model(dbt, session):`." } };
  }
  const calls: PythonDbtCall[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const call = dbtCallAt(tokens, i);
    if (!call) continue;
    const { parts } = splitArguments(tokens, call.open);
    const args: unknown[] = [];
    const kwargs: Record<string, unknown> = {};
    for (const part of parts) {
      const keyword = part[0]?.kind === "name" && part[1]?.text === "=" ? part[0].text : undefined;
      try {
        const value = literalValue(keyword ? part.slice(2) : part);
        if (keyword) kwargs[keyword] = value;
        else args.push(value);
      } catch (e) {
        if (!(e instanceof NotALiteral)) throw e;
        const at = e.token ?? tokens[i];
        return {
          problem: { message: "Error when trying to literal_eval an arg to dbt.ref(), dbt.source(), dbt.config() or dbt.config.get()", line: at.line, col: at.col, hint: LITERAL_HINT },
        };
      }
    }
    if (call.fn === "config" && args.length > 0) {
      const at = tokens[call.open + 1];
      return { problem: { message: "dbt.config() takes keyword arguments only.", line: at.line, col: at.col, hint: 'Write each setting as `key=value`, for example `dbt.config(materialized="table")`.' } };
    }
    calls.push({ fn: call.fn, args, kwargs, line: tokens[i].line, col: tokens[i].col });
  }
  return { calls };
}

/** The `dbt.<fn>(` call starting at token `i` (the name `dbt`, not an attribute of something else), with its `(`. */
function dbtCallAt(tokens: readonly PythonToken[], i: number): { fn: PythonDbtCall["fn"]; open: number } | undefined {
  if (tokens[i].text !== "dbt" || tokens[i].kind !== "name" || tokens[i - 1]?.text === "." || tokens[i + 1]?.text !== ".") return undefined;
  const name = tokens[i + 2]?.text;
  if ((name === "ref" || name === "source" || name === "config") && tokens[i + 3]?.text === "(") return { fn: name, open: i + 3 };
  if (name === "config" && tokens[i + 3]?.text === "." && tokens[i + 4]?.text === "get" && tokens[i + 5]?.text === "(") return { fn: "config.get", open: i + 5 };
  return undefined;
}

/** The comma-separated parts between the bracket at `open` and its match (an empty trailing part dropped). */
function splitArguments(tokens: readonly PythonToken[], open: number): { parts: PythonToken[][]; close: number } {
  const parts: PythonToken[][] = [[]];
  let depth = 0;
  let i = open + 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "op" && (t.text === "(" || t.text === "[" || t.text === "{")) depth++;
    else if (t.kind === "op" && (t.text === ")" || t.text === "]" || t.text === "}")) {
      if (depth === 0) break;
      depth--;
    } else if (t.kind === "op" && t.text === "," && depth === 0) {
      parts.push([]);
      continue;
    }
    parts[parts.length - 1].push(t);
  }
  if (parts[parts.length - 1].length === 0) parts.pop();
  return { parts, close: i };
}
