import adapterApi = require("@tsdbt/adapter-api");
import { registerAsNodeModule } from "./register-node-module";

/*
 * Adapters (ours and third-party ones) `require("@tsdbt/adapter-api")` and must get the copy core and
 * the runner use: one AdapterError class, one relation type. Run from the built packages, that is
 * Node's own module already. The CLI's one-file bundle (scripts/bundle.mjs) holds its own copy, loaded
 * with the bundle's code cache: it is registered here as Node's module for that file, so an adapter's
 * require finds it instead of loading the ~30 files of dist/ again (about 10 ms of a cold start).
 */
registerAsNodeModule(require.resolve("@tsdbt/adapter-api"), adapterApi);
