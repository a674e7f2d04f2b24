/**
 * Apache Avro's conformance material lives beside the repository in ../shared (read in place,
 * never copied). Tests that need it are skipped, saying so, where it is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const CORPUS = path.resolve(REPO_ROOT, '../shared/conformance/avro');
export const IDL_CORPUS = path.join(CORPUS, 'idl');
export const corpusAvailable = existsSync(IDL_CORPUS);

if (!corpusAvailable) {
  console.warn(`[corpus] ${IDL_CORPUS} is absent: Apache Avro conformance tests are skipped.`);
}
