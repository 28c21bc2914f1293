import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

/** The directory holding dbt's published artifact schemas (copied from schemas.getdbt.com). */
export const SCHEMAS_DIR = path.resolve(__dirname, "fixtures/dbt-schemas");

/** Validates a value against one of dbt's artifact schemas; returns readable errors (empty when valid). */
export function validateArtifact(schemaFile: string, value: unknown): string[] {
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, schemaFile), "utf8"));
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
