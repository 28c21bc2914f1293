/*
 * The check worker of the CLI's bundle (scripts/bundle.mjs makes bundle/check-worker.js from this file,
 * bin/check-worker.js runs it): @tsdbt/jinja's worker, with the job it runs for a parse inside it.
 * A parse has the worker read its properties files' YAML (core's parse/properties-on-worker.ts names
 * the job by its built file); the bundle's copy is registered as Node's module for that file, so the
 * worker neither reads nor compiles js-yaml's files when the job comes, and runs it with the bundle's
 * code cache.
 */
import * as propertiesYamlJob from "@tsdbt/core/dist/yaml/yaml-worker-job";
import { registerAsNodeModule } from "./register-node-module";
import "@tsdbt/jinja/dist/check-worker/worker-entry";

registerAsNodeModule(require.resolve("@tsdbt/core/dist/yaml/yaml-worker-job"), propertiesYamlJob);
