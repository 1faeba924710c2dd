// Public lab channels: where an instructor wants Baleia's replies visible to the whole class.
import type { Db } from './database';

export function createChannelRepository(db: Db) {
  const selectOne = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM lab_channels WHERE channel_id = ?');
  const insert = db.prepare(
    'INSERT INTO lab_channels (channel_id, scope, set_by, set_at) VALUES (?, ?, ?, ?) ON CONFLICT (channel_id) DO UPDATE SET scope = excluded.scope, set_by = excluded.set_by, set_at = excluded.set_at',
  );
  const remove = db.prepare('DELETE FROM lab_channels WHERE channel_id = ?');
  const byScope = db.prepare<[string], { channel_id: string }>('SELECT channel_id FROM lab_channels WHERE scope = ? ORDER BY set_at');
  return {
    isPublicLab(channelId: string): boolean {
      return selectOne.get(channelId) !== undefined;
    },
    setPublicLab(scope: string, channelId: string, value: boolean, setBy = 'unknown', now = 0): void {
      if (value) insert.run(channelId, scope, setBy, now);
      else remove.run(channelId);
    },
    publicLabs(scope: string): string[] {
      return byScope.all(scope).map((row) => row.channel_id);
    },
  };
}
