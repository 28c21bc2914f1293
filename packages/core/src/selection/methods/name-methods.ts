import { matchesGlob } from "../glob";
import type { SelectorMethod } from "./selector-method";

function matchesFqnPrefix(fqn: readonly string[], selectorParts: readonly string[]): boolean {
  if (selectorParts.length > fqn.length) return false;
  for (let index = 0; index < selectorParts.length; index++) {
    if (selectorParts[index] === "*") return true;
    if (!matchesGlob(fqn[index], selectorParts[index])) return false;
  }
  return true;
}

/**
 * `fqn:` (the default method). Matches a member other than a source whose name matches the
 * value, or whose fully qualified name starts with the dotted value, with or without the
 * package name in front: `orders`, `shop.marts`, `marts.orders`, `staging.*`, `stg_*`. A versioned
 * model also matches its name alone (every version) or `name.v2` (one version).
 */
export const fqnMethod: SelectorMethod = ({ value }) => {
  const parts = value.split(".");
  return (member) => {
    if (member.resource_type === "source") return false;
    const flat = member.fqn.flatMap((segment) => segment.split("."));
    if (matchesGlob(flat[flat.length - 1], value)) return true;
    // name and version are the last two parts: `name` or `name.v2`
    const versioned = "version" in member && member.version !== undefined && member.version !== null;
    if (versioned && matchesFqnPrefix(flat.slice(-2), parts)) return true;
    return matchesFqnPrefix(flat, parts) || matchesFqnPrefix(flat.slice(1), parts);
  };
};

function normalisePath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
}

/**
 * `path:` matches members defined in a file or anywhere below a folder, relative to the
 * project directory (`path:models/staging`, `path:models/marts/orders.sql`, `path:models/*\/orders.sql`).
 */
export const pathMethod: SelectorMethod = ({ value }) => {
  const wanted = normalisePath(value);
  return (member) => {
    const file = normalisePath(member.original_file_path);
    if (wanted === "" || wanted === ".") return true;
    if (file === wanted || file.startsWith(`${wanted}/`)) return true;
    const segments = file.split("/");
    for (let length = 1; length <= segments.length; length++) {
      if (matchesGlob(segments.slice(0, length).join("/"), wanted, true)) return true;
    }
    return false;
  };
};

/** `file:` matches by file name, with or without its extension (`file:orders.sql`, `file:stg_*`). */
export const fileMethod: SelectorMethod = ({ value }) => (member) => {
  const fileName = normalisePath(member.original_file_path).split("/").pop() ?? "";
  const stem = fileName.replace(/\.[^.]*$/, "");
  return matchesGlob(fileName, value) || matchesGlob(stem, value);
};
