/**
 * Labelled detector cases generated from libphonenumber-js's metadata and example numbers (see
 * numbers.ts, written.ts) plus negatives (negatives.ts). Deterministic: the same seed gives the
 * same cases. Used by test/unit/detect/reach.test.ts.
 *
 *   npx tsx test/detect-cases/index.ts [seed]   prints the cases as JSON lines
 */
import { negatives } from './negatives';
import { sourceNumbers } from './numbers';
import { Rng } from './sample';
import { type Case, writeAll } from './written';

export type { Case };

export const DEFAULT_SEED = 13;

export function generateCases(seed = DEFAULT_SEED): Case[] {
  const rng = new Rng(seed);
  const positives = writeAll(sourceNumbers(rng), rng);
  return [...positives, ...negatives(rng, 150)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const c of generateCases(Number(process.argv[2] ?? DEFAULT_SEED))) console.log(JSON.stringify(c));
}
