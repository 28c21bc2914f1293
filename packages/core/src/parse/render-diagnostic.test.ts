import { CompilerError } from "../context/compiler-error";
import { renderErrorToDiagnostic } from "./render-diagnostic";

describe("renderErrorToDiagnostic", () => {
  it("reports an error it cannot classify as TSDBT-E099 in the node's file, naming the node", () => {
    // E099 is the fallback for a failure that is neither a Jinja nor a compiler error: a bug in a
    // host function, for instance. No project input is known to reach it, so it is tested here.
    const d = renderErrorToDiagnostic(new TypeError("x.map is not a function"), "models/a.sql", "model.shop.a", () => []);
    expect(d).toEqual({
      code: "TSDBT-E099",
      severity: "error",
      message: "Unexpected error while rendering: x.map is not a function. (in model.shop.a)",
      hint: "Check the template of the node named here; if it looks right, report this as a tsdbt bug.",
      file: "models/a.sql",
      nodeId: "model.shop.a",
    });
  });

  it("keeps a compiler error's own code and hint", () => {
    const d = renderErrorToDiagnostic(new CompilerError("TSDBT-E032", "Required config 'k' was not found.", "Set 'k'."), "models/a.sql", undefined, () => []);
    expect(d).toMatchObject({ code: "TSDBT-E032", message: "Required config 'k' was not found.", hint: "Set 'k'.", file: "models/a.sql" });
  });
});
