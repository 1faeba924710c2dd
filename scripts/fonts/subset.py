#!/usr/bin/env python3
"""Makes data/fonts/: DejaVu Sans, Bold and Sans Mono cut down to the characters Baleia's
pictures use most (Latin with Portuguese accents, punctuation, arrows, boxes), renamed
"Baleia Sans" as DejaVu's licence asks of modified copies.

Why: resvg re-reads a font's tables for every glyph it lays out, so a 760 kB face costs about
4x the time of an 80 kB one; a /host picture is mostly text. The full DejaVu stays the
fallback for every other character (Cyrillic, Greek, ...), so no name is drawn as boxes.

Maintainers only (the output is committed): apt-get install python3-fonttools, then
  /usr/bin/python3 scripts/fonts/subset.py
"""
from pathlib import Path
from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path('/usr/share/fonts/truetype/dejavu')
TARGET = Path(__file__).resolve().parents[2] / 'data' / 'fonts'
FACES = {'DejaVuSans.ttf': 'Baleia Sans', 'DejaVuSans-Bold.ttf': 'Baleia Sans', 'DejaVuSansMono.ttf': 'Baleia Sans Mono'}
# Basic Latin, Latin-1, Latin Extended-A, general punctuation, arrows, box drawing, geometric shapes.
UNICODES = '0020-007E,00A0-017F,2010-2027,2030-203A,2190-21FF,2500-257F,25A0-25FF'


def cut(source: Path, target: Path, family: str) -> None:
    options = subset.Options()
    options.layout_features = ['kern', 'liga']
    options.drop_tables += ['FFTM']
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    names = font['name']
    style = names.getDebugName(2) or 'Book'
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = family if style in ('Book', 'Regular') else f'{family} {style}'
        elif record.nameID == 6:
            record.string = f"{family.replace(' ', '')}-{style.replace(' ', '')}"
    font.save(target)


if __name__ == '__main__':
    TARGET.mkdir(parents=True, exist_ok=True)
    for file, family in FACES.items():
        out = TARGET / file.replace('DejaVu', 'Baleia')
        cut(SOURCE / file, out, family)
        print(f'{out.name}: {out.stat().st_size} bytes')
