// Which channels an instructor made public lab channels (replies there are public whatever a
// student chose). The bot uses the store's lab_channels table; the in-memory version serves tests.
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
