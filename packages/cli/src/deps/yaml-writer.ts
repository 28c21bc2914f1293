/**
 * Writes packages.yml / package-lock.yml as dbt's YAML dumper lays them out: keys sorted,
 * list items indented under their key, plain scalars where YAML allows them.
 */
export function dumpPackagesYaml(doc: Record<string, unknown>, sortKeys = true): string {
  return dumpMapping(doc, "", sortKeys);
}

function dumpMapping(o: Record<string, unknown>, indent: string, sortKeys: boolean): string {
  const keys = sortKeys ? Object.keys(o).sort() : Object.keys(o);
  let out = "";
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length === 0) {
        out += `${indent}${scalar(k)}: []\n`;
        continue;
      }
      out += `${indent}${scalar(k)}:\n`;
      for (const item of v) {
        if (item && typeof item === "object" && !Array.isArray(item)) {
          const body = dumpMapping(item as Record<string, unknown>, `${indent}    `, sortKeys);
          out += `${indent}  - ${body.slice(indent.length + 4)}`;
        } else out += `${indent}  - ${scalar(item)}\n`;
      }
    } else if (v && typeof v === "object") {
      out += `${indent}${scalar(k)}:\n${dumpMapping(v as Record<string, unknown>, `${indent}  `, sortKeys)}`;
    } else out += `${indent}${scalar(k)}: ${scalar(v)}\n`;
  }
  return out;
}

function scalar(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  const s = String(v);
  const plain =
    s !== "" &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/\s$/.test(s) &&
    !/: |:$| #|[\n\t]/.test(s) &&
    !/^(?:true|false|yes|no|on|off|null|~|y|n)$/i.test(s) &&
    !/^[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:e[-+]?\d+)?$/i.test(s) &&
    !/^\d+(?::\d+)+$/.test(s) &&
    !/^\d{4}-\d\d-\d\d/.test(s);
  return plain ? s : `'${s.replace(/'/g, "''")}'`;
}
