// The pages' scripts through esbuild (the npm package, pinned in package-lock.json), for
// sitegen/scripts.py. usage: node scripts_esbuild.mjs REQUEST.json
// REQUEST: {"web": folder, "modules": [file names], "classic": [...], "inline": [...]}
//   modules: ES-module entries (a page's script, the worker): each bundled with what it
//            imports into one ES module, minified, with a source map (the original web/*.js
//            inside it, so DevTools shows the code as written);
//   classic: plain scripts served as files (the theme fixes): minified, with a source map;
//   inline:  plain scripts the pages carry in their HTML (the boot script): minified, no map.
//   Plain scripts are held to ES5, so that an old browser still runs them (the boot script
//   is what tells such a browser that the checker cannot start there).
// Prints {"outputs": {name: {"code", "map"}}} or {"errors": ["web/x.js:3:5: text", ...]}.
// Nothing is written to disk: scripts.py names the files by their content.
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as esbuild from "esbuild";

const request = JSON.parse(await readFile(process.argv[2], "utf8"));
const web = path.resolve(request.web);
const root = path.dirname(web);
// Paths in the maps and messages are relative to the folder above web/ ("../web/x.js"
// from assets/), so the sources appear as web/x.js.
const common = { absWorkingDir: root, outdir: path.join(root, "assets"), entryNames: "[name]", write: false,
                 minify: true, charset: "utf8", legalComments: "none", logLevel: "silent" };

async function run(files, options) {
  if (!files.length) return [];
  const result = await esbuild.build({ ...common, ...options, entryPoints: files.map((name) => path.join(web, name)) });
  return result.outputFiles;
}

function where(message) {
  const at = message.location;
  return at ? `${at.file}:${at.line}:${at.column + 1}: ${message.text}` : message.text;
}

try {
  const files = [
    // es2022: no newer syntax than browsers with module workers (which the checker needs) run.
    ...await run(request.modules, { bundle: true, format: "esm", target: "es2022", sourcemap: "linked" }),
    ...await run(request.classic, { target: "es5", sourcemap: "linked" }),
    ...await run(request.inline, { target: "es5" }),
  ];
  const outputs = {};
  for (const file of files) {
    const isMap = file.path.endsWith(".map");
    const name = path.basename(file.path).replace(/\.map$/, "");
    outputs[name] = outputs[name] || {};
    outputs[name][isMap ? "map" : "code"] = file.text;
  }
  process.stdout.write(JSON.stringify({ outputs }));
} catch (failure) {
  if (!failure.errors) throw failure;
  process.stdout.write(JSON.stringify({ errors: failure.errors.map(where) }));
}
