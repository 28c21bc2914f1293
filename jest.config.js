/**
 * One jest run for the whole monorepo. Unit tests sit beside their sources
 * (packages/<pkg>/src/**\/*.test.ts) and import sibling packages from source;
 * end-to-end tests in test/ drive the built CLI and the public Node API.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/packages", "<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // .stryker-tmp: the sandboxes of `npm run test:mutation` (copies of the repository)
  testPathIgnorePatterns: ["/node_modules/", "/dist/", "<rootDir>/.stryker-tmp/"],
  modulePathIgnorePatterns: ["<rootDir>/.stryker-tmp/"],
  transform: {
    // transpile only (type checking is `tsc --build`'s job): fast, and no native binaries
    "^.+\\.ts$": ["ts-jest", { isolatedModules: true, tsconfig: { module: "commonjs", target: "es2022", esModuleInterop: true, resolveJsonModule: true } }],
  },
  moduleNameMapper: {
    "^@tsdbt/([a-z-]+)$": "<rootDir>/packages/$1/src",
  },
  testTimeout: 60000,
};
