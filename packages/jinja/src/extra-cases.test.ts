import { readFileSync } from "fs";
import { createEnvironment } from "./environment";

interface Case {
  id: string;
  template: string;
  context: Record<string, unknown>;
  expected?: string;
  expectError?: boolean;
  /** What tsdbt renders where it knowingly differs from Jinja2 (listed in docs/jinja.md). */
  knownDivergence?: { output: string; reason: string };
}

// Constructs real dbt projects use; each `expected` is what Jinja2 3.1.6 rendered
// (scripts/refresh-extra-cases.py runs scripts/jinja2-render.py on every case).
const extra = JSON.parse(readFileSync(`${__dirname}/__fixtures__/extra-cases.json`, "utf8")) as { cases: Case[] };

describe("extra Jinja2 conformance cases", () => {
  const env = createEnvironment();
  it.each(extra.cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const render = () => env.render(c.template, c.context, { file: "case.sql" });
    if (c.expectError) expect(render).toThrow();
    else if (c.knownDivergence) {
      expect(render()).toBe(c.knownDivergence.output);
      expect(c.knownDivergence.output).not.toBe(c.expected);
    } else expect(render()).toBe(c.expected);
  });
});
