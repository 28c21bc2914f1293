import * as nunjucksCompiler from "nunjucks/src/compiler";
import type { Arg, Body, Expr, Signature, Target } from "./ast";
import { compileArgs, compileExpr, type ExpressionContext } from "./compile-expression";

interface NunjucksCompilerBase {
  buffer: string | null;
  _emit(code: string): void;
  _emitLine(code: string): void;
  _tmpid(): string;
  compile(node: unknown, frame?: unknown): void;
  getCode(): string;
  fail(message: string, lineno?: number, colno?: number): never;
}

const BaseCompiler = (nunjucksCompiler as unknown as { Compiler: new (name: string, throwOnUndefined: boolean) => NunjucksCompilerBase }).Compiler;

interface FilterCall {
  name: string;
  args: Arg[];
  lineno: number;
  colno: number;
}

type Stmt<T> = T & { lineno: number; colno: number };

/**
 * nunjucks' compiler, generating Jinja2 semantics: every value operation goes through the
 * Python-semantics runtime `rt`, variables live in prototype-chained scope objects `s`.
 * The generated module is `function root(rt, s, meta)` returning the output string.
 */
export class JinjaCompiler extends BaseCompiler {
  private readonly expressionContext: ExpressionContext;

  constructor(
    private readonly knownFilters: (name: string) => boolean,
    private readonly knownTests: (name: string) => boolean,
  ) {
    super("template", false);
    this.expressionContext = {
      soft: 0,
      temp: () => {
        const t = this._tmpid();
        this._emitLine(`var ${t};`);
        return t;
      },
      checkFilter: (name, node) => {
        if (this.expressionContext.soft === 0 && !this.knownFilters(name)) this.fail(`No filter named '${name}'.`, node.lineno, node.colno);
      },
      checkTest: (name, node) => {
        if (this.expressionContext.soft === 0 && !this.knownTests(name)) this.fail(`No test named '${name}'.`, node.lineno, node.colno);
      },
    };
  }

  /** Compiles a parsed template to the source of its root function. */
  compileTemplate(root: Body): string {
    this._emitLine("return function root(rt, s, meta) {");
    this._emitLine('var ln = 0, co = 0, output = "";');
    this.buffer = "output";
    this._emitLine("try {");
    this.compile(root);
    this._emitLine("} catch (e) { throw rt.locate(e, ln, co, meta); }");
    this._emitLine("return output;");
    this._emitLine("};");
    return this.getCode();
  }

  private expr(e: Expr): string {
    return compileExpr(e, this.expressionContext);
  }

  /** Compiles what Jinja2 compiles in an inner frame (loop, macro and block bodies): not soft, even inside an if. */
  private hard<T>(compile: () => T): T {
    const soft = this.expressionContext.soft;
    this.expressionContext.soft = 0;
    try {
      return compile();
    } finally {
      this.expressionContext.soft = soft;
    }
  }

  private at(node: { lineno: number; colno: number }): void {
    this._emitLine(`ln = ${node.lineno}; co = ${node.colno};`);
  }

  compileRoot(node: Body): void {
    this.compile({ typename: "NodeList", children: node.children });
  }

  compileOutput(node: { children: Array<{ typename?: string; value?: string } & Partial<Expr>> }): void {
    for (const child of node.children) {
      if (child.typename === "TemplateData") {
        if (child.value) this._emitLine(`${this.buffer} += ${JSON.stringify(child.value)};`);
      } else if (child.typename === "NodeList") {
        this.compile(child);
      } else {
        const code = this.expr(child as Expr);
        this.at(child as Expr);
        this._emitLine(`${this.buffer} += rt.str(${code});`);
      }
    }
  }

  compileJIf(node: Stmt<{ cond: Expr; body: Body; else_: Body | null }>): void {
    this.expressionContext.soft++;
    try {
      const cond = this.expr(node.cond);
      this.at(node);
      this._emitLine(`if (rt.truthy(${cond})) {`);
      this.compile(node.body);
      if (node.else_) {
        this._emitLine("} else {");
        this.compile(node.else_);
      }
      this._emitLine("}");
    } finally {
      this.expressionContext.soft--;
    }
  }

  compileJFor(node: Stmt<{ target: Target; iter: Expr; filter?: Expr; body: Body; else_: Body | null }>): void {
    const items = this._tmpid();
    const parent = this._tmpid();
    const loop = this._tmpid();
    const i = this._tmpid();
    const iter = this.expr(node.iter);
    this.at(node);
    this._emitLine(`{ let ${items} = rt.iterate(${iter}); const ${parent} = s;`);
    if (node.filter) {
      const x = this._tmpid();
      const cond = this.hard(() => this.expr(node.filter!));
      this._emitLine(`${items} = ${items}.filter((${x}) => { const s = Object.create(${parent});`);
      this.assign(node.target, x);
      this._emitLine(`return rt.truthy(${cond}); });`);
    }
    this._emitLine(`const ${loop} = rt.loop(${items}, s);`);
    this._emitLine(`for (let ${i} = 0; ${i} < ${items}.length; ${i}++) { const s = Object.create(${parent}); ${loop}.index0 = ${i}; s.loop = ${loop};`);
    this.assign(node.target, `${items}[${i}]`);
    this.hard(() => this.compile(node.body));
    this._emitLine("}");
    if (node.else_) {
      this._emitLine(`if (${items}.length === 0) {`);
      this.hard(() => this.compile(node.else_));
      this._emitLine("}");
    }
    this._emitLine("}");
  }

  /** Emits the assignment of the JavaScript expression `value` to a target in scope `s`. */
  private assign(target: Target, value: string): void {
    if (target.t === "Name") this._emitLine(`s[${JSON.stringify(target.name)}] = ${value};`);
    else if (target.t === "Attr") {
      this._emitLine(`rt.setattr(${this.expr(target.obj)}, ${JSON.stringify(target.name)}, ${value});`);
    } else {
      const t = this._tmpid();
      this._emitLine(`const ${t} = rt.unpack(${value}, ${target.items.length});`);
      target.items.forEach((item, k) => this.assign(item, `${t}[${k}]`));
    }
  }

  compileJSet(node: Stmt<{ target: Target; value: Expr }>): void {
    const value = this.expr(node.value);
    this.at(node);
    const t = this._tmpid();
    this._emitLine(`{ const ${t} = ${value};`);
    this.assign(node.target, t);
    this._emitLine("}");
  }

  /** Renders `body` into a new buffer variable and returns its name. */
  private capture(body: Body): string {
    const saved = this.buffer;
    const id = this._tmpid();
    this._emitLine(`let ${id} = "";`);
    this.buffer = id;
    this.compile(body);
    this.buffer = saved;
    return id;
  }

  private applyFilters(value: string, filters: FilterCall[]): string {
    return filters.reduce((acc, f) => {
      this.expressionContext.checkFilter(f.name, { t: "Lit", value: null, lineno: f.lineno, colno: f.colno });
      const [args, kwargs] = compileArgs(f.args, this.expressionContext);
      return `rt.filter(${JSON.stringify(f.name)}, ${acc}, ${args}, ${kwargs === "null" ? "rt.K0" : kwargs})`;
    }, value);
  }

  compileJSetBlock(node: Stmt<{ target: Target; filters: FilterCall[]; body: Body }>): void {
    const id = this.hard(() => this.capture(node.body));
    this.at(node);
    this.assign(node.target, this.hard(() => this.applyFilters(id, node.filters)));
  }

  compileJFilterBlock(node: Stmt<{ filters: FilterCall[]; body: Body }>): void {
    const id = this.hard(() => this.capture(node.body));
    this.at(node);
    this._emitLine(`${this.buffer} += rt.str(${this.hard(() => this.applyFilters(id, node.filters))});`);
  }

  /** Emits `rt.macro(spec, s, function (s) { body })` and returns nothing; the caller wraps it. */
  private macroCode(name: string, sig: Signature, body: Body): string {
    return this.hard(() => this.macroCodeInFrame(name, sig, body));
  }

  private macroCodeInFrame(name: string, sig: Signature, body: Body): string {
    const defaults = sig.defaults.map((d) => (d ? `(s) => ${this.expr(d)}` : "undefined"));
    const spec = `{ name: ${JSON.stringify(name)}, params: ${JSON.stringify(sig.params)}, defaults: [${defaults.join(", ")}], catchVarargs: ${sig.catchVarargs}, catchKwargs: ${sig.catchKwargs}, catchCaller: ${sig.catchCaller} }`;
    const saved = this.buffer;
    const out = this._tmpid();
    this._emitLine(`const ${out}_f = function (s) { let ${out} = ""; try {`);
    this.buffer = out;
    this.compile(body);
    this.buffer = saved;
    this._emitLine(`} catch (e) { throw rt.locate(e, ln, co, meta); } return ${out}; };`);
    return `rt.macro(${spec}, s, ${out}_f)`;
  }

  compileJMacro(node: Stmt<{ name: string; sig: Signature; body: Body }>): void {
    const code = this.macroCode(node.name, node.sig, node.body);
    this._emitLine(`s[${JSON.stringify(node.name)}] = ${code};`);
  }

  compileJCallBlock(node: Stmt<{ call: Extract<Expr, { t: "Call" }>; sig: Signature; body: Body }>): void {
    const caller = this.macroCode("caller", node.sig, node.body);
    const call: Expr = { ...node.call, args: [...node.call.args, { kind: "kw", name: "caller", value: { t: "Raw", code: caller, lineno: node.lineno, colno: node.colno } }] };
    const code = this.expr(call);
    this.at(node);
    this._emitLine(`${this.buffer} += rt.str(${code});`);
  }

  compileJWith(node: Stmt<{ assigns: Array<[Target, Expr]>; body: Body }>): void {
    const values = node.assigns.map(([, e]) => this.expr(e));
    const temps = values.map(() => this._tmpid());
    this.at(node);
    this._emitLine(`{ ${values.map((v, k) => `const ${temps[k]} = ${v};`).join(" ")} const ${temps.length ? temps[0] + "_p" : "_p"} = s; {`);
    this._emitLine(`const s = Object.create(${temps.length ? temps[0] + "_p" : "_p"});`);
    node.assigns.forEach(([target], k) => this.assign(target, temps[k]));
    this.hard(() => this.compile(node.body));
    this._emitLine("} }");
  }

  compileJDo(node: Stmt<{ expr: Expr }>): void {
    const code = this.expr(node.expr);
    this.at(node);
    this._emitLine(`${code};`);
  }

  compileJBreak(): void {
    this._emitLine("break;");
  }

  compileJContinue(): void {
    this._emitLine("continue;");
  }
}
