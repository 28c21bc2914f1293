import { readFileSync } from "fs";
import { createEnvironment } from "./environment";

interface Case {
  id: string;
  template: string;
  context: Record<string, unknown>;
  expected?: string;
  expectError?: boolean;
}

const shared = JSON.parse(readFileSync(`${__dirname}/../../../../shared/jinja-conformance/cases.json`, "utf8")) as { cases: Case[] };

describe("shared Jinja2 conformance cases", () => {
  const env = createEnvironment();
  it.each(shared.cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const render = () => env.render(c.template, c.context, { file: "case.sql" });
    if (c.expectError) expect(render).toThrow();
    else expect(render()).toBe(c.expected);
  });
});
