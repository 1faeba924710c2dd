// Each student's simulated host, saved as one JSON document per student per class server.
import type { HostState } from '../engine/model/host-state';
import type { Db } from './database';

export interface StoredHost {
  state: HostState;
  revision: number;
}

export function createHostRepository(db: Db) {
  const select = db.prepare<[string, string], { state: string; revision: number }>('SELECT state, revision FROM hosts WHERE scope = ? AND user_id = ?');
  const upsert = db.prepare(
    `INSERT INTO hosts (scope, user_id, state, revision, updated_at) VALUES (@scope, @userId, @state, 1, @now)
     ON CONFLICT (scope, user_id) DO UPDATE SET state = excluded.state, revision = hosts.revision + 1, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM hosts WHERE scope = ? AND user_id = ?');
  const selectRevision = db.prepare<[string, string], { revision: number }>('SELECT revision FROM hosts WHERE scope = ? AND user_id = ?');
  const everyState = db.prepare<[], { state: string }>('SELECT state FROM hosts');
  const sizes = db.prepare<[string], { user_id: string; bytes: number }>('SELECT user_id, length(state) AS bytes FROM hosts WHERE scope = ?');
  return {
    get(scope: string, userId: string): StoredHost | undefined {
      const row = select.get(scope, userId);
      return row ? { state: JSON.parse(row.state) as HostState, revision: row.revision } : undefined;
    },
    /** The stored revision (it grows with every save), or undefined when there is no host. */
    revision(scope: string, userId: string): number | undefined {
      return selectRevision.get(scope, userId)?.revision;
    },
    /** The stored JSON, for callers that compare before saving. */
    getJson(scope: string, userId: string): string | undefined {
      return select.get(scope, userId)?.state;
    },
    save(scope: string, userId: string, state: HostState, now: number): void {
      upsert.run({ scope, userId, state: JSON.stringify(state), now });
    },
    saveJson(scope: string, userId: string, json: string, now: number): void {
      upsert.run({ scope, userId, state: json, now });
    },
    remove(scope: string, userId: string): void {
      remove.run(scope, userId);
    },
    /** Every stored host, one at a time (for maintenance such as layer collection). */
    *allStates(): Generator<HostState> {
      for (const row of everyState.iterate()) yield JSON.parse(row.state) as HostState;
    },
    bytesByStudent(scope: string): Map<string, number> {
      return new Map(sizes.all(scope).map((row) => [row.user_id, row.bytes]));
    },
  };
}

export type HostRepository = ReturnType<typeof createHostRepository>;
