import { createEnvironment } from "@tsdbt/jinja";
import { createEnvVarFunction } from "./env-var";
import { evaluateEnvVarExpression } from "./env-var-expression";
import { renderNative } from "./native-render";

const identity = (v: unknown) => v;
const jinja = createEnvironment({ filters: { as_bool: identity, as_number: identity, as_native: identity, as_text: identity } });
const env = { PG_HOST: "db.internal", PG_PORT: "6543", FLAG: "True", EMPTY: "" };
/** The same text rendered by Jinja in native mode (the path the shortcut skips). */
const rendered = (text: string) => renderNative(jinja, text, { env_var: createEnvVarFunction(env) }, "profiles.yml");

describe("evaluateEnvVarExpression", () => {
  it.each([
    ["{{ env_var('PG_HOST', '127.0.0.1') }}", "db.internal"],
    ["{{ env_var('PG_USER', 'postgres') }}", "postgres"],
    ['{{ env_var("PG_PORT") | as_number }}', 6543],
    ["{{ env_var('MISSING_PORT', '5432') | as_number }}", 5432],
    ["{{ env_var('PG_PORT') }}", "6543"],
    ["{{ env_var('FLAG') | as_bool }}", true],
    ["{{ env_var('PG_PORT') | as_text }}", "6543"],
    ["{{- env_var('EMPTY', 'x') -}}", ""],
    ["{{ env_var('MISSING', '') }}", ""],
  ])("reads %s as Jinja's native rendering does", (text, expected) => {
    expect(evaluateEnvVarExpression(text, { env })).toEqual({ value: expected });
    expect(rendered(text)).toEqual(expected);
  });

  it.each([
    "db-{{ env_var('PG_HOST') }}",
    "{{ env_var('PG_HOST') ~ '.x' }}",
    "{{ env_var('MISSING') }}",
    "{{ env_var('PG_HOST') | as_number }}",
    "{{ env_var('A\\'B', 'x') }}",
    " {{ env_var('PG_HOST') }}",
  ])("leaves %s to the template engine", (text) => {
    expect(evaluateEnvVarExpression(text, { env })).toBeUndefined();
  });

  it("reports what it read and keeps secrets out unless allowed", () => {
    const seen: [string, string | undefined][] = [];
    const secret = { DBT_ENV_SECRET_PW: "s3cret" };
    expect(evaluateEnvVarExpression("{{ env_var('DBT_ENV_SECRET_PW') }}", { env: secret, onEnvRead: (n, v) => seen.push([n, v]) })).toBeUndefined();
    expect(evaluateEnvVarExpression("{{ env_var('DBT_ENV_SECRET_PW') }}", { env: secret, secretsAllowed: true, onEnvRead: (n, v) => seen.push([n, v]) })).toEqual({ value: "s3cret" });
    expect(seen).toEqual([["DBT_ENV_SECRET_PW", "s3cret"]]);
  });
});
