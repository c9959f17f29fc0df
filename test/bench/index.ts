/**
 * `npm run bench`: runs every benchmark module in this folder one after another and prints
 * their tables. Each module measures its own baseline in the same run and reports the ratio.
 * Pass names to run a subset: `npm run bench -- detector page-scan`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here).filter((f) => f.endsWith('.bench.ts'));
// A name that is a whole bench's runs that one ("page-scan" is not also "page-scan-scale"); any other is a prefix.
const picks = (w: string, f: string) => (benches.includes(`${w}.bench.ts`) ? f === `${w}.bench.ts` : f.startsWith(w));
const modules = benches.filter((f) => wanted.length === 0 || wanted.some((w) => picks(w, f))).sort();

let failed = 0;
for (const file of modules) {
  console.log(`\n== ${file} ==`);
  const started = Date.now();
  try {
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { default: () => Promise<void> };
    await mod.default();
    console.log(`(${file}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed += 1;
    console.error(`${file} failed:`, error);
  }
}
process.exit(failed === 0 ? 0 : 1);
