import { describe, expect, it } from 'vitest';
import { goFloat, GO_JSON, goMap, goNil, nilMap, nilSlice } from '../../src/engine/format/go-value';
import { goJsonString, toDockerJson, toDockerJsonCompact, toGoJson } from '../../src/engine/format/json';

describe('docker inspect JSON (Go encoding/json + json.Indent)', () => {
  it('prints docker volume inspect as a 4-space indented array', () => {
    const volume = {
      CreatedAt: '2025-06-20T10:15:30Z',
      Driver: 'local',
      Labels: null,
      Mountpoint: '/var/lib/docker/volumes/pgdata/_data',
      Name: 'pgdata',
      Options: null,
      Scope: 'local',
    };
    expect(toDockerJson([volume])).toBe(
      [
        '[',
        '    {',
        '        "CreatedAt": "2025-06-20T10:15:30Z",',
        '        "Driver": "local",',
        '        "Labels": null,',
        '        "Mountpoint": "/var/lib/docker/volumes/pgdata/_data",',
        '        "Name": "pgdata",',
        '        "Options": null,',
        '        "Scope": "local"',
        '    }',
        ']',
        '',
      ].join('\n'),
    );
  });

  it('prints [] when nothing was found and keeps empty arrays and objects on one line', () => {
    expect(toDockerJson([])).toBe('[]\n');
    expect(toDockerJson([{ RepoTags: [], Config: { ExposedPorts: goMap({ '80/tcp': {} }), Volumes: nilMap, Env: nilSlice } }])).toBe(
      [
        '[',
        '    {',
        '        "RepoTags": [],',
        '        "Config": {',
        '            "ExposedPorts": {',
        '                "80/tcp": {}',
        '            },',
        '            "Volumes": null,',
        '            "Env": null',
        '        }',
        '    }',
        ']',
        '',
      ].join('\n'),
    );
  });

  it('keeps struct field order but sorts map keys, as Go does', () => {
    const labels = goMap({ 'org.opencontainers.image.version': '1.29', maintainer: 'NGINX', 'com.example': 'x' });
    expect(toGoJson({ Name: '/web', Labels: labels, Args: ['nginx'] })).toBe(
      '{"Name":"/web","Labels":{"com.example":"x","maintainer":"NGINX","org.opencontainers.image.version":"1.29"},"Args":["nginx"]}',
    );
    expect(toGoJson(new Map([['b', 1], ['a', 2]]))).toBe('{"a":2,"b":1}');
  });

  it('does not HTML-escape by default, like the daemon and the json template function', () => {
    expect(toGoJson({ maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' })).toBe(
      '{"maintainer":"NGINX Docker Maintainers <docker-maint@nginx.com>"}',
    );
    expect(toGoJson('a<b>&c', { escapeHtml: true })).toBe('"a\\u003cb\\u003e\\u0026c"');
  });

  it('escapes strings the way Go does', () => {
    expect(goJsonString('tab\there "q" back\\slash\nnew')).toBe('"tab\\there \\"q\\" back\\\\slash\\nnew"');
    expect(goJsonString('\b\f\r\u0001\u001f\u007f')).toBe('"\\b\\f\\r\\u0001\\u001f\u007f"');
    expect(goJsonString('line\u2028para\u2029')).toBe('"line\\u2028para\\u2029"');
    expect(goJsonString('é 日本 🐳')).toBe('"é 日本 🐳"');
    expect(goJsonString('lone \ud800 surrogate')).toBe('"lone \\ufffd surrogate"');
  });

  it('prints numbers like Go: integers in full, floats in shortest form', () => {
    expect(toGoJson([268435456, 0, -1, 1.5, 0.1, 1e21, 1e-7, 1e20, -0, 9007199254740993n, goFloat(2)])).toBe(
      '[268435456,0,-1,1.5,0.1,1e+21,1e-7,100000000000000000000,-0,9007199254740993,2]',
    );
  });

  it('leaves out undefined fields and methods, and uses a custom JSON form when given', () => {
    expect(toGoJson({ Id: 'abc', Health: undefined, Label: () => 'x', Ptr: goNil('pointer', '*types.Health') })).toBe('{"Id":"abc","Ptr":null}');
    expect(toGoJson({ ID: () => 'abc', [GO_JSON]: () => ({ ID: 'abc', Names: 'web' }) })).toBe('{"ID":"abc","Names":"web"}');
  });

  it('prints docker inspect --format json compactly', () => {
    expect(toDockerJsonCompact([{ Name: 'pgdata', Labels: {} }])).toBe('[{"Name":"pgdata","Labels":{}}]\n');
    expect(toDockerJsonCompact([])).toBe('[]\n');
  });
});
