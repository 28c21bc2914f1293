import * as jsyaml from "js-yaml";
import { PyFloat } from "@tsdbt/jinja";
import { isPyYamlFloat, pyYamlFloat, pyYamlSchemaWithFloat } from "./pyyaml-schema";

const keptFloat = new jsyaml.Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: isPyYamlFloat,
  construct: (data: string) => new PyFloat(pyYamlFloat(data)),
  instanceOf: PyFloat,
});

/** The PyYAML schema, except that every float is a {@link PyFloat}, so `1.0` stays a float. */
const FLOAT_KEEPING_SCHEMA = pyYamlSchemaWithFloat(keptFloat);

/**
 * Parses YAML text as `loadPyYaml` does (the last of a repeated key wins), but with every
 * float as a {@link PyFloat}: for what needs Python's view of a value, where `1.0` is not `1`.
 * Throws js-yaml's error on bad input.
 */
export function loadPyYamlKeepingFloats(text: string): unknown {
  return jsyaml.load(text, { schema: FLOAT_KEEPING_SCHEMA, json: true });
}
