"use strict";
// Which file holds the CLI: the one-file bundle (packages/cli/bundle/tsdbt.js, written by npm run build
// and npm ci) loads much faster than the ~250 built modules of dist/. In a checkout, a `tsc --build`
// that emitted a bundled package after the bundle was made leaves it stale: then the built modules are used.
const fs = require("node:fs");
const path = require("node:path");

/** The absolute path of the module exporting main() and invoke(). */
function cliEntry() {
  const root = path.join(__dirname, "..");
  const bundleDir = path.join(root, "bundle");
  const bundle = path.join(bundleDir, "tsdbt.js");
  const built = path.join(root, "dist", "index.js");
  let made;
  try {
    made = fs.statSync(bundle).mtimeMs;
  } catch {
    return built;
  }
  // an installed package ships no sources and is never rebuilt in place
  if (!fs.existsSync(path.join(root, "src"))) return bundle;
  const inputs = JSON.parse(fs.readFileSync(path.join(bundleDir, "inputs.json"), "utf8"));
  for (const input of inputs) {
    const stat = fs.statSync(path.join(bundleDir, input), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > made) return built;
  }
  return bundle;
}

module.exports = { cliEntry };
