// Writes the catalog's tables into the docs, between `<!-- begin generated: NAME -->` and
// `<!-- end generated: NAME -->` (src/resources/catalogDocs.ts renders them from the catalog). `--check` writes
// nothing and exits 1 when a file is out of date, as `eslint-doc-generator --check` does for the rules list.
// Reads the build: run `npm run build` first (`npm run docs` and `npm test` do).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const { generatedBlocks } = await import(new URL('../dist/resources/catalogDocs.js', import.meta.url).href);

const check = process.argv.includes('--check');
const root = new URL('../', import.meta.url);
const files = ['README.md', ...readdirSync(new URL('docs/rules/', root)).map((name) => `docs/rules/${name}`)];
const marker = /(<!-- begin generated: ([a-z-]+) -->)[^]*?(<!-- end generated: \2 -->)/g;

let stale = 0;
for (const file of files) {
  const url = new URL(file, root);
  const text = readFileSync(url, 'utf8');
  const next = text.replace(marker, (_match, begin, name, end) => {
    const render = generatedBlocks[name];
    if (!render) throw new Error(`${file}: no generated block named '${name}'`);
    return `${begin}\n${render()}\n${end}`;
  });
  if (next === text) continue;
  if (check) {
    console.error(`${file}: the catalog's tables are out of date. Run \`npm run docs\`.`);
    stale++;
  } else {
    writeFileSync(url, next);
    console.log(`${file}: catalog tables written.`);
  }
}
if (stale > 0) process.exit(1);
