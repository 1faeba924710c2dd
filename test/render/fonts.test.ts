// The pictures draw text with Baleia Sans (DejaVu cut down, for speed) and fall back to the full
// DejaVu for everything else, so a classmate named Жанна or Σοφία is drawn, not left blank.
import { describe, expect, it } from 'vitest';
import { svgText, svgToPng } from '../../src/render/svg';

const picture = (text: string, mono = false) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><rect width="400" height="60" fill="#000"/>${svgText(10, 40, text, { mono })}</svg>`;
const blank = svgToPng(picture(''));

describe('text in the pictures', () => {
  it.each(['Ana Souza', 'João Conceição', 'Жанна', 'Σοφία', '8080->80/tcp'])('draws %s', (name) => {
    expect(svgToPng(picture(name)).equals(blank)).toBe(false);
    expect(svgToPng(picture(name, true)).equals(blank)).toBe(false);
  });

  it('draws different names differently (no name falls back to the same boxes)', () => {
    expect(svgToPng(picture('Жанна')).equals(svgToPng(picture('Σοφία')))).toBe(false);
  });
});
