import { pyStr, type CustomFilter } from "@tsdbt/jinja";

/**
 * The filters dbt adds to Jinja for values that must keep their type when rendered into YAML
 * configs (`{{ env_var('N') | as_number }}`): as_text, as_bool, as_number, as_native.
 */
export const DBT_FILTERS: Record<string, CustomFilter> = {
  as_text: (v) => pyStr(v),
  as_bool: (v) => {
    if (typeof v === "boolean") return v;
    const s = pyStr(v).trim().toLowerCase();
    if (s === "true") return true;
    if (s === "false") return false;
    return v;
  },
  as_number: (v) => {
    if (typeof v === "number") return v;
    const n = Number(pyStr(v).trim());
    return Number.isNaN(n) ? v : n;
  },
  as_native: (v) => {
    if (typeof v !== "string") return v;
    const s = v.trim();
    if (s === "True" || s === "False") return s === "True";
    if (s === "None") return null;
    try {
      return JSON.parse(s.replace(/'/g, '"'));
    } catch {
      return v;
    }
  },
};
