/** The three scalar styles PyYAML's safe dumper picks from for a string in block context. */
export type PyYamlScalarStyle = "plain" | "single" | "double";

/** YAML 1.1 plain scalars that read back as something other than a string. */
const IMPLICIT = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:<<|=)$/,
];

const WHITESPACE = "\0 \t\r\n\u0085\u2028\u2029";
const LINE_BREAKS = "\n\u0085\u2028\u2029";

/**
 * The style PyYAML's emitter (with `allow_unicode` off, as `safe_dump` runs) writes `s` in: plain
 * when it reads back as the same string and no indicator or edge space forbids it, single-quoted
 * when only printable ASCII and line breaks without adjacent spaces are in it, double-quoted
 * otherwise. A simple key (`simpleKey`) is never written multi-line.
 */
export function pyYamlScalarStyle(s: string, simpleKey: boolean): PyYamlScalarStyle {
  const chars = [...s];
  let indicators = s.startsWith("---") || s.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let edgeSpace = false;
  let breakThenSpace = false;
  let spaceThenBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((ch, i) => {
    const followedByWhitespace = i + 1 >= chars.length || WHITESPACE.includes(chars[i + 1]);
    const precededByWhitespace = i === 0 || WHITESPACE.includes(chars[i - 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) indicators = true;
      if ((ch === "?" || ch === ":" || ch === "-") && followedByWhitespace) indicators = true;
    } else {
      if (ch === ":" && followedByWhitespace) indicators = true;
      if (ch === "#" && precededByWhitespace) indicators = true;
    }
    if (LINE_BREAKS.includes(ch)) lineBreaks = true;
    if (!(ch === "\n" || (ch >= " " && ch <= "~"))) special = true;
    const edge = i === 0 || i === chars.length - 1;
    if (ch === " ") {
      if (edge) edgeSpace = true;
      if (previousBreak) breakThenSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (LINE_BREAKS.includes(ch)) {
      if (edge) edgeSpace = true;
      if (previousSpace) spaceThenBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
  });
  const plainAllowed = !indicators && !lineBreaks && !special && !edgeSpace && !breakThenSpace && !spaceThenBreak && !IMPLICIT.some((re) => re.test(s));
  if (plainAllowed) return "plain";
  const singleAllowed = !breakThenSpace && !spaceThenBreak && !special && !(simpleKey && lineBreaks);
  return singleAllowed ? "single" : "double";
}
