import { maskProfileLine } from "./load-profile";

test.each([
  ["      password: hunter2", "      password: ***"],
  ["      password: [hunter2, x]", "      password: ***"],
  ['      pass: "a: b"', "      pass: ***"],
  ["      - hunter2", "      ***"],
  ["    dev:", "    dev:"],
  ["  outputs:   # comment", "  outputs:   ***"],
  ["", ""],
])("%j → %j", (line, masked) => {
  expect(maskProfileLine(line)).toBe(masked);
});
