// FNV-1a: a cheap fingerprint for what needs no content address (simulated timings, the
// build sandbox's ID, environment values compared between builds).
export function fnv(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}
