const GLOB_CHARACTERS = /[*?[]/;
const cache = new Map<string, RegExp>();

/** Whether `pattern` holds a shell wildcard (`*`, `?` or `[...]`). */
export function hasGlob(pattern: string): boolean {
  return GLOB_CHARACTERS.test(pattern);
}

/**
 * Compiles a shell-style wildcard to an anchored regular expression: `*` matches any run of
 * characters, `?` one character, `[abc]`/`[!abc]` a class. With `pathAware`, `*` and `?` stop
 * at `/` and `**` crosses folders, as in a file-system glob.
 */
export function globToRegExp(pattern: string, pathAware = false): RegExp {
  const key = `${pathAware ? "p" : "f"}:${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let source = "";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "*") {
      if (pathAware && pattern[index + 1] === "*") {
        index += 1;
        if (pattern[index + 1] === "/") {
          index += 1;
          source += "(?:.*/)?";
        } else source += ".*";
      } else source += pathAware ? "[^/]*" : ".*";
    } else if (char === "?") {
      source += pathAware ? "[^/]" : ".";
    } else if (char === "[") {
      // as Python's fnmatch: a leading '!' negates, a ']' right after it (or after '[') is a member,
      // '\\' and '^' are literal
      const negated = pattern[index + 1] === "!";
      const first = index + (negated ? 2 : 1);
      const close = pattern.indexOf("]", first + 1);
      if (close === -1) source += "\\[";
      else {
        source += `[${negated ? "^" : ""}${pattern.slice(first, close).replace(/[\\\]^]/g, "\\$&")}]`;
        index = close;
      }
    } else source += char.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  const compiled = new RegExp(`^${source}$`, "s");
  cache.set(key, compiled);
  return compiled;
}

/** Whether `value` matches the wildcard `pattern` (exact comparison when it has none). */
export function matchesGlob(value: string, pattern: string, pathAware = false): boolean {
  if (!hasGlob(pattern)) return value === pattern;
  return globToRegExp(pattern, pathAware).test(value);
}
