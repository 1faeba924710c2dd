// Display width of text as the docker CLI measures it. docker/cli's tabwriter fork counts
// columns with go-runewidth (one grapheme cluster = the width of its first visible rune), so
// East Asian wide/fullwidth characters and emoji take 2 columns, `…` takes 1, and combining
// marks, zero-width joiners and control characters take 0. This is a compact approximation of
// those Unicode tables, built on the engine's regex property escapes, not a copy of them.

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;
const EMOJI_WIDE = /\p{Emoji_Presentation}/u;
const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;

/** Unicode East Asian Wide (W) and Fullwidth (F) blocks, coarse-grained. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2329, 0x232a],
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility, Kanbun, CJK strokes, enclosed
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth ASCII variants
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], // Tangut
  [0x1b000, 0x1b2ff], // Kana supplement, Nushu
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x2fffd], // CJK extensions B..F
  [0x30000, 0x3fffd], // CJK extension G and later
];

function inWideRange(code: number): boolean {
  for (const [from, to] of WIDE_RANGES) {
    if (code < from) return false;
    if (code <= to) return true;
  }
  return false;
}

/** Columns one code point takes on its own (go-runewidth RuneWidth, non-CJK locale). */
export function codePointWidth(code: number): number {
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xad) return 0;
  if (code < 0x300) return 1;
  // Regional indicators (flag halves) are narrow to go-runewidth: a flag takes one column.
  if (code >= 0x1f1e6 && code <= 0x1f1ff) return 1;
  const ch = String.fromCodePoint(code);
  if (ZERO_WIDTH.test(ch)) return 0;
  if (inWideRange(code) || EMOJI_WIDE.test(ch)) return 2;
  return 1;
}

/** Display width of a string: what the docker CLI uses to align table columns. */
export function displayWidth(text: string): number {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  let width = 0;
  let clusterHasWidth = false;
  let joinNext = false;
  let openFlag = false;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x300 && !joinNext) {
      // Latin text: one column per printable character, nothing joins a cluster.
      const narrow = code >= 0x20 && (code < 0x7f || code > 0x9f) && code !== 0xad;
      if (narrow) width++;
      clusterHasWidth = narrow;
      openFlag = false;
      continue;
    }
    const w = codePointWidth(code);
    const regionalIndicator = code >= 0x1f1e6 && code <= 0x1f1ff;
    // A grapheme cluster counts once, with the width of its first visible rune: combining marks,
    // variation selectors, skin-tone modifiers, ZWJ-joined emoji and the second half of a flag
    // add nothing.
    const extendsCluster = joinNext || w === 0 || EMOJI_MODIFIER.test(ch) || (regionalIndicator && openFlag);
    openFlag = regionalIndicator && !openFlag;
    joinNext = code === 0x200d;
    if (extendsCluster && clusterHasWidth) continue;
    if (!extendsCluster) clusterHasWidth = false;
    if (w > 0) {
      width += w;
      clusterHasWidth = true;
    }
  }
  return width;
}

/** Columns a string takes when counted the way Go's unpatched tabwriter does (one per rune). */
export function runeCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * golang.org/x/text/width as docker's formatter.Ellipsis uses it: East Asian Wide and Fullwidth
 * characters are 2 columns, everything else (including combining marks) is 1.
 */
export function eastAsianWidth(code: number): number {
  if (code < 0x1100) return 1;
  return inWideRange(code) || EMOJI_WIDE.test(String.fromCodePoint(code)) ? 2 : 1;
}
