// Layers students made (build, commit, push), stored once by DiffID whoever made them.
import type { Layer } from '../engine/model/image';
import type { FileTree } from '../engine/model/file-tree';
import type { Db } from './database';

export function createLayerRepository(db: Db) {
  const select = db.prepare<[string], { diff_id: string; blob_digest: string; size: number; compressed_size: number; files: string }>(
    'SELECT diff_id, blob_digest, size, compressed_size, files FROM layers WHERE diff_id = ?',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO layers (diff_id, blob_digest, size, compressed_size, files, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const allIds = db.prepare<[], { diff_id: string }>('SELECT diff_id FROM layers');
  const removeOne = db.prepare('DELETE FROM layers WHERE diff_id = ?');
  // Layers are immutable, so a small cache never goes stale.
  const cache = new Map<string, Layer>();
  return {
    get(diffId: string): Layer | undefined {
      const cached = cache.get(diffId);
      if (cached) return cached;
      const row = select.get(diffId);
      if (!row) return undefined;
      const layer: Layer = { diffId: row.diff_id, blobDigest: row.blob_digest, size: row.size, compressedSize: row.compressed_size, files: JSON.parse(row.files) as FileTree };
      if (cache.size > 2000) cache.clear();
      cache.set(diffId, layer);
      return layer;
    },
    ids(): string[] {
      return allIds.all().map((row) => row.diff_id);
    },
    remove(diffId: string): void {
      removeOne.run(diffId);
      cache.delete(diffId);
    },
    put(layer: Layer, now: number): void {
      insert.run(layer.diffId, layer.blobDigest, layer.size, layer.compressedSize, JSON.stringify(layer.files), now);
    },
  };
}

export type LayerRepository = ReturnType<typeof createLayerRepository>;
