// Typst for bench/compare.sh where no typst and no pandoc 3 are installed
// (Debian bookworm has neither): npm's pandoc-wasm (pandoc 3 as WASM)
// writes the .typ, and typst.ts's Node compiler (the Typst compiler as a
// native addon) sets it.
//
//   node bench/typst.mjs typ NODE_MODULES IN.md OUT.typ
//   node bench/typst.mjs pdf NODE_MODULES MAIN.typ OUT.pdf [FONT_DIR...]
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const [cmd, modules, input, output, ...fonts] = process.argv.slice(2);
if (cmd === "typ") {
  const { convert } = await import(join(modules, "pandoc-wasm", "src", "index.node.js"));
  const r = await convert({ from: "markdown", to: "typst", standalone: true }, readFileSync(input, "utf8"), {});
  if (r.stderr) process.stderr.write(r.stderr);
  writeFileSync(output, r.stdout);
} else if (cmd === "pdf") {
  const require = createRequire(import.meta.url);
  const { NodeCompiler } = require(join(modules, "@myriaddreamin", "typst-ts-node-compiler"));
  const main = resolve(input);
  const c = NodeCompiler.create({ workspace: dirname(main), fontArgs: [{ fontPaths: fonts }] });
  const r = c.compile({ mainFilePath: main });
  if (!r.result) {
    process.stderr.write(JSON.stringify(r.takeDiagnostics(), null, 1).slice(0, 4000) + "\n");
    process.exit(1);
  }
  writeFileSync(output, c.pdf(r.result));
} else {
  process.stderr.write("usage: typst.mjs typ|pdf NODE_MODULES IN OUT [FONT_DIR...]\n");
  process.exit(2);
}
