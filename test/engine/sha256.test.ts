import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/engine/util/sha256';
import { utf8Length } from '../../src/engine/util/text';

describe('content addresses', () => {
  it('hashes exactly like SHA-256, including the empty layer digest Docker uses', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (const text of ['abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ção 🐋'.repeat(100)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('counts UTF-8 bytes like Buffer.byteLength', () => {
    for (const text of ['', 'abc', 'ção', '🐋 whale', '\u07ff\u0800']) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text));
    }
  });
});
