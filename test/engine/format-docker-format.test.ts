import { describe, expect, it } from 'vitest';
import {
  CONTAINER_LIST,
  IMAGE_LIST,
  VOLUME_LIST,
  precheckContainerFormat,
  prepareFormat,
  renderInspect,
  renderListFormat,
} from '../../src/engine/format/docker-format';
import { GO_JSON, goMap, goMethod, goStruct } from '../../src/engine/format/go-value';

interface PsRow {
  ID: string;
  Image: string;
  Command: string;
  RunningFor: string;
  Status: string;
  Ports: string;
  Names: string;
  Labels?: Record<string, string>;
}

/** A stand-in for docker/cli's ContainerContext: every column is a method returning a string. */
function psContext(row: PsRow): object {
  const labels = row.Labels ?? {};
  return goStruct(
    {
      ID: () => row.ID,
      Image: () => row.Image,
      Command: () => row.Command,
      CreatedAt: () => '2025-06-20 10:15:30 +0000 UTC',
      RunningFor: () => row.RunningFor,
      Ports: () => row.Ports,
      State: () => (row.Status.startsWith('Up') ? 'running' : 'exited'),
      Status: () => row.Status,
      Size: () => '0B',
      Names: () => row.Names,
      Labels: () => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(','),
      Label: goMethod(['string'], (name: string) => labels[name] ?? ''),
      Mounts: () => '',
      LocalVolumes: () => '0',
      Networks: () => 'bridge',
      [GO_JSON]: () => goMap({ ID: row.ID, Image: row.Image, Names: row.Names, Status: row.Status }),
    },
    CONTAINER_LIST.typeName,
  );
}

const containers = [
  psContext({
    ID: '3f4e5d6c7b8a',
    Image: 'nginx',
    Command: '"/docker-entrypoint.…"',
    RunningFor: '2 minutes ago',
    Status: 'Up 2 minutes',
    Ports: '0.0.0.0:8080->80/tcp, [::]:8080->80/tcp',
    Names: 'web',
    Labels: { 'com.example.team': 'blue' },
  }),
  psContext({
    ID: '1b2c3d4e5f60',
    Image: 'alpine',
    Command: '"/bin/sh"',
    RunningFor: '15 minutes ago',
    Status: 'Exited (0) 14 minutes ago',
    Ports: '',
    Names: 'focused_turing',
  }),
];

function stdout(result: ReturnType<typeof renderListFormat>): string {
  if (!result.ok) throw new Error(result.stderr);
  return result.stdout;
}

describe('docker --format for list commands', () => {
  it('prints the default docker ps table from the template and header map', () => {
    expect(stdout(renderListFormat({ format: CONTAINER_LIST.defaultTable, rows: containers, spec: CONTAINER_LIST }))).toBe(
      [
        'CONTAINER ID   IMAGE     COMMAND                  CREATED          STATUS                      PORTS                                     NAMES',
        '3f4e5d6c7b8a   nginx     "/docker-entrypoint.…"   2 minutes ago    Up 2 minutes                0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web',
        '1b2c3d4e5f60   alpine    "/bin/sh"                15 minutes ago   Exited (0) 14 minutes ago                                             focused_turing',
        '',
      ].join('\n'),
    );
  });

  it('prints only the header for an empty list', () => {
    expect(stdout(renderListFormat({ format: CONTAINER_LIST.defaultTable, rows: [], spec: CONTAINER_LIST }))).toBe(
      'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n',
    );
    expect(stdout(renderListFormat({ format: VOLUME_LIST.defaultTable, rows: [], spec: VOLUME_LIST }))).toBe('DRIVER    VOLUME NAME\n');
  });

  it("turns a custom table's placeholders into docker's column titles", () => {
    expect(stdout(renderListFormat({ format: 'table {{.ID}}\\t{{.Names}}\\t{{.Status}}', rows: containers, spec: CONTAINER_LIST }))).toBe(
      ['CONTAINER ID   NAMES            STATUS', '3f4e5d6c7b8a   web              Up 2 minutes', '1b2c3d4e5f60   focused_turing   Exited (0) 14 minutes ago', ''].join(
        '\n',
      ),
    );
    expect(stdout(renderListFormat({ format: 'table {{.Names}}: {{upper .State}}', rows: containers, spec: CONTAINER_LIST }))).toBe(
      'NAMES: STATE\nweb: RUNNING\nfocused_turing: EXITED\n',
    );
  });

  it('prints a plain format once per row, keeping real tabs', () => {
    expect(stdout(renderListFormat({ format: '{{.Names}}\\t{{.Label "com.example.team"}}', rows: containers, spec: CONTAINER_LIST }))).toBe(
      'web\tblue\nfocused_turing\t\n',
    );
    expect(stdout(renderListFormat({ format: '{{.Names}}', rows: [], spec: CONTAINER_LIST }))).toBe('');
  });

  it('prints --format json as one JSON object per line', () => {
    expect(stdout(renderListFormat({ format: 'json', rows: containers.slice(0, 1), spec: CONTAINER_LIST }))).toBe(
      '{"ID":"3f4e5d6c7b8a","Image":"nginx","Names":"web","Status":"Up 2 minutes"}\n',
    );
  });

  it('shows N/A for an image without a creation time, as the default images table does', () => {
    const image = goStruct(
      { Repository: () => 'scratchy', Tag: () => 'latest', ID: () => '4d5e6f708192', CreatedSince: () => '', Size: () => '0B' },
      IMAGE_LIST.typeName,
    );
    expect(stdout(renderListFormat({ format: IMAGE_LIST.defaultTable, rows: [image], spec: IMAGE_LIST }))).toBe(
      'REPOSITORY   TAG       IMAGE ID       CREATED   SIZE\nscratchy     latest    4d5e6f708192   N/A       0B\n',
    );
  });

  it('reports template errors with the template parsing error prefix', () => {
    expect(renderListFormat({ format: '{{.Nope}}', rows: containers, spec: CONTAINER_LIST })).toEqual({
      ok: false,
      stderr: 'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n',
      exitCode: 1,
    });
    expect(renderListFormat({ format: 'table {{.ID', rows: [], spec: CONTAINER_LIST })).toEqual({
      ok: false,
      stderr: 'template parsing error: template: :1: unclosed action\n',
      exitCode: 1,
    });
  });

  it('prepares the format text the way docker does', () => {
    expect(prepareFormat('table  {{.ID}}\\t{{.Names}}  ')).toEqual({ table: true, text: '{{.ID}}\t{{.Names}}' });
    expect(prepareFormat('json')).toEqual({ table: false, text: '{{json .}}' });
    expect(prepareFormat('{{.ID}}\\n')).toEqual({ table: false, text: '{{.ID}}\n' });
  });
});

describe('docker ps checks --format before contacting the daemon', () => {
  const empty = psContext({ ID: '', Image: '', Command: '""', RunningFor: '', Status: '', Ports: '', Names: '' });

  it('reports parse and execution errors like the real client', () => {
    expect(precheckContainerFormat('{{.Foo', empty)).toBe('failed to parse template: template: :1: unclosed action');
    expect(precheckContainerFormat('table {{.ID}}\\t{{.Nope}}', empty)).toBe(
      'failed to execute template: template: :1:17: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext',
    );
    expect(precheckContainerFormat('{{.Label}}', empty)).toBe(
      'failed to execute template: template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0',
    );
    expect(precheckContainerFormat('{{.Names}} {{.Status}}', empty)).toBeUndefined();
  });
});

describe('docker inspect', () => {
  const volume = { CreatedAt: '2025-06-20T10:15:30Z', Driver: 'local', Labels: null, Name: 'pgdata', Scope: 'local' };
  const container = goStruct(
    {
      Id: '3f4e5d6c7b8a9f0e',
      Name: '/web',
      State: goStruct({ Status: 'running', Running: true, Pid: 4242 }, '*container.State'),
      Config: goStruct({ Env: ['A=1', 'B=2'], Labels: goMap({ maintainer: 'NGINX <docker-maint@nginx.com>' }, 'map[string]string') }, '*container.Config'),
    },
    '*container.InspectResponse',
  );

  it('prints found objects as an indented array and not-found ones on stderr', () => {
    expect(renderInspect(undefined, [{ value: volume }, { error: 'Error: No such object: nope' }])).toEqual({
      stdout: [
        '[',
        '    {',
        '        "CreatedAt": "2025-06-20T10:15:30Z",',
        '        "Driver": "local",',
        '        "Labels": null,',
        '        "Name": "pgdata",',
        '        "Scope": "local"',
        '    }',
        ']',
        '',
      ].join('\n'),
      stderr: 'Error: No such object: nope\n',
      exitCode: 1,
    });
    expect(renderInspect('', [{ error: 'Error: No such object: nope' }]).stdout).toBe('[]\n');
    expect(renderInspect('json', [{ value: volume }]).stdout).toBe(
      '[{"CreatedAt":"2025-06-20T10:15:30Z","Driver":"local","Labels":null,"Name":"pgdata","Scope":"local"}]\n',
    );
  });

  it('runs -f once per object', () => {
    expect(renderInspect('{{.State.Status}} {{.Name}} {{.Config.Env}} {{index .Config.Labels "maintainer"}}', [{ value: container }, { value: container }])).toEqual({
      stdout: 'running /web [A=1 B=2] NGINX <docker-maint@nginx.com>\nrunning /web [A=1 B=2] NGINX <docker-maint@nginx.com>\n',
      stderr: '',
      exitCode: 0,
    });
    expect(renderInspect('{{json .State}}', [{ value: container }]).stdout).toBe('{"Status":"running","Running":true,"Pid":4242}\n');
  });

  it('retries a failing template on the raw JSON, so missing fields read "map has no entry"', () => {
    expect(renderInspect('{{.State.Health.Status}}', [{ value: container }])).toEqual({
      stdout: '\n',
      stderr: 'template parsing error: template: :1:8: executing "" at <.State.Health.Status>: map has no entry for key "Health"\n',
      exitCode: 1,
    });
    expect(renderInspect('{{.Nope}}', [{ value: container }, { error: 'Error: No such object: db' }])).toEqual({
      stdout: '\n',
      stderr: 'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\nError: No such object: db\n',
      exitCode: 1,
    });
  });

  it('exits 64 on a template that does not parse', () => {
    expect(renderInspect('{{.State.Status', [{ value: container }])).toEqual({
      stdout: '',
      stderr: 'template parsing error: template: :1: unclosed action\n',
      exitCode: 64,
    });
  });
});
