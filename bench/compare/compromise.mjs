// bench/compare/compromise.mjs: run compromise (https://github.com/spencermountain/compromise)
// over a JSONL of {"id","text"} articles, doing what it offers toward whosaid's job: parse
// each text with nlp(text), then list its people, places and quotations. The items are
// counted so that no work can be skipped. Run by bench/compare-compromise, which measures the
// whole process; this script prints one JSON line: version, records, text bytes, counts and
// the in-process seconds.
//
// Usage: node bench/compare/compromise.mjs COMPROMISE_PREFIX FILE.jsonl
// COMPROMISE_PREFIX is the directory given to `npm install --prefix` (holds node_modules/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [prefix, file] = process.argv.slice(2);
if (!prefix || !file) {
  console.error('usage: node compromise.mjs COMPROMISE_PREFIX FILE.jsonl');
  process.exit(2);
}

const t0 = process.hrtime.bigint();

// The package's ESM entry point, as `import nlp from 'compromise'` would load it.
const pkgDir = join(prefix, 'node_modules', 'compromise');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const exp = pkg.exports?.['.'];
const entry = exp?.import?.default ?? exp?.import ?? pkg.module ?? pkg.main;
const nlp = (await import(pathToFileURL(join(pkgDir, entry)).href)).default;

let records = 0, textBytes = 0, people = 0, places = 0, quotations = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line === '') continue;
  const text = JSON.parse(line).text;
  if (typeof text !== 'string') continue;
  records++;
  textBytes += Buffer.byteLength(text, 'utf8');
  const doc = nlp(text);
  people += doc.people().out('array').length;
  places += doc.places().out('array').length;
  quotations += doc.quotations().out('array').length;
}

const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({
  tool: 'compromise', version: nlp.version ?? pkg.version, records, text_bytes: textBytes,
  people, places, quotations, seconds,
}));
