import type { Arg, Expr } from "./ast";

/** Hooks the expression compiler needs from the statement compiler. */
export interface ExpressionContext {
  /** A fresh temporary variable, declared in the generated function. */
  temp(): string;
  /**
   * How many if statements and conditional expressions enclose the code being compiled (Jinja2's
   * "soft frames"): inside one, an unknown filter or test is not a compile error but fails when it
   * is called, as in Jinja2 3.x.
   */
  soft: number;
  /** Fails compilation for an unknown filter or test (outside a soft frame). */
  checkFilter(name: string, node: Expr): void;
  checkTest(name: string, node: Expr): void;
}

/** Jinja2's built-in filters that fail on an Undefined value (they convert it or read its members). */
const STRICT_FILTERS = new Set(["int", "float", "indent", "dictsort", "attr"]);

const BIN_OPS: Record<string, string> = { "+": "add", "-": "sub", "*": "mul", "/": "div", "//": "floorDiv", "%": "mod", "**": "pow" };

/** A readable name for an expression, used in error messages (`'foo.bar' is undefined`). */
export function describe(e: Expr): string {
  switch (e.t) {
    case "Name":
      return e.name;
    case "Attr":
      return `${describe(e.obj)}.${e.name}`;
    case "Item":
      return `${describe(e.obj)}[${e.key.t === "Lit" ? JSON.stringify(e.key.value) : "…"}]`;
    case "Call":
      return `${describe(e.fn)}()`;
    case "Lit":
      return e.value === null ? "None" : String(e.value);
    default:
      return "expression";
  }
}

const str = (s: string) => JSON.stringify(s);

/** Compiles an expression to a JavaScript expression over `rt` (runtime) and `s` (scope). */
export function compileExpr(e: Expr, cx: ExpressionContext): string {
  const c = (x: Expr) => compileExpr(x, cx);
  switch (e.t) {
    case "Lit":
      if (typeof e.value === "string") return str(e.value);
      if (typeof e.value === "number") return e.float && Number.isInteger(e.value) ? `rt.float(${e.value})` : String(e.value);
      return String(e.value);
    case "Name":
      return `rt.lookup(s, ${str(e.name)})`;
    case "Raw":
      return e.code;
    case "Tuple":
      return `rt.tuple([${e.items.map(c).join(", ")}])`;
    case "List":
      return `[${e.items.map(c).join(", ")}]`;
    case "Dict":
      return `rt.dict([${e.pairs.map(([k, v]) => `${c(k)}, ${c(v)}`).join(", ")}])`;
    case "Attr":
      return `rt.getattr(${c(e.obj)}, ${str(e.name)}, ${str(describe(e.obj))})`;
    case "Item":
      return `rt.getitem(${c(e.obj)}, ${c(e.key)}, ${str(describe(e.obj))})`;
    case "Slice":
      return `rt.slice(${c(e.obj)}, ${e.start ? c(e.start) : "null"}, ${e.stop ? c(e.stop) : "null"}, ${e.step ? c(e.step) : "null"})`;
    case "Call": {
      const [args, kwargs] = compileArgs(e.args, cx);
      const pos = `ln = ${e.lineno}, co = ${e.colno}`;
      if (e.fn.t === "Attr") {
        return `(${pos}, rt.callMethod(${c(e.fn.obj)}, ${str(e.fn.name)}, ${args}, ${kwargs}, ${str(describe(e.fn.obj))}))`;
      }
      return `(${pos}, rt.call(${c(e.fn)}, ${args}, ${kwargs}, ${str(describe(e.fn))}))`;
    }
    case "Filter": {
      cx.checkFilter(e.name, e);
      const [args, kwargs] = compileArgs(e.args, cx);
      const value = STRICT_FILTERS.has(e.name) ? strict(e.value, cx) : c(e.value);
      return `(ln = ${e.lineno}, co = ${e.colno}, rt.filter(${str(e.name)}, ${value}, ${args}, ${kwargs === "null" ? "rt.K0" : kwargs}))`;
    }
    case "Test": {
      cx.checkTest(e.name, e);
      const [args] = compileArgs(e.args, cx);
      return `${e.negate ? "!" : ""}rt.test(${str(e.name)}, ${c(e.value)}, ${args})`;
    }
    case "Bin":
      if (e.op === "~") return `(rt.str(${c(e.left)}) + rt.str(${c(e.right)}))`;
      // (the right of `%` may be undefined, unless the left is a number: a str's printf prints it as nothing)
      return `(ln = ${e.lineno}, co = ${e.colno}, rt.${BIN_OPS[e.op]}(${strict(e.left, cx)}, ${e.op !== "%" || (e.left.t === "Lit" && typeof e.left.value === "number") ? strict(e.right, cx) : c(e.right)}))`;
    case "Unary":
      if (e.op === "not") return `!rt.truthy(${c(e.value)})`;
      return `rt.${e.op === "-" ? "neg" : "pos"}(${strict(e.value, cx)})`;
    case "And":
    case "Or": {
      const t = cx.temp();
      return e.t === "And" ? `(rt.truthy(${t} = ${c(e.left)}) ? ${c(e.right)} : ${t})` : `(rt.truthy(${t} = ${c(e.left)}) ? ${t} : ${c(e.right)})`;
    }
    case "Compare": {
      const parts: string[] = [];
      const ordering = (op: string) => op === "<" || op === "<=" || op === ">" || op === ">=";
      let left = ordering(e.ops[0][0]) ? strict(e.first, cx) : c(e.first);
      e.ops.forEach(([op, rhs], i) => {
        let right = ordering(op) ? strict(rhs, cx) : c(rhs);
        if (i < e.ops.length - 1) {
          const t = cx.temp();
          right = `(${t} = ${right})`;
          parts.push(compareCode(op, left, right));
          left = t;
        } else parts.push(compareCode(op, left, right));
      });
      return `(ln = ${e.lineno}, co = ${e.colno}, ${parts.join(" && ")})`;
    }
    case "Cond":
      cx.soft++;
      try {
        return `(rt.truthy(${c(e.cond)}) ? ${c(e.then)} : ${e.else_ ? c(e.else_) : "undefined"})`;
      } finally {
        cx.soft--;
      }
  }
}

/**
 * An operand that Jinja2's Undefined refuses (arithmetic, ordering): a name there fails as
 * `'x' is undefined` when it has no value, as in Jinja2 (other undefined values give Python's TypeError).
 */
function strict(e: Expr, cx: ExpressionContext): string {
  const code = compileExpr(e, cx);
  return e.t === "Name" ? `rt.defined(${code}, ${str(e.name)})` : code;
}

function compareCode(op: string, left: string, right: string): string {
  if (op === "in") return `rt.contains(${right}, ${left})`;
  if (op === "notin") return `!rt.contains(${right}, ${left})`;
  return `rt.compare(${str(op)}, ${left}, ${right})`;
}

/** Compiles call arguments to `[positional array, keyword object or null]` JavaScript expressions. */
export function compileArgs(args: Arg[], cx: ExpressionContext): [string, string] {
  const pos: string[] = [];
  const kw: string[] = [];
  const splats: string[] = [];
  for (const a of args) {
    const v = compileExpr(a.value, cx);
    if (a.kind === "pos") pos.push(v);
    else if (a.kind === "star") pos.push(`...rt.iterate(${v})`);
    else if (a.kind === "kw") kw.push(`${str(a.name)}: ${v}`);
    else splats.push(v);
  }
  const kwObj = kw.length > 0 ? `{${kw.join(", ")}}` : splats.length > 0 ? "{}" : "null";
  const kwargs = splats.length > 0 ? `Object.assign(${kwObj}, ${splats.map((x) => `rt.kwargsOf(${x})`).join(", ")})` : kwObj;
  // rt.A0 is a shared frozen empty list: callees never change their argument lists.
  return [pos.length === 0 ? "rt.A0" : `[${pos.join(", ")}]`, kwargs];
}
