import { readFileSync } from "fs";
import { createEnvironment } from "./environment";

interface Case {
  id: string;
  template: string;
  context: Record<string, unknown>;
  expected?: string;
  expectError?: boolean;
  /** Jinja2's exception, `Type: message`: tsdbt's error says the same message. */
  jinja2Error?: string;
  /** Why tsdbt's message differs from Jinja2's (which names Python internals): only the failure is compared. */
  messageDiffers?: string;
  /** What tsdbt renders where it knowingly differs from Jinja2 (listed in docs/jinja.md). */
  knownDivergence?: { output: string; reason: string };
}

/** Renders every case of a cases file and compares with what Jinja2 3.1.6 gave. */
function describeCases(title: string, file: string): void {
  const { cases } = JSON.parse(readFileSync(file, "utf8")) as { cases: Case[] };
  describe(title, () => {
    const env = createEnvironment();
    it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
      const render = () => env.render(c.template, c.context, { file: "case.sql" });
      if (c.expectError) expect(render).toThrow(c.jinja2Error && !c.messageDiffers ? c.jinja2Error.replace(/^\w+: /, "") : undefined);
      else if (c.knownDivergence) {
        expect(render()).toBe(c.knownDivergence.output);
        expect(c.knownDivergence.output).not.toBe(c.expected);
      } else expect(render()).toBe(c.expected);
    });
  });
}

describeCases("shared Jinja2 conformance cases", `${__dirname}/__fixtures__/jinja2-conformance-cases.json`);
// Constructs real dbt projects use; each `expected` is what Jinja2 3.1.6 rendered
// (scripts/refresh-extra-cases.py runs scripts/jinja2-render.py on every case).
describeCases("extra Jinja2 conformance cases", `${__dirname}/__fixtures__/extra-cases.json`);
