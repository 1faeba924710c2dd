import { describe, expect, it } from 'vitest';
import { formatTable, formatTableSections, tabwrite } from '../../src/engine/format/table';
import { displayWidth } from '../../src/engine/format/text-width';

const PS_HEADER = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'];

describe('docker tables (tabwriter with minwidth 10, padding 3)', () => {
  it('prints docker ps -a with padded columns and an unpadded NAMES column', () => {
    const rows = [
      PS_HEADER,
      ['3f4e5d6c7b8a', 'nginx', '"/docker-entrypoint.…"', '2 minutes ago', 'Up 2 minutes', '0.0.0.0:8080->80/tcp, [::]:8080->80/tcp', 'web'],
      ['9a8b7c6d5e4f', 'redis:8', '"docker-entrypoint.s…"', '10 minutes ago', 'Up 10 minutes', '6379/tcp', 'cache'],
      ['1b2c3d4e5f60', 'alpine', '"/bin/sh"', '15 minutes ago', 'Exited (0) 14 minutes ago', '', 'focused_turing'],
      ['7c8d9e0f1a2b', 'ubuntu', '"/bin/bash"', 'About an hour ago', 'Created', '', 'admiring_lovelace'],
    ];
    expect(formatTable(rows)).toBe(
      [
        'CONTAINER ID   IMAGE     COMMAND                  CREATED             STATUS                      PORTS                                     NAMES',
        '3f4e5d6c7b8a   nginx     "/docker-entrypoint.…"   2 minutes ago       Up 2 minutes                0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web',
        '9a8b7c6d5e4f   redis:8   "docker-entrypoint.s…"   10 minutes ago      Up 10 minutes               6379/tcp                                  cache',
        '1b2c3d4e5f60   alpine    "/bin/sh"                15 minutes ago      Exited (0) 14 minutes ago                                             focused_turing',
        '7c8d9e0f1a2b   ubuntu    "/bin/bash"              About an hour ago   Created                                                               admiring_lovelace',
        '',
      ].join('\n'),
    );
  });

  it('gives every column of an empty docker ps at least width 10, so PORTS keeps its padding', () => {
    expect(formatTable([PS_HEADER])).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });

  it('prints an empty docker images and an empty docker volume ls', () => {
    expect(formatTable([['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']])).toBe('REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');
    expect(formatTable([['DRIVER', 'VOLUME NAME']])).toBe('DRIVER    VOLUME NAME\n');
  });

  it('prints docker images with one row per tag', () => {
    const rows = [
      ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'],
      ['app', 'latest', '4d5e6f708192', '10 seconds ago', '140MB'],
      ['<none>', '<none>', '9c1d2e3f4a5b', '5 minutes ago', '140MB'],
      ['nginx', 'latest', '9592f5595f2b', '3 weeks ago', '192MB'],
      ['alpine', '3.22', '9234e8fb04c4', '4 weeks ago', '8.31MB'],
      ['alpine', 'latest', '9234e8fb04c4', '4 weeks ago', '8.31MB'],
      ['hello-world', 'latest', '74cc54e27dc4', '5 months ago', '10.1kB'],
    ];
    expect(formatTable(rows)).toBe(
      [
        'REPOSITORY    TAG       IMAGE ID       CREATED          SIZE',
        'app           latest    4d5e6f708192   10 seconds ago   140MB',
        '<none>        <none>    9c1d2e3f4a5b   5 minutes ago    140MB',
        'nginx         latest    9592f5595f2b   3 weeks ago      192MB',
        'alpine        3.22      9234e8fb04c4   4 weeks ago      8.31MB',
        'alpine        latest    9234e8fb04c4   4 weeks ago      8.31MB',
        'hello-world   latest    74cc54e27dc4   5 months ago     10.1kB',
        '',
      ].join('\n'),
    );
  });

  it('keeps trailing spaces on docker history rows whose COMMENT is empty', () => {
    const rows = [
      ['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'],
      ['2f3e4d5c6b7a', '5 seconds ago', '/bin/sh -c #(nop)  CMD ["sh"]', '0B', ''],
      ['1e2d3c4b5a69', '6 seconds ago', '/bin/sh -c #(nop) COPY file:5b3c9d0e1f2a3b4c…', '1.2kB', ''],
      ['9234e8fb04c4', '4 weeks ago', 'CMD ["/bin/sh"]', '0B', 'buildkit.dockerfile.v0'],
    ];
    expect(formatTable(rows)).toBe(
      [
        'IMAGE          CREATED         CREATED BY                                      SIZE      COMMENT',
        '2f3e4d5c6b7a   5 seconds ago   /bin/sh -c #(nop)  CMD ["sh"]                   0B        ',
        '1e2d3c4b5a69   6 seconds ago   /bin/sh -c #(nop) COPY file:5b3c9d0e1f2a3b4c…   1.2kB     ',
        '9234e8fb04c4   4 weeks ago     CMD ["/bin/sh"]                                 0B        buildkit.dockerfile.v0',
        '',
      ].join('\n'),
    );
  });

  it('prints docker system df with the percentage in the last column', () => {
    const rows = [
      ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
      ['Images', '3', '2', '200.7MB', '8.309MB (4%)'],
      ['Containers', '3', '1', '1.157kB', '63B (5%)'],
      ['Local Volumes', '2', '1', '48.02MB', '0B (0%)'],
      ['Build Cache', '0', '0', '0B', '0B'],
    ];
    expect(formatTable(rows)).toBe(
      [
        'TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE',
        'Images          3         2         200.7MB   8.309MB (4%)',
        'Containers      3         1         1.157kB   63B (5%)',
        'Local Volumes   2         1         48.02MB   0B (0%)',
        'Build Cache     0         0         0B        0B',
        '',
      ].join('\n'),
    );
  });

  it('prints docker system df -v as separate tables with their titles', () => {
    const text = formatTableSections([
      {
        title: 'Images space usage:',
        rows: [
          ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'UNIQUE SIZE', 'CONTAINERS'],
          ['nginx', 'latest', '9592f5595f2b', '3 weeks ago', '192MB', '0B', '192.4MB', '1'],
        ],
      },
      {
        title: 'Local Volumes space usage:',
        rows: [
          ['VOLUME NAME', 'LINKS', 'SIZE'],
          ['pgdata', '1', '48.02MB'],
        ],
      },
      { title: 'Build cache usage: 0B', rows: [['CACHE ID', 'CACHE TYPE', 'SIZE', 'CREATED', 'LAST USED', 'USAGE', 'SHARED']] },
    ]);
    expect(text).toBe(
      [
        'Images space usage:',
        '',
        'REPOSITORY   TAG       IMAGE ID       CREATED       SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS',
        'nginx        latest    9592f5595f2b   3 weeks ago   192MB     0B            192.4MB       1',
        '',
        'Local Volumes space usage:',
        '',
        'VOLUME NAME   LINKS     SIZE',
        'pgdata        1         48.02MB',
        '',
        'Build cache usage: 0B',
        '',
        'CACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED',
        '',
      ].join('\n'),
    );
  });

  it('does not pad a one-column table (a line without tabs ends the column block)', () => {
    expect(formatTable([['NAME'], ['default']])).toBe('NAME\ndefault\n');
  });

  it('aligns only consecutive lines that share a column, as Go tabwriter does', () => {
    expect(tabwrite('aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n')).toBe(
      ['aaaa      bbb       d', 'aa        b         dd', 'a         ', 'aa        cccc      eee', ''].join('\n'),
    );
    expect(tabwrite('a\tb\nno tabs here\nlonger cell\tx\n')).toBe('a         b\nno tabs here\nlonger cell   x\n');
  });

  // Widths checked against the real client: `docker context ls --format 'table {{printf "…"}}\t{{.Name}}'`.
  it('counts … as one column and East Asian wide characters as two', () => {
    expect(displayWidth('"/docker-entrypoint.…"')).toBe(22);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('🐳')).toBe(2);
    expect(displayWidth('👍🏽')).toBe(2);
    expect(displayWidth('🇧🇷🇧🇷')).toBe(2);
    expect(displayWidth('👨‍👩‍👧')).toBe(2);
    expect(displayWidth('ａｂｃ')).toBe(6);
    expect(displayWidth('a\u200bb')).toBe(2);
    expect(displayWidth('⌚⏰☔')).toBe(6);
    expect(displayWidth('☃★♥©®™')).toBe(6);
    expect(displayWidth('é')).toBe(1);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(formatTable([['NAME', 'X'], ['日本語', 'y']])).toBe('NAME      X\n日本語    y\n');
    expect(formatTable([['NAME', 'X'], ['日本語', 'y']], { measure: 'runes' })).toBe('NAME      X\n日本語       y\n');
  });

  it('keeps text after the last newline, like a row written without its newline', () => {
    expect(tabwrite('a\tb\nc\td')).toBe('a         b\nc         d');
    expect(formatTable([])).toBe('');
  });

  it('survives a hostile row with thousands of cells without deep recursion', () => {
    const text = `${'x\t'.repeat(20_000)}\n${'y\t'.repeat(20_000)}\n`;
    const out = tabwrite(text);
    expect(out.split('\n')[0]).toBe('x         '.repeat(20_000));
  });
});
