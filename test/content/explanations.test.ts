import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain, explanationKinds } from '../../src/explain/explain';

/** Every event kind the engine emits, read from its source. */
function emittedKinds(): string[] {
  const kinds = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) for (const match of readFileSync(path, 'utf8').matchAll(/event\(\s*'([a-z.-]+)'/g)) kinds.add(match[1]!);
    }
  };
  walk(new URL('../../src/engine', import.meta.url).pathname);
  return [...kinds].sort();
}

describe('explanations', () => {
  it('has sentences in both languages for every event the engine emits', () => {
    const missing = emittedKinds().filter((kind) => !explanationKinds().includes(kind));
    expect(missing).toEqual([]);
  });

  it('grounds a sentence in the student situation, in their language', () => {
    const events = [{ kind: 'container.removed', facts: ['F11', 'F12'] as `F${string}`[], data: { name: 'web', how: 'rm', lostFiles: 2, lostBytes: 10, keptVolumes: '' } }];
    expect(explain(events, 'en').sentences[0]).toBe('web is gone, and with it its writable layer: the 2 file(s) written there are lost. Data that must survive goes in a volume.');
    expect(explain(events, 'pt-BR').sentences[0]).toContain('camada gravável');
  });
});
