import { describe, expect, it } from 'vitest';
import { EnvList, processWord } from '../../src/engine/dockerfile/shell-lex';

const env = new EnvList([
  ['APP', 'web'],
  ['EMPTY', ''],
  ['FILE', 'release.tar.gz'],
  ['DIR', '/usr/local/lib/node'],
]);

function expand(word: string, opts = {}): string {
  const r = processWord(word, env, opts);
  return r.ok ? r.result : `ERROR ${r.error}`;
}

describe('variable substitution as BuildKit does it', () => {
  it.each([
    ['$APP', 'web'],
    ['${APP}', 'web'],
    ['pre-${APP}-post', 'pre-web-post'],
    ['$UNSET', ''],
    ['${UNSET}x', 'x'],
    ['$APP.conf', 'web.conf'],
    ['$1x', 'x'],
    ['$', '$'],
    ['$.', '$.'],
    ['\\$APP', '$APP'],
    ["'$APP'", '$APP'],
    ['"$APP"', 'web'],
    ['"say \\"hi\\""', 'say "hi"'],
    ['a\\ b', 'a b'],
  ])('expands %s to %j', (word, want) => {
    expect(expand(word)).toBe(want);
  });

  it.each([
    ['${UNSET:-dflt}', 'dflt'],
    ['${EMPTY:-dflt}', 'dflt'],
    ['${EMPTY-dflt}', ''],
    ['${UNSET-dflt}', 'dflt'],
    ['${APP:-dflt}', 'web'],
    ['${APP:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${APP:-x}}', 'web'],
    ['${UNSET:-\\$APP}', '$APP'],
  ])('applies the default/alternative operator in %s', (word, want) => {
    expect(expand(word)).toBe(want);
  });

  it.each([
    ['${FILE#*.}', 'tar.gz'],
    ['${FILE##*.}', 'gz'],
    ['${FILE%.*}', 'release.tar'],
    ['${FILE%%.*}', 'release'],
    ['${DIR##*/}', 'node'],
    ['${DIR%/*}', '/usr/local/lib'],
    ['${FILE#nomatch}', 'release.tar.gz'],
    ['${FILE#?}', 'elease.tar.gz'],
    ['${DIR/local/share}', '/usr/share/lib/node'],
    ['${DIR//l/L}', '/usr/LocaL/Lib/node'],
    ['${DIR/#/x}', '/usr/local/lib/node'],
    ['${UNSET/a/b}', ''],
  ])('trims and replaces patterns in %s', (word, want) => {
    expect(expand(word)).toBe(want);
  });

  it('refuses a required variable that is unset or empty, with its message', () => {
    expect(expand('${UNSET:?set it with --build-arg}')).toBe(
      'ERROR failed to process "${UNSET:?set it with --build-arg}": UNSET: set it with --build-arg',
    );
    expect(expand('${UNSET?}')).toBe('ERROR failed to process "${UNSET?}": UNSET: is not allowed to be unset');
    expect(expand('${EMPTY:?}')).toBe('ERROR failed to process "${EMPTY:?}": EMPTY: is not allowed to be empty');
    expect(expand('${EMPTY?}')).toBe('');
  });

  it('reports broken substitutions the way BuildKit words them', () => {
    expect(expand('${}')).toBe('ERROR failed to process "${}": syntax error: bad substitution');
    expect(expand('${APP')).toBe('ERROR failed to process "${APP": unsupported modifier (\ufffd) in substitution');
    expect(expand('${APP:-x')).toBe('ERROR failed to process "${APP:-x": syntax error: missing \'}\'');
    expect(expand('${APP:x}')).toBe('ERROR failed to process "${APP:x}": unsupported modifier (:x) in substitution');
    expect(expand('${APP:#x}')).toBe('ERROR failed to process "${APP:#x}": unsupported modifier (:#) in substitution');
    expect(expand('"open')).toBe(
      'ERROR failed to process "\\"open": unexpected end of statement while looking for matching double-quote',
    );
  });

  it('keeps unset variables and quotes when asked, as BuildKit does for RUN step names', () => {
    const opts = { rawQuotes: true, skipUnsetEnv: true };
    expect(expand('echo "$APP" $UNSET ${UNSET:-x} \'$APP\'', opts)).toBe('echo "web" $UNSET ${UNSET:-x} \'$APP\'');
  });

  it('splits words after expansion, keeping quoted spaces', () => {
    const r = processWord('a "b c" $FILE', env);
    expect(r.ok && r.words).toEqual(['a', 'b c', 'release.tar.gz']);
  });

  it('records which variables were found and which were not (for UndefinedVar)', () => {
    const r = processWord('$APP ${NOPE:-x} $EMPTY', env);
    expect(r.ok && [...r.matched]).toEqual(['APP', 'EMPTY']);
    expect(r.ok && [...r.unmatched]).toEqual(['NOPE']);
  });

  it('uses the backtick as escape character when the Dockerfile says so', () => {
    expect(expand('C:\\dir `$APP', { escapeToken: '`' })).toBe('C:\\dir $APP');
  });
});
