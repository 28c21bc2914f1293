import { createAdapter } from "@tsdbt/adapter-postgres";
import { describeAdapterConformance } from "./describe-adapter-conformance";
import { startTestPostgres, testPostgresKind, type TestPostgres } from "./postgres-server";

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
}, 120000);
afterAll(() => server?.stop());

describeAdapterConformance(
  "postgres",
  ({ schema, threads, dir }) =>
    createAdapter(
      { type: "postgres", host: server.host, port: server.port, user: server.user, password: server.password, dbname: server.database, schema, threads },
      { projectDir: dir, targetPath: dir },
    ),
  // PGlite ignores cancel requests; a real server cancels pg_sleep at once.
  testPostgresKind === "server" ? { slowQuery: "select pg_sleep(30)" } : { cannotCancel: "PGlite ignores cancel requests" },
);
