/**
 * Builds the page API client (src/page-api/client) into public/dialbar-client.js and its
 * declarations into public/dialbar-client.d.ts, both kept in the repo and served by the
 * extension as web-accessible resources. The bundle is one ES module with no imports (the
 * client's sources import nothing outside their folder; the unit test checks the committed
 * files match a fresh build). Run: `npm run build:client`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPageClient } from './page-client-bundle.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { js, dts } = await buildPageClient(ROOT);
await writeFile(path.join(ROOT, 'public/dialbar-client.js'), js);
await writeFile(path.join(ROOT, 'public/dialbar-client.d.ts'), dts);
console.log(`public/dialbar-client.js: ${Buffer.byteLength(js)} bytes; .d.ts: ${Buffer.byteLength(dts)} bytes`);
