import { loadPyYaml } from "./pyyaml-schema";
import { expandedSize } from "./expansion-size";

test("a document's expanded size counts a shared value once per place, without expanding it", () => {
  const doc = loadPyYaml("a: &a [1, 2, 3]\nb: [*a, *a]\n");
  expect(expandedSize(doc)).toEqual({ size: 1 + 4 + 1 + 2 * 4 });
});

test("an alias bomb is measured in milliseconds and located at a repeated alias", () => {
  const levels = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i <= 9; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(", ")}]`);
  const started = Date.now();
  const result = expandedSize(loadPyYaml(levels.join("\n")));
  expect(Date.now() - started).toBeLessThan(1000);
  expect(result.size).toBeGreaterThan(9 ** 9);
  // l9[0] is l8 (436 million values), then l7 (48 million), l6 (5.4 million), and l6[0] is l5 (600,000: under the limit)
  expect(result.path).toEqual(["l9", 0, 0, 0]);
});
