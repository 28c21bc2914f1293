import * as nunjucks from "nunjucks";
import type { JinjaEnvironment, MacroSource, RenderOptions } from "./api";
import { JinjaError } from "./errors";

/**
 * PLACEHOLDER implementation on stock nunjucks, to be replaced by the faithful one:
 * renders, caches templates by content, reports positions.
 */
export function createEnvironment(): JinjaEnvironment {
  const env = new nunjucks.Environment(null, { autoescape: false });
  const cache = new Map<string, nunjucks.Template>();
  const compile = (source: string, file: string): nunjucks.Template => {
    const key = `${file}\0${source}`;
    let t = cache.get(key);
    if (!t) {
      t = new nunjucks.Template(source, env, file, true);
      cache.set(key, t);
    }
    return t;
  };
  const wrap = (e: unknown, options: RenderOptions): JinjaError => {
    if (e instanceof JinjaError) return e;
    const err = e as { message?: string; lineno?: number; colno?: number };
    const m = /\[Line (\d+), Column (\d+)\]\s*([\s\S]*)$/.exec(err.message ?? "");
    const line = (m ? Number(m[1]) : err.lineno ?? 1) + (options.lineOffset ?? 1) - 1;
    return new JinjaError("TSDBT-J002", (m ? m[3] : err.message ?? String(e)).trim(), { file: options.file, line, col: m ? Number(m[2]) : 1 }, undefined, e);
  };
  return {
    render(source, context, options) {
      try {
        const out = compile(source, options.file).render(context);
        return out.endsWith("\n") ? out.slice(0, -1) : out;
      } catch (e) {
        throw wrap(e, options);
      }
    },
    bindMacro(macro: MacroSource, context) {
      const tpl = compile(macro.source, macro.file) as unknown as {
        getExported(ctx: object, cb: (err: unknown, exported: Record<string, (...a: unknown[]) => unknown>) => void): void;
      };
      let fn: ((...a: unknown[]) => unknown) | undefined;
      tpl.getExported(context, (err, exported) => {
        if (err) throw err;
        fn = exported[macro.name];
      });
      return (...args: unknown[]) => fn!(...args);
    },
    check(source, options) {
      try {
        compile(source, options.file);
      } catch (e) {
        throw wrap(e, options);
      }
    },
  };
}
