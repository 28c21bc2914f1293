/** ANSI colours of dbt's console output (status words in progress lines, the run summary). */
export interface Palette {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const paint = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

/** Colours on. */
export const COLORS: Palette = { green: paint(32), red: paint(31), yellow: paint(33) };

/** Colours off: the text as is. */
export const NO_COLORS: Palette = { green: (t) => t, red: (t) => t, yellow: (t) => t };

/** Removes ANSI colour sequences (for a log file written without colours). */
export function stripColors(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
