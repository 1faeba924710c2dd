// The class registry: images students pushed, shared by everyone in one Discord server.
import type { ClassRegistryReader, RegistryPush } from '../engine/host-context';
import type { RegistryImage } from '../engine/registry/catalog';
import type { Image } from '../engine/model/image';
import type { Db } from './database';

export function createRegistryRepository(db: Db) {
  const selectTag = db.prepare<[string, string, string], { image: string; digest: string; manifest_size: number }>(
    'SELECT image, digest, manifest_size FROM registry_tags WHERE scope = ? AND repository = ? AND tag = ?',
  );
  const anyTag = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM registry_tags WHERE scope = ? AND repository = ? LIMIT 1');
  const reposWithLayer = db.prepare<[string, string], { repository: string }>('SELECT repository FROM registry_layers WHERE scope = ? AND diff_id = ? ORDER BY repository');
  const upsertTag = db.prepare(
    `INSERT INTO registry_tags (scope, repository, tag, image, digest, manifest_size, pushed_by, pushed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (scope, repository, tag) DO UPDATE SET image = excluded.image, digest = excluded.digest, manifest_size = excluded.manifest_size, pushed_by = excluded.pushed_by, pushed_at = excluded.pushed_at`,
  );
  const insertLayer = db.prepare('INSERT OR IGNORE INTO registry_layers (scope, repository, diff_id) VALUES (?, ?, ?)');
  const allRegistryLayers = db.prepare<[], { diff_id: string }>('SELECT DISTINCT diff_id FROM registry_layers');
  const listTags = db.prepare<[string], { repository: string; tag: string; pushed_by: string; pushed_at: number }>(
    'SELECT repository, tag, pushed_by, pushed_at FROM registry_tags WHERE scope = ? ORDER BY repository, tag',
  );

  const splitRef = (canonicalRef: string) => {
    const colon = canonicalRef.lastIndexOf(':');
    return { repository: canonicalRef.slice(0, colon), tag: canonicalRef.slice(colon + 1) };
  };

  return {
    reader(scope: string): ClassRegistryReader {
      return {
        getImage(canonicalRef: string): RegistryImage | undefined {
          const { repository, tag } = splitRef(canonicalRef);
          const row = selectTag.get(scope, repository, tag);
          return row ? { image: JSON.parse(row.image) as Image, digest: row.digest, manifestSize: row.manifest_size } : undefined;
        },
        hasRepository(repository: string): boolean {
          return anyTag.get(scope, repository) !== undefined;
        },
        repositoriesWithLayer(diffId: string): string[] {
          return reposWithLayer.all(scope, diffId).map((row) => row.repository.replace(/^docker\.io\//, ''));
        },
      };
    },
    push(scope: string, push: RegistryPush, userId: string, now: number): void {
      upsertTag.run(scope, push.repository, push.tag, JSON.stringify(push.image.image), push.image.digest, push.image.manifestSize, userId, now);
      for (const diffId of push.layers) insertLayer.run(scope, push.repository, diffId);
    },
    /** Every layer any class registry holds. */
    layerIds(): string[] {
      return allRegistryLayers.all().map((row) => row.diff_id);
    },
    list(scope: string) {
      return listTags.all(scope);
    },
  };
}

export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
