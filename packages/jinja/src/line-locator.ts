/** A 1-based line and column in a text. */
export interface TextPosition {
  line: number;
  col: number;
}

/** Turns offsets in `text` into 1-based lines and columns (a binary search over the line starts). */
export function lineLocator(text: string): (offset: number) => TextPosition {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo] + 1 };
  };
}
