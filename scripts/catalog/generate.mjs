// Generates data/images/catalog.json, the official-image catalogue the simulated registry
// serves (schema: src/engine/registry/catalog-schema.ts). Run: node scripts/catalog/generate.mjs
// The JSON is committed; test/engine/catalog-data.test.ts checks it against docker-behaviour.md §10.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import './os-images.mjs';
import './web-images.mjs';
import './db-images.mjs';
import './lang-images.mjs';
import { HOST_LAYER } from './host.mjs';
import { programs } from './programs.mjs';
import { checkNoDirOverSymlink, finishSizes, human, images, layers } from './lib.mjs';

finishSizes();
checkNoDirOverSymlink();

/** Drops what the schema defaults anyway, to keep the file small. */
function compactLayer({ files, executables, size, compressedSize }) {
  return {
    size,
    compressedSize,
    ...(Object.keys(files).length > 0 && { files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) }),
    ...(executables.length > 0 && { executables: [...executables].sort() }),
  };
}

const catalog = {
  layers: Object.fromEntries(Object.entries(layers).map(([key, spec]) => [key, compactLayer(spec)])),
  images: images.map(({ spec }) => spec),
  programs,
  hostLayer: HOST_LAYER,
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = join(root, 'data', 'images', 'catalog.json');
const text = `${JSON.stringify(catalog, null, 1)}\n`;
writeFileSync(target, text);

for (const { spec } of images) {
  const keys = spec.history.filter((h) => h.layer).map((h) => h.layer);
  const size = keys.reduce((s, k) => s + layers[k].size, 0);
  const compressed = keys.reduce((s, k) => s + layers[k].compressedSize, 0);
  console.log(`${`${spec.repository}:${spec.tags[0]}`.padEnd(22)} ${human(size).padStart(7)} ${human(compressed).padStart(7)} ${String(keys.length).padStart(2)} layers`);
}
console.log(`wrote ${target} (${(text.length / 1000).toFixed(1)} kB, ${Object.keys(layers).length} layers, ${images.length} images)`);
