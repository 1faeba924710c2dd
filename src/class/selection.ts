// Which question the class gets today: the learning core picks one about the fact the class
// knows least; this keeps it from repeating what was asked recently. When the bank runs out of
// fresh questions (a long course), the oldest recent ones become eligible again.

/** Questions of this many latest prompts are not asked again. */
export const RECENT_PROMPTS = 30;

export function pickFresh(pick: (exclude: readonly string[]) => string | null, recentQuestionIds: readonly string[]): string | null {
  const recent = recentQuestionIds.slice(0, RECENT_PROMPTS);
  for (const keep of [recent.length, 10, 3, 0]) {
    const id = pick(recent.slice(0, Math.min(keep, recent.length)));
    if (id) return id;
  }
  return null;
}
