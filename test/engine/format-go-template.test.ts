// Expected texts below were captured from the real docker 28.2.2 client: parse errors with
// `docker ps --format …` (checked before contacting the daemon) and execution results with
// `docker context inspect -f … default`, whose data the `context` fixture mirrors.
import { describe, expect, it } from 'vitest';
import { executeTemplate, parseTemplate, renderTemplate, TemplateError } from '../../src/engine/format/go-template';
import type { ExecuteOptions } from '../../src/engine/format/go-template';
import { goMap, goMethod, goNil, goStruct, nilMap, nilSlice } from '../../src/engine/format/go-value';

const context = goStruct(
  {
    Name: 'default',
    Metadata: goStruct({}, 'struct {}'),
    Endpoints: goMap(
      { docker: goStruct({ Host: 'unix:///tmp/none.sock', SkipTLSVerify: false }, 'context.EndpointMetaBase') },
      'map[string]interface {}',
    ),
    TLSMaterial: goMap({}, 'map[string]command.EndpointTLSData'),
    Storage: goStruct({ MetadataPath: '<IN MEMORY>', TLSPath: '<IN MEMORY>' }, 'store.StorageInfo'),
  },
  'context.contextWithTLSListing',
);

function run(text: string, data: unknown = context, options?: ExecuteOptions): string {
  const result = renderTemplate(text, data, options);
  return result.ok ? result.output : `ERROR ${result.error.message}`;
}

function parseError(text: string): string {
  const template = parseTemplate(text);
  return template instanceof TemplateError ? template.message : 'parsed';
}

describe('Go template syntax errors, as docker prints them', () => {
  it.each([
    ['{{.Foo', 'template: :1: unclosed action'],
    ['{{foo .}}', 'template: :1: function "foo" not defined'],
    ['{{.ID}', "template: :1: bad character U+007D '}'"],
    ['{{}}', 'template: :1: missing value for command'],
    ['{{if}}', 'template: :1: missing value for if'],
    ['{{range .X}}', 'template: :1: unexpected EOF'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{ .ID }}{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{"unterminated}}', 'template: :1: unterminated quoted string'],
    ['{{.Names }', 'template: :1: unexpected "}" in operand'],
    ['{{ | .ID }}', 'template: :1: unexpected "|" in command'],
    ['{{(.ID}}', 'template: :1: unclosed left paren'],
    ['{{.ID)}}', 'template: :1: unexpected right paren'],
    ['{{range $i, $e, $f := .X}}{{end}}', 'template: :1: too many declarations in range'],
    ['{{with $x := .ID}}{{$x}}{{end}}{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{/* unclosed', 'template: :1: unclosed comment'],
    ['{{/* c */ }}', 'template: :1: comment ends before closing delimiter'],
    ['{{.ID | 3}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{"a".b}}', 'template: :1: unexpected . after term "\\"a\\""'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{1x}}', 'template: :1: bad number syntax: "1x"'],
    ['{{0x}}', 'template: :1: illegal number syntax: "0x"'],
    ["{{'ab'}}", "template: :1: malformed character constant: 'ab'"],
    ['{{.ID @}}', 'template: :1: unexpected "@" in operand'],
    ['{{.a-b}}', "template: :1: bad character U+002D '-'"],
    ['{{-.ID}}', 'template: :1: bad number syntax: "-.I"'],
    ['{{"\\q"}}', 'template: :1: invalid syntax'],
    ['{{99999999999999999999}}', 'template: :1: integer overflow: "99999999999999999999"'],
    ['{{if .ID}}{{else}}{{else}}{{end}}', 'template: :1: expected end; found {{else}}'],
    ['{{.ID := 1}}', 'template: :1: unexpected ":=" in operand'],
    ['{{range .X}}\n{{else}}\n{{else}}', 'template: :3: expected end; found {{else}}'],
    ['x\n{{if .ID}}\n', 'template: :3: unexpected EOF'],
    ["{{\"x\" \"é日🐳\"}}", "parsed"],
    ["{{.ID \"é日🐳\" }}", "parsed"],
    ["{{1 ( \"é日🐳\"}}", "template: :1: unclosed left paren"],
    ["{{if \"é日🐳\" \"é日🐳\" }}{{", "template: :1: unclosed action"],
    ["{{{{if \"é日🐳\"}}", "template: :1: unexpected \"{\" in command"],
    ["{{ \"%v\" \"é日🐳\" ( }}", "template: :1: unclosed left paren"],
    ["{{ \"é日🐳\"( }}", "template: :1: unexpected \"(\" in operand"],
    ["{{ 1 \"é日🐳\" := }}", "template: :1: unexpected \":=\" in operand"],
    ["{{ .X \"é日🐳\"| }}", "parsed"],
    ["{{ \"é日🐳\" }", "template: :1: unexpected \"}\" in operand"],
    ["{{ \"é日🐳\". }}", "template: :1: unexpected <.> in operand"],
    ["{{ \"é日🐳\" | \"x\" }}", "template: :1: non executable command in pipeline stage 2"],
    ["{{ if }} \"é日🐳\"", "template: :1: missing value for if"],
    ["{{ := \"é日🐳\" }}", "template: :1: unexpected \":=\" in command"],
    ["{{ , \"é日🐳\" }}", "template: :1: unexpected \",\" in command"],
    ["{{ ( \"é日🐳\" ) ( }}", "template: :1: unclosed left paren"],
    ["{{ ) \"é日🐳\" }}", "template: :1: unexpected right paren"],
    ["{{ \"x\" \"y\" := }}", "template: :1: unexpected \":=\" in operand"],
    ["{{ \"0123456789ab\" := }}", "template: :1: unexpected \":=\" in operand"],
    ["{{ 1 | \"é日🐳\" }}", "template: :1: non executable command in pipeline stage 2"],
    ["{{ end \"é日🐳\" }}", "template: :1: unexpected \"\\\"é日🐳\\\"\"... in end"],
  ])('answers %j like the docker client', (text, message) => {
    expect(parseError(text)).toBe(message);
  });

  it('accepts trim markers, comments, actions spread over lines and else-if chains', () => {
    expect(parseError('{{- .ID -}}')).toBe('parsed');
    expect(parseError('{{/* comment */}}{{.ID}}')).toBe('parsed');
    expect(parseError('{{.ID\n| upper}}')).toBe('parsed');
    expect(parseError('{{if .A}}a{{else if .B}}b{{else}}c{{end}}')).toBe('parsed');
  });
});

describe('Go template execution errors', () => {
  it('names the missing field, its position and the type it was looked up in', () => {
    expect(run('{{.Nope}}')).toBe(
      'ERROR template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type context.contextWithTLSListing',
    );
    expect(run('{{.Name.X}}')).toBe('ERROR template: :1:7: executing "" at <.Name.X>: can\'t evaluate field X in type string');
    expect(run('{{.Endpoints.docker.Nope}}')).toBe(
      'ERROR template: :1:12: executing "" at <.Endpoints.docker.Nope>: can\'t evaluate field Nope in type interface {}',
    );
    expect(run('{{printf "%s" .Nope}}')).toBe(
      'ERROR template: :1:14: executing "" at <.Nope>: can\'t evaluate field Nope in type context.contextWithTLSListing',
    );
  });

  it('counts columns in bytes and lines from 1', () => {
    expect(run('héllo {{.Nope}}')).toContain('template: :1:9: executing');
    expect(run('a\nb\n  {{.Nope}}')).toContain('template: :3:4: executing "" at <.Nope>');
  });

  it('reports function and method misuse like Go', () => {
    expect(run('{{index (split "a" " ") 5}}')).toBe(
      'ERROR template: :1:2: executing "" at <index (split "a" " ") 5>: error calling index: index out of range: 5',
    );
    expect(run('{{index .Storage "x"}}')).toBe(
      'ERROR template: :1:2: executing "" at <index .Storage "x">: error calling index: can\'t index item of type store.StorageInfo',
    );
    expect(run('{{lt 1 "a"}}')).toBe('ERROR template: :1:2: executing "" at <lt 1 "a">: error calling lt: incompatible types for comparison');
    expect(run('{{and}}')).toBe('ERROR template: :1:2: executing "" at <and>: wrong number of args for and: want at least 1 got 0');
    expect(run('{{upper 1}}')).toBe('ERROR template: :1:8: executing "" at <1>: expected string; found 1');
    expect(run('{{join .Name ","}}')).toBe('ERROR template: :1:7: executing "" at <.Name>: wrong type for value; expected []string; got string');
    expect(run('{{.Storage.TLSPath 1}}')).toBe(
      'ERROR template: :1:10: executing "" at <.Storage.TLSPath>: TLSPath has arguments but cannot be invoked as function',
    );
    expect(run('{{.Endpoints.docker 1}}')).toBe(
      'ERROR template: :1:12: executing "" at <.Endpoints.docker>: docker is not a method but has arguments',
    );
    expect(run('{{range .Name}}{{end}}')).toBe('ERROR template: :1:8: executing "" at <.Name>: range can\'t iterate over default');
    expect(run('{{1 2}}')).toBe('ERROR template: :1:2: executing "" at <1>: can\'t give argument to non-function 1');
    expect(run('{{eq .Endpoints .Endpoints}}')).toBe(
      'ERROR template: :1:2: executing "" at <eq .Endpoints .Endpoints>: error calling eq: non-comparable type map[docker:{unix:///tmp/none.sock %!s(bool=false)}]: map[string]interface {}',
    );
    expect(run('{{slice "abc" 2 1}}')).toBe('ERROR template: :1:2: executing "" at <slice "abc" 2 1>: error calling slice: invalid slice index: 2 > 1');
  });

  it('checks method arity, like docker ps does for .Label', () => {
    const row = goStruct({ ID: () => '', Label: goMethod(['string'], (name: string) => `label:${name}`) }, '*formatter.ContainerContext');
    expect(run('{{.Label "com.example"}}', row)).toBe('label:com.example');
    expect(run('{{.Label}}', row)).toBe('ERROR template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0');
    expect(run('{{.Label "a" "b"}}', row)).toBe('ERROR template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 2');
    expect(run('{{3 | .ID}}', row)).toBe('ERROR template: :1:6: executing "" at <.ID>: wrong number of args for ID: want 0 got 1');
    expect(run('{{index .ID 0}}', row)).toBe('ERROR template: :1:2: executing "" at <index .ID 0>: error calling index: reflect: string index out of range');
  });

  it('names a nil pointer and the template being run', () => {
    const health = goNil('pointer', '*types.Health', ['Status', 'FailingStreak', 'Log']);
    expect(run('{{.Health.Status}}', goStruct({ Health: health }, '*types.ContainerState'))).toBe(
      'ERROR template: :1:9: executing "" at <.Health.Status>: nil pointer evaluating *types.Health.Status',
    );
    expect(run('{{.Health}}', goStruct({ Health: health }, '*types.ContainerState'))).toBe('<nil>');
    expect(run('{{define "x"}}{{.Nope}}{{end}}{{template "x" .}}', goStruct({}, '*formatter.ContainerContext'))).toBe(
      'ERROR template: :1:16: executing "x" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext',
    );
    expect(run('{{template "x"}}')).toBe('ERROR template: :1:11: executing "" at <{{template "x"}}>: template "x" not defined');
  });

  it('keeps what was written before an error', () => {
    const template = parseTemplate('before {{.Nope}} after');
    if (template instanceof TemplateError) throw new Error(template.message);
    const result = executeTemplate(template, context);
    expect(result.ok).toBe(false);
    expect(result.output).toBe('before ');
  });
});

describe('Go template output', () => {
  it.each([
    ['{{.Endpoints}}|{{.Endpoints.docker}}|{{.Endpoints.docker.Host}}|{{.Endpoints.nope}}|{{.TLSMaterial}}|{{.Storage}}',
      'map[docker:{unix:///tmp/none.sock false}]|{unix:///tmp/none.sock false}|unix:///tmp/none.sock|<no value>|map[]|{<IN MEMORY> <IN MEMORY>}'],
    ['{{1.5}}|{{1e6}}|{{0x10}}|{{-5}}|{{\'a\'}}|{{1.0}}|{{true}}|{{"s"}}|{{`raw\\n`}}', '1.5|1e+06|16|-5|97|1|true|s|raw\\n'],
    ['{{index (split "a b c" " ") 1}}|{{index "abc" 1}}|{{index .Endpoints "docker"}}|{{index .Endpoints "nope"}}',
      'b|98|{unix:///tmp/none.sock false}|<no value>'],
    ['{{len "héllo"}} {{len .Endpoints}} {{len (split "a b" " ")}}', '6 1 2'],
    ['{{eq 1 1}} {{eq 1 2 3 1}} {{eq "a" "a"}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1.5 2.5}} {{eq .Name "default"}} {{eq true true}}',
      'true true true true true true true false true true'],
    ['{{and 1 0 2}}|{{and 1 2}}|{{or 0 "" "x"}}|{{or 0 ""}}|{{not 0}}|{{not "a"}}', '0|2|x||true|false'],
    ['{{range $k, $v := .Endpoints}}{{$k}}={{$v.Host}};{{end}}', 'docker=unix:///tmp/none.sock;'],
    ['{{range .Endpoints}}{{.Host}}{{end}}', 'unix:///tmp/none.sock'],
    ['{{range $i, $e := split "a b c" " "}}{{$i}}{{$e}},{{end}}', '0a,1b,2c,'],
    ['{{range $e := split "a b" " "}}[{{$e}}]{{end}}', '[a][b]'],
    ['{{range 3}}{{.}}{{end}}|{{range $i := 2}}{{$i}}{{end}}|{{range 0}}x{{else}}none{{end}}|{{range -2}}x{{else}}neg{{end}}', '012|01|none|neg'],
    ['{{range $i, $e := split "a b c d" " "}}{{if eq $i 2}}{{break}}{{end}}{{$e}}{{end}}', 'ab'],
    ['{{range $i, $e := split "a b c" " "}}{{if eq $i 1}}{{continue}}{{end}}{{$e}}{{end}}', 'ac'],
    ['{{if .Name}}a{{else if .Nope}}b{{end}}', 'a'],
    ['{{if false}}a{{else if true}}b{{else}}c{{end}}', 'b'],
    ['{{with false}}a{{else with .Name}}b={{.}}{{end}}', 'b=default'],
    ['{{with .Name}}n={{.}}{{end}}|{{with ""}}x{{else}}empty{{end}}|{{with $x := .Name}}{{$x}}{{end}}', 'n=default|empty|default'],
    ['{{$x := 1}}{{$x}}{{$x = 2}}{{$x}}{{if true}}{{$x = 3}}{{$y := 9}}{{end}}{{$x}}', '123'],
    ['{{$.Name}}', 'default'],
    ['{{.Name | printf "%s!" | upper}}', 'DEFAULT!'],
    ['{{"x" | printf "%s-%s" "a"}}', 'a-x'],
    ['a  {{- .Name -}}  b', 'adefaultb'],
    ['a\n  {{- /* c */ -}}\n  b', 'ab'],
    ['{{- "a" }}  {{- "b" -}}  c', 'abc'],
    ['{{define "t"}}[{{.}}]{{end}}{{template "t" .Name}}{{template "t" 1}}', '[default][1]'],
    ['{{block "b" .Name}}<{{.}}>{{end}}', '<default>'],
    ['{{(printf "%s" .Name)}}', 'default'],
    ['{{len (print .Name)}}', '7'],
  ])('renders %j', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it('prints docker template functions like the docker CLI', () => {
    expect(run('{{title "hello wORLD-x_y z.a éa 1b"}}')).toBe('Hello WORLD-X_y Z.A Éa 1b');
    expect(run('{{upper "straße ñ"}}|{{lower "ÀB İ"}}')).toBe('STRAßE Ñ|àb i');
    expect(run('{{split "a,b,,c" ","}}|{{split "abc" ""}}|{{split "" ","}}|{{len (split "" ",")}}')).toBe('[a b  c]|[a b c]|[]|1');
    expect(run('{{join (split "a b c" " ") "-"}}')).toBe('a-b-c');
    expect(run('{{pad "x" 2 3}}|{{pad "" 2 3}}|')).toBe('  x   ||');
    expect(run('{{truncate "hello" 3}}|{{truncate "hello" 10}}|{{truncate "hello" 5}}|{{truncate "héllo" 2}}|')).toBe('hel|hello|hello|h\ufffd|');
    expect(run('{{slice "hello" 1 3}}|{{slice "hello" 2}}|{{slice "hello"}}')).toBe('el|llo|hello');
    expect(run('{{slice (split "a b c d" " ") 1 3}}')).toBe('[b c]');
  });

  it('prints json compactly without HTML escaping', () => {
    expect(run('{{json .Name}}|{{json .Endpoints}}|{{json .Storage}}|{{json nil}}|{{json 1.5}}|{{json "<a&b>\\u2028é\\t"}}|{{json (split "a b" " ")}}')).toBe(
      '"default"|{"docker":{"Host":"unix:///tmp/none.sock","SkipTLSVerify":false}}|{"MetadataPath":"<IN MEMORY>","TLSPath":"<IN MEMORY>"}|null|1.5|"<a&b>\\u2028é\\t"|["a","b"]',
    );
  });

  it('prints html, js and urlquery escapes', () => {
    expect(run('{{html "<a href=\'x\'>&\\""}}|{{js "a\'b\\"c<d>=&\\\\"}}|{{urlquery "a b&c=d/é"}}|{{html 1 2}}')).toBe(
      '&lt;a href=&#39;x&#39;&gt;&amp;&#34;|a\\\'b\\"c\\u003Cd\\u003E\\u003D\\u0026\\\\|a+b%26c%3Dd%2F%C3%A9|1 2',
    );
  });

  it('prints Go values: slices, sorted maps, nil slices and maps, nil', () => {
    const config = goStruct(
      {
        Env: ['PATH=/usr/bin', 'NGINX_VERSION=1.29.0'],
        Labels: goMap({ z: '1', maintainer: 'NGINX <docker-maint@nginx.com>' }, 'map[string]string'),
        Volumes: nilMap,
        OnBuild: nilSlice,
        Healthcheck: null,
        Tty: false,
        Memory: 268435456,
      },
      '*container.Config',
    );
    expect(run('{{.Env}}|{{.Labels}}|{{.Volumes}}|{{.OnBuild}}|{{.Healthcheck}}|{{.Tty}}|{{.Memory}}', config)).toBe(
      '[PATH=/usr/bin NGINX_VERSION=1.29.0]|map[maintainer:NGINX <docker-maint@nginx.com> z:1]|map[]|[]|<nil>|false|268435456',
    );
    expect(run('{{index .Labels "maintainer"}}|{{index .Labels "missing"}}|{{.Labels.missing}}', config)).toBe(
      'NGINX <docker-maint@nginx.com>||<no value>',
    );
    expect(run('{{join .Env ","}}', config)).toBe('PATH=/usr/bin,NGINX_VERSION=1.29.0');
    expect(run('{{range .Env}}{{println .}}{{end}}', config)).toBe('PATH=/usr/bin\nNGINX_VERSION=1.29.0\n');
  });

  it('errors on missing map keys only with missingkey=error', () => {
    const data = goMap({ a: '1' });
    expect(run('{{.b}}', data)).toBe('<no value>');
    expect(run('{{.b}}', data, { missingKey: 'error' })).toBe('ERROR template: :1:2: executing "" at <.b>: map has no entry for key "b"');
  });

  it('uses the type name given for the data', () => {
    expect(run('{{.Nope}}', {}, { typeName: '*formatter.ContainerContext' })).toBe(
      'ERROR template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext',
    );
  });
});

describe('hostile templates', () => {
  it('stops a huge range with a clear error', () => {
    const result = run('{{range 1000000000}}x{{end}}');
    expect(result).toMatch(/^ERROR template: :1:\d+: executing "" at <.*>: template stopped: more than 200000 evaluation steps$/);
  });

  it('stops runaway output', () => {
    expect(run('{{range 100000}}{{pad "x" 100 100}}{{end}}')).toMatch(/template stopped: output longer than 1000000 characters$/);
    expect(run('{{pad "x" 100000000 0}}')).toMatch(/error calling pad: strings: Repeat output length overflow$/);
  });

  it('refuses deep nesting and very long templates', () => {
    expect(parseError(`${'{{if true}}'.repeat(150)}x${'{{end}}'.repeat(150)}`)).toBe('template: :1: max expression depth exceeded');
    expect(parseError(`{{${'('.repeat(150)}1${')'.repeat(150)}}}`)).toBe('template: :1: max expression depth exceeded');
    expect(parseError('x'.repeat(20_000))).toBe('template: :1: template longer than 16384 characters');
    expect(run(`${'{{if true}}'.repeat(50)}deep${'{{end}}'.repeat(50)}`)).toBe('deep');
  });

  it('stops recursive templates', () => {
    expect(run('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}')).toMatch(/exceeded maximum template depth \(100\)$/);
  });

  it('answers garbage templates with a template error, never an exception', () => {
    const tokens = ['{{', '}}', '{{-', '-}}', ' ', '.', '.Name', '.Endpoints.docker', '$x', ':=', '=', '|', '(', ')', '"s"', "'c'", '1', '1.5',
      'nil', 'if', 'else', 'end', 'range', 'with', 'break', 'define', 'template', 'index', 'slice', 'eq', 'and', 'printf', 'json', 'pad', '\n', '🐳'];
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const count = 1 + Math.floor(next() * 12);
      for (let j = 0; j < count; j++) text += tokens[Math.floor(next() * tokens.length)];
      expect(() => renderTemplate(`{{${text}}}`, context)).not.toThrow();
    }
  });

  it('prints a nil argument of html/js/urlquery as <no value>', () => {
    expect(run('{{urlquery js nil}}')).toBe('%3Cno+value%3E');
  });

  it('never reaches inherited JavaScript properties', () => {
    expect(run('{{.constructor}}', goStruct({}, 'T'))).toBe('ERROR template: :1:2: executing "" at <.constructor>: can\'t evaluate field constructor in type T');
    expect(run('{{.toString}}', goMap({}))).toBe('<no value>');
  });
});
