/** Expression and statement nodes produced by {@link JinjaParser} (positions are 0-based, from nunjucks' lexer). */

interface At {
  lineno: number;
  colno: number;
}

/** A call argument: positional, keyword, `*splat` or `**splat`. */
export type Arg = { kind: "pos" | "star" | "dstar"; value: Expr } | { kind: "kw"; name: string; value: Expr };

/** A Jinja2 expression. */
export type Expr = At &
  (
    | { t: "Lit"; value: string | number | boolean | null; float?: boolean }
    | { t: "Name"; name: string }
    | { t: "Tuple" | "List"; items: Expr[] }
    | { t: "Dict"; pairs: Array<[Expr, Expr]> }
    | { t: "Attr"; obj: Expr; name: string }
    | { t: "Item"; obj: Expr; key: Expr }
    | { t: "Slice"; obj: Expr; start?: Expr; stop?: Expr; step?: Expr }
    | { t: "Call"; fn: Expr; args: Arg[] }
    | { t: "Filter"; value: Expr; name: string; args: Arg[] }
    | { t: "Test"; value: Expr; name: string; args: Arg[]; negate: boolean }
    | { t: "Bin"; op: string; left: Expr; right: Expr }
    | { t: "Unary"; op: string; value: Expr }
    | { t: "And" | "Or"; left: Expr; right: Expr }
    | { t: "Compare"; first: Expr; ops: Array<[string, Expr]> }
    | { t: "Cond"; cond: Expr; then: Expr; else_?: Expr }
    | { t: "Raw"; code: string }
  );

/** An assignment target: a name, `ns.attr`, or a tuple of targets. */
export type Target = At & ({ t: "Name"; name: string } | { t: "Attr"; obj: Expr; name: string } | { t: "Tuple"; items: Target[] });

/** A parsed macro signature. */
export interface Signature {
  params: string[];
  defaults: Array<Expr | undefined>;
  catchVarargs: boolean;
  catchKwargs: boolean;
  /** The body mentions `caller`: it is the macro's own (undefined when not called from a call block). */
  catchCaller: boolean;
}

/** Statement nodes (their `typename` picks the compiler method `compile<typename>`). */
export type Body = { typename: "NodeList"; children: unknown[] };

export const J_NODE_TYPES = ["JIf", "JFor", "JSet", "JSetBlock", "JMacro", "JCallBlock", "JFilterBlock", "JWith", "JDo", "JBreak", "JContinue"] as const;
