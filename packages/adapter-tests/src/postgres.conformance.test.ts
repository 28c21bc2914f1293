import { createAdapter } from "@tsdbt/adapter-postgres";
import { describeAdapterConformance } from "./describe-adapter-conformance";
import { postgresTargetOf, startTestPostgres, testPostgresKind, type TestPostgres } from "./postgres-server";

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
}, 120000);
afterAll(() => server?.stop());

describeAdapterConformance(
  "postgres",
  ({ schema, threads, dir }) =>
    createAdapter(
      postgresTargetOf(server, schema, threads),
      { projectDir: dir, targetPath: dir },
    ),
  // PGlite ignores cancel requests; a real server cancels pg_sleep at once.
  testPostgresKind === "server" ? { slowQuery: "select pg_sleep(30)" } : { cannotCancel: "PGlite ignores cancel requests" },
);
