/**
 * Builds public/dialbar-seed-sdks.js from src/page-api/client/seed-globals.ts: the seed SDKs'
 * drop-in constructors (window.WorkbenchSdk, window.WinCall) with the page API client inside,
 * one classic script with no imports, kept in the repo and served as a web-accessible resource.
 * Run by `npm run build:client`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BANNER = '// Dialbar seed SDK shims: window.WorkbenchSdk (002) and window.WinCall (001) over the page API (generated from src/page-api/client by `npm run build:client`; do not edit).';

export async function buildSeedSdks(root: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(root, 'src/page-api/client/seed-globals.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    write: false,
    legalComments: 'none',
    banner: { js: BANNER },
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const js = await buildSeedSdks(ROOT);
  await writeFile(path.join(ROOT, 'public/dialbar-seed-sdks.js'), js);
  console.log(`public/dialbar-seed-sdks.js: ${Buffer.byteLength(js)} bytes`);
}
