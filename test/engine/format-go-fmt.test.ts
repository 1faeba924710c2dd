// Expected texts were captured from the real docker 28.2.2 client (`docker context inspect -f`).
import { describe, expect, it } from 'vitest';
import { formatValue, goSprint, goSprintf, goSprintln } from '../../src/engine/format/go-fmt';
import { formatGoFloat, goQuote } from '../../src/engine/format/go-strconv';
import { goFloat, goMap, goStruct } from '../../src/engine/format/go-value';

describe('printf in templates (Go fmt)', () => {
  it('formats the common verbs with width, precision and flags', () => {
    expect(goSprintf('%5.2f|%-4d|%q|%x|%X|%o|%b|%c|%U|%e|%E|%g|%G', [3.14159, 7, 'hi', 'hi', 255, 8, 5, 65, 65, 1234.5678, 0.000012, goFloat(1e21), 1e-7])).toBe(
      ' 3.14|7   |"hi"|6869|FF|10|101|A|U+0041|1.234568e+03|1.200000E-05|1e+21|1E-07',
    );
    expect(goSprintf('%08.3f|%+d|% d|%x|%#x|%#o|%6s|%-6s|%.2s|%q', [-3.14159, 5, 5, -255, 255, 8, 'ab', 'ab', 'abcdef', 'a"b\n'])).toBe(
      '-003.142|+5| 5|-ff|0xff|010|    ab|ab    |ab|"a\\"b\\n"',
    );
    expect(goSprintf('%6.2e|%.3g|%g|%g', [goFloat(123456), 0.00012345, goFloat(100000), goFloat(1000000)])).toBe('1.23e+05|0.000123|100000|1e+06');
    expect(goSprintf('%T %T %T %T', [1, 'a', 1.5, true])).toBe('int string float64 bool');
    expect(goSprintf('%t %v', [true, false])).toBe('true false');
    expect(goSprintf('%5t|%-7v|', [true, null])).toBe(' true|<nil>  |');
  });

  it('rounds halves to even on the exact binary value, like strconv', () => {
    expect(goSprintf('%.0f %.0f %.0f %.1f %.2f', [0.5, 1.5, 2.5, 0.25, 1.005])).toBe('0 2 2 0.2 1.00');
    expect(formatGoFloat(2.675, 'f', 2)).toBe('2.67');
    expect(formatGoFloat(0, 'e', -1)).toBe('0e+00');
    expect(formatGoFloat(-0.5, 'g', -1)).toBe('-0.5');
  });

  it('prints %v of floats in shortest form with an exponent from 1e+06', () => {
    expect(goSprintf('%v %v %v %v %v %v', [1.5, goFloat(100000), goFloat(1000000), goFloat(1e20), 0.0001, 0.00001])).toBe(
      '1.5 100000 1e+06 1e+20 0.0001 1e-05',
    );
  });

  it('complains about wrong, missing and extra arguments the way fmt does', () => {
    expect(goSprintf('%d %s', ['x', 3])).toBe('%!d(string=x) %!s(int=3)');
    expect(goSprintf('%d', [])).toBe('%!d(MISSING)');
    expect(goSprintf('a', [1, 'b'])).toBe('a%!(EXTRA int=1, string=b)');
    expect(goSprintf('%!', [])).toBe('%!!(MISSING)');
    expect(goSprintf('%', [])).toBe('%!(NOVERB)');
    expect(goSprintf('100%%', [])).toBe('100%');
  });

  it('prints maps, structs and slices with a verb applied to each element', () => {
    const endpoints = goMap({ docker: goStruct({ Host: 'unix:///tmp/none.sock', SkipTLSVerify: false }, 'context.EndpointMetaBase') });
    const storage = goStruct({ MetadataPath: '<IN MEMORY>', TLSPath: '<IN MEMORY>' }, 'store.StorageInfo');
    expect(goSprintf('%v|%s|%d', [endpoints, storage, 'default'])).toBe(
      'map[docker:{unix:///tmp/none.sock false}]|{<IN MEMORY> <IN MEMORY>}|%!d(string=default)',
    );
    expect(goSprintf('%+v', [storage])).toBe('{MetadataPath:<IN MEMORY> TLSPath:<IN MEMORY>}');
    expect(goSprintf('%s', [endpoints])).toBe('map[docker:{unix:///tmp/none.sock %!s(bool=false)}]');
    expect(goSprintf('%q', [['a', 'b']])).toBe('["a" "b"]');
  });

  it('spaces print operands only between non-strings, and println always', () => {
    expect(goSprint([1, 2, 'a', 'b', 3, null, true])).toBe('1 2ab3 <nil> true');
    expect(goSprintln([1, 'a', null])).toBe('1 a <nil>\n');
    expect(goSprint([])).toBe('');
    expect(goSprintln([])).toBe('\n');
  });

  it('quotes like strconv.Quote, keeping printable Unicode', () => {
    expect(goQuote('/docker-entrypoint.…')).toBe('"/docker-entrypoint.…"');
    expect(goQuote('tab\tnul\u0000bell\u0007 nbsp\u00a0 zwsp\u200b 🐳')).toBe('"tab\\tnul\\x00bell\\a nbsp\\u00a0 zwsp\\u200b 🐳"');
  });

  it('prints a value with %v as {{.Field}} does', () => {
    expect(formatValue(['a', 1, true, null])).toBe('[a 1 true <nil>]');
    expect(formatValue(goMap({ b: 2, a: 1 }))).toBe('map[a:1 b:2]');
    expect(formatValue(new Map([[2, 'x'], [10, 'y'], [1, 'z']]))).toBe('map[1:z 2:x 10:y]');
    expect(formatValue(9007199254740993n)).toBe('9007199254740993');
  });
});
