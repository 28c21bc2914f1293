import { join } from "node:path";
import { createAdapter } from "@tsdbt/adapter-duckdb";
import { describeAdapterConformance } from "./describe-adapter-conformance";

describeAdapterConformance(
  "duckdb",
  ({ schema, threads, dir }) => createAdapter({ type: "duckdb", schema, threads, path: join(dir, "warehouse.duckdb") }, { projectDir: dir, targetPath: join(dir, "target") }),
  { slowQuery: "select count(*) from range(100000) a, range(100000) b where a.range * b.range % 7 = 3" },
);
