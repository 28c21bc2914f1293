import { parseArgs } from "./args";

describe("parseArgs", () => {
  it("takes a value that starts with a dash as the value of --inline and --vars", async () => {
    const a = await parseArgs(["compile", "--inline", "-- depends_on: {{ ref('a') }}\nselect 1"], process.cwd(), {});
    expect(a.inline).toBe("-- depends_on: {{ ref('a') }}\nselect 1");
    const b = await parseArgs(["run", "--vars", "-x", "--inline", "select 1"], process.cwd(), {});
    expect([b.vars, b.inline]).toEqual(["-x", "select 1"]);
  });
});
