// Which channels an instructor made public lab channels (replies there are public whatever a
// student chose). Kept in memory for now: the store has no table for it yet, so the choice is
// lost on restart. A store-backed implementation only needs these three methods.
export interface ChannelSettings {
  isPublicLab(channelId: string): boolean;
  setPublicLab(scope: string, channelId: string, value: boolean): void;
  publicLabs(scope: string): string[];
}

export function memoryChannelSettings(): ChannelSettings {
  const channels = new Map<string, string>();
  return {
    isPublicLab: (channelId) => channels.has(channelId),
    setPublicLab(scope, channelId, value) {
      if (value) channels.set(channelId, scope);
      else channels.delete(channelId);
    },
    publicLabs: (scope) => [...channels].filter(([, s]) => s === scope).map(([id]) => id),
  };
}
