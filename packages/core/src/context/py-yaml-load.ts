import * as jsyaml from "js-yaml";
import { PYYAML_SCHEMA } from "../yaml/pyyaml-schema";
import { fixedOffset } from "./modules/datetime-module";
import { PyDate, PyDateTime } from "./modules/py-datetime";
import { UTC } from "./modules/py-tz";

/** YAML 1.1 timestamps, as PyYAML's resolver recognises them: a date, or a date with a time and an optional zone. */
const TIMESTAMP = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;
const DATE_ONLY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

const timestamp = new jsyaml.Type("tag:yaml.org,2002:timestamp", {
  kind: "scalar",
  resolve: (data: string | null) => data !== null && TIMESTAMP.test(data) && (DATE_ONLY.test(data) || /[Tt \t]/.test(data)),
  construct: (data: string) => {
    const [, y, mo, d, h, mi, s, frac, zone, sign, zh, zm] = TIMESTAMP.exec(data)!;
    if (h === undefined) return new PyDate(+y, +mo, +d);
    const dt = PyDateTime.of(+y, +mo, +d, +h, +mi, +s, frac ? Number(frac.slice(0, 6).padEnd(6, "0")) : 0);
    if (zone === undefined) return dt;
    if (zone === "Z") return dt.withZone(UTC);
    const offset = (sign === "-" ? -1 : 1) * (Number(zh) * 60 + Number(zm ?? 0));
    return new PyDateTime(dt.wallMicros, fixedOffset(offset), offset);
  },
});

/** The file schema plus PyYAML's timestamps: what `yaml.safe_load` (and so dbt's `fromyaml()`) returns. */
const SAFE_LOAD_SCHEMA = PYYAML_SCHEMA.extend({ implicit: [timestamp] });

/**
 * PyYAML's `yaml.safe_load(text)` as dbt's `fromyaml()` calls it: dates and times become
 * `datetime.date` / `datetime.datetime` values; an impossible date throws, as PyYAML does.
 */
export function pyYamlSafeLoad(text: string): unknown {
  return jsyaml.load(text, { schema: SAFE_LOAD_SCHEMA });
}
