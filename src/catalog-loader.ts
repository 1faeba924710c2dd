// Reads the official-image catalogue from data/ once at start (the engine never does I/O).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCatalogIndex, type CatalogIndex } from './engine/registry/catalog';

export const CATALOG_PATH = fileURLToPath(new URL('../data/images/catalog.json', import.meta.url));

let cached: CatalogIndex | undefined;

export function loadCatalog(path = CATALOG_PATH): CatalogIndex {
  if (path === CATALOG_PATH && cached) return cached;
  const index = buildCatalogIndex(JSON.parse(readFileSync(path, 'utf8')));
  if (path === CATALOG_PATH) cached = index;
  return index;
}
