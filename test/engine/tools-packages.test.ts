import { describe, expect, it } from 'vitest';
import type { CustomCommand } from 'just-bash';
import { MachineFs } from '../../src/engine/fs/machine-fs';
import { HostContext, type EnginePorts } from '../../src/engine/host-context';
import { nodeSize, type FileNode, type FileTree } from '../../src/engine/model/file-tree';
import type { HostState } from '../../src/engine/model/host-state';
import { runShell } from '../../src/engine/runtime/shell';
import { apkTool } from '../../src/engine/runtime/tools/apk';
import { aptGetTool, aptSize, aptTool } from '../../src/engine/runtime/tools/apt';
import { alpineCatalog, apkPackages, aptPackages, debianCatalog, npmCatalog, npmVersions, pyPackages, pypiCatalog } from '../../src/engine/runtime/tools/packages/catalogs';
import { pip3Tool, pipTool, pipSize } from '../../src/engine/runtime/tools/pip';
import { npmTool, resolveNpmScript } from '../../src/engine/runtime/tools/npm';
import type { ToolContext } from '../../src/engine/runtime/tools/tool-context';

const NOW = Date.UTC(2025, 5, 20, 12, 0, 0);
const dir: FileNode = { type: 'dir', mode: 0o755 };
const exe = (size = 20_000): FileNode => ({ type: 'file', mode: 0o755, content: 'ELF', size });
const text = (content: string): FileNode => ({ type: 'file', mode: 0o644, content });

/** The directories every path in a tree needs, so `ls` and lookups work as in a real image. */
function withParents(tree: FileTree): FileTree {
  const out: FileTree = {};
  for (const path of Object.keys(tree)) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) out[`/${parts.slice(0, i).join('/')}`] ??= dir;
  }
  return { ...out, ...tree };
}

interface Machine {
  fs: MachineFs;
  upper: FileTree;
  sh(line: string, options?: { stdin?: string; cwd?: string; env?: Record<string, string> }): Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

function machine(image: FileTree, tools: (tc: ToolContext) => CustomCommand[], user = 'root'): Machine {
  const upper: FileTree = {};
  const fs = new MachineFs({ root: { lowers: [withParents(image)], upper }, now: () => NOW });
  const ctx = new HostContext({ rng: 7 } as HostState, {} as EnginePorts, NOW);
  const tc: ToolContext = { ctx, fs, container: null, user };
  const commands = tools(tc);
  return {
    fs,
    upper,
    async sh(line, options = {}) {
      const result = await runShell({
        fs,
        line,
        cwd: options.cwd ?? '/',
        env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', ...options.env },
        flavour: 'dash',
        commands,
        ...(options.stdin !== undefined && { stdin: options.stdin }),
      });
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    },
  };
}

/** Declared bytes of the files under a prefix in a layer. */
function bytesUnder(tree: FileTree, prefix: string): number {
  return Object.entries(tree)
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}/`))
    .reduce((sum, [, node]) => sum + nodeSize(node), 0);
}

// ---------------------------------------------------------------------------------------------
// apt-get / apt

const debianImage = (extra: FileTree = {}): FileTree => ({
  '/bin': { type: 'symlink', target: 'usr/bin' },
  '/usr/bin/apt-get': exe(),
  '/usr/bin/apt': exe(),
  '/usr/bin/rm': exe(),
  '/usr/bin/ls': exe(),
  '/etc/os-release': text('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_CODENAME=bookworm\n'),
  '/etc/apt/apt.conf.d/docker-clean': text('DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\n'),
  '/var/lib/apt/lists/partial': dir,
  '/var/cache/apt/archives/partial': dir,
  '/var/lib/dpkg/info': dir,
  '/tmp': { type: 'dir', mode: 0o1777 },
  ...extra,
});
const debian = (extra?: FileTree, user?: string) => machine(debianImage(extra), (tc) => [aptGetTool(tc), aptTool(tc)], user);

const BOOKWORM_UPDATE = `Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]
Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]
Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]
Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8793 kB]
Get:5 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [6924 B]
Get:6 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [269 kB]
Fetched 9323 kB in 1s (6362 kB/s)
Reading package lists...
`;

describe('apt-get in a Debian container', () => {
  it('cannot locate any package on a fresh image, because the package lists are empty', async () => {
    const m = debian();
    const result = await m.sh('apt-get install -y curl');
    expect(result).toEqual({
      stdout: 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n',
      stderr: 'E: Unable to locate package curl\n',
      exitCode: 100,
    });
    expect(m.fs.getNode('/usr/bin/curl')).toBeUndefined();
  });

  it('apt-get update downloads the lists and keeps about 20 MB of them in /var/lib/apt/lists', async () => {
    const m = debian();
    const result = await m.sh('apt-get update');
    expect(result).toEqual({ stdout: BOOKWORM_UPDATE, stderr: '', exitCode: 0 });
    const lists = bytesUnder(m.upper, '/var/lib/apt/lists');
    expect(lists).toBe(19_681_664);
    expect(m.fs.list('/var/lib/apt/lists')).toContain('deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4');
  });

  it('a second update only checks the release files', async () => {
    const m = debian();
    await m.sh('apt-get update');
    const again = await m.sh('apt-get update');
    expect(again.stdout).toBe(
      'Hit:1 http://deb.debian.org/debian bookworm InRelease\nHit:2 http://deb.debian.org/debian bookworm-updates InRelease\nHit:3 http://deb.debian.org/debian-security bookworm-security InRelease\nReading package lists...\n',
    );
  });

  it('installs curl with its dependencies, printing the plan, the downloads and dpkg', async () => {
    const m = debian();
    await m.sh('apt-get update');
    const result = await m.sh('apt-get install -y curl');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(result.stdout).toContain(`The following NEW packages will be installed:
  ca-certificates curl krb5-locales libbrotli1 libcurl4 libgssapi-krb5-2
  libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libldap-2.5-0
  libldap-common libnghttp2-14 libpsl5 librtmp1 libsasl2-2 libsasl2-modules
  libsasl2-modules-db libssh2-1 libssl3 openssl publicsuffix
0 upgraded, 22 newly installed, 0 to remove and 0 not upgraded.
Need to get 6095 kB of archives.
After this operation, 16.6 MB of additional disk space will be used.
Get:1 http://deb.debian.org/debian bookworm/main amd64 libbrotli1 amd64 1.0.9-2+b6 [275 kB]
`);
    expect(lines).toContain('Get:22 http://deb.debian.org/debian bookworm/main amd64 curl amd64 7.88.1-10+deb12u12 [315 kB]');
    expect(lines).toContain('Fetched 6095 kB in 1s (5740 kB/s)');
    expect(result.stdout).toContain(
      'Selecting previously unselected package libbrotli1:amd64.\n(Reading database ... 6089 files and directories currently installed.)\nPreparing to unpack .../00-libbrotli1_1.0.9-2+b6_amd64.deb ...\nUnpacking libbrotli1:amd64 (1.0.9-2+b6) ...\n',
    );
    expect(lines).toContain('Setting up curl (7.88.1-10+deb12u12) ...');
    expect(result.stdout.endsWith(
      'Setting up curl (7.88.1-10+deb12u12) ...\nProcessing triggers for libc-bin (2.36-9+deb12u10) ...\nProcessing triggers for ca-certificates (20230311) ...\nUpdating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n',
    )).toBe(true);
    expect(result.stderr).toBe('debconf: delaying package configuration, since apt-utils is not installed\n');
  });

  it('creates /usr/bin/curl as an executable and files whose sizes add up to the installed size', async () => {
    const m = debian();
    await m.sh('apt-get update && apt-get install -y curl');
    const curl = m.fs.getNode('/usr/bin/curl');
    expect(curl?.type === 'file' && curl.mode).toBe(0o755);
    const index = aptPackages(debianCatalog.suites.bookworm!);
    const curlPkg = index.get('curl')!;
    expect(nodeSize(curl!) + bytesUnder(m.upper, '/usr/share/doc/curl')).toBe(curlPkg.installedKiB * 1024);
    const libcurl = index.get('libcurl4')!;
    expect(nodeSize(m.fs.getNode('/usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0')!) + bytesUnder(m.upper, '/usr/share/doc/libcurl4')).toBe(libcurl.installedKiB * 1024);
    expect(m.fs.readText('/var/lib/dpkg/status')).toContain('Package: curl\nStatus: install ok installed\nPriority: optional\nSection: web\nInstalled-Size: 500\n');
    expect(m.fs.readText('/var/lib/apt/extended_states')).toContain('Package: libcurl4\nArchitecture: amd64\nAuto-Installed: 1\n');
  });

  it('leaves no .deb behind when the image has docker-clean, but keeps the lists', async () => {
    const m = debian();
    await m.sh('apt-get update && apt-get install -y curl');
    expect(m.fs.list('/var/cache/apt/archives')).toEqual(['partial']);
    expect(bytesUnder(m.upper, '/var/lib/apt/lists')).toBe(19_681_664);
    await m.sh('rm -rf /var/lib/apt/lists/*');
    expect(m.fs.list('/var/lib/apt/lists')).toEqual([]);
  });

  it('keeps the downloaded .deb files without docker-clean, until apt-get clean', async () => {
    const m = debian({ '/etc/apt/apt.conf.d/docker-clean': { type: 'whiteout' } });
    await m.sh('apt-get update && apt-get install -y --no-install-recommends curl');
    const debs = m.fs.list('/var/cache/apt/archives').filter((name) => name.endsWith('.deb'));
    expect(debs).toContain('curl_7.88.1-10+deb12u12_amd64.deb');
    expect(debs).toHaveLength(16);
    expect(nodeSize(m.fs.getNode('/var/cache/apt/archives/curl_7.88.1-10+deb12u12_amd64.deb')!)).toBe(315_280);
    expect(m.fs.getNode('/var/cache/apt/pkgcache.bin')).toBeDefined();
    const cleaned = await m.sh('apt-get clean');
    expect(cleaned).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(m.fs.list('/var/cache/apt/archives')).toEqual(['partial']);
    expect(m.fs.getNode('/var/cache/apt/pkgcache.bin')).toBeUndefined();
  });

  it('fails again after the lists are deleted: update and install belong in the same RUN', async () => {
    const m = debian();
    await m.sh('apt-get update && rm -rf /var/lib/apt/lists/*');
    const result = await m.sh('apt-get install -y curl');
    expect(result.stderr).toBe('E: Unable to locate package curl\n');
    expect(result.exitCode).toBe(100);
  });

  it('asks before installing extra packages and aborts when nobody answers', async () => {
    const m = debian();
    await m.sh('apt-get update');
    const result = await m.sh('apt-get install curl');
    expect(result.stdout.endsWith('After this operation, 16.6 MB of additional disk space will be used.\nDo you want to continue? [Y/n] Abort.\n')).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(m.fs.getNode('/usr/bin/curl')).toBeUndefined();
    const answered = await m.sh('apt-get install curl', { stdin: 'y\n' });
    expect(answered.stdout).toContain('Do you want to continue? [Y/n] Get:1 http://deb.debian.org/debian');
    expect(answered.exitCode).toBe(0);
  });

  it('--no-install-recommends skips ca-certificates and lists what it skipped', async () => {
    const m = debian();
    await m.sh('apt-get update');
    const result = await m.sh('apt-get install -y --no-install-recommends curl');
    expect(result.stdout).toContain('Recommended packages:\n  ca-certificates krb5-locales libldap-common libsasl2-modules publicsuffix\n');
    expect(result.stdout).toContain('0 upgraded, 16 newly installed, 0 to remove and 0 not upgraded.\n');
    expect(m.fs.getNode('/usr/sbin/update-ca-certificates')).toBeUndefined();
  });

  it('says a package is already installed, including the ones the image ships', async () => {
    const m = debian();
    await m.sh('apt-get update && apt-get install -y jq');
    const result = await m.sh('apt-get install -y jq tzdata');
    expect(result.stdout).toBe(
      'Reading package lists...\nBuilding dependency tree...\nReading state information...\njq is already the newest version (1.6-2.1).\ntzdata is already the newest version (2025b-0+deb12u1).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n',
    );
  });

  it('removes a package, suggests autoremove for its dependencies, and autoremove takes them', async () => {
    const m = debian();
    await m.sh('apt-get update && apt-get install -y jq');
    const removed = await m.sh('apt-get remove -y jq');
    expect(removed.stdout).toBe(`Reading package lists...
Building dependency tree...
Reading state information...
The following packages were automatically installed and are no longer required:
  libjq1 libonig5
Use 'apt autoremove' to remove them.
The following packages will be REMOVED:
  jq
0 upgraded, 0 newly installed, 1 to remove and 0 not upgraded.
After this operation, 104 kB disk space will be freed.
(Reading database ... 6115 files and directories currently installed.)
Removing jq (1.6-2.1) ...
`);
    expect(m.fs.getNode('/usr/bin/jq')).toBeUndefined();
    const auto = await m.sh('apt-get autoremove -y');
    expect(auto.stdout).toContain('The following packages will be REMOVED:\n  libjq1 libonig5\n');
    expect(auto.stdout).toContain('Removing libjq1:amd64 (1.6-2.1) ...\nRemoving libonig5:amd64 (6.9.8-1) ...\nProcessing triggers for libc-bin (2.36-9+deb12u10) ...\n');
    expect(m.fs.getNode('/usr/lib/x86_64-linux-gnu/libjq.so.1.0.4')).toBeUndefined();
    expect(m.fs.readText('/var/lib/dpkg/status')).not.toContain('Package: libjq1');
  });

  it('purge marks packages with an asterisk and removes their configuration', async () => {
    const m = debian();
    await m.sh('apt-get update && apt-get install -y --no-install-recommends wget');
    const result = await m.sh('apt-get purge -y --auto-remove wget');
    expect(result.stdout).toContain('The following packages will be REMOVED:\n  libpsl5* wget*\n');
    expect(result.stdout).toContain('Purging configuration files for wget (1.21.3-1+deb12u1) ...\n');
  });

  it('refuses to work for a non-root user, as after USER in a Dockerfile', async () => {
    const m = debian({}, 'app');
    expect(await m.sh('apt-get update')).toEqual({
      stdout: 'Reading package lists...\n',
      stderr: 'E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n',
      exitCode: 100,
    });
    const install = await m.sh('apt-get install -y curl');
    expect(install.stderr).toBe('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
    expect(install.exitCode).toBe(100);
  });

  it('apt warns that its interface is not for scripts and reports the state after update', async () => {
    const m = debian();
    const result = await m.sh('apt update');
    expect(result.stderr).toBe('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
    expect(result.stdout.endsWith('Reading package lists...\nBuilding dependency tree...\nReading state information...\nAll packages are up to date.\n')).toBe(true);
  });

  it('rejects an unknown operation with exit code 100', async () => {
    const m = debian();
    expect(await m.sh('apt-get instal curl')).toEqual({ stdout: '', stderr: 'E: Invalid operation instal\n', exitCode: 100 });
  });

  it('-qq hides apt\'s own lines but not dpkg\'s', async () => {
    const m = debian();
    await m.sh('apt-get update -qq');
    const result = await m.sh('apt-get install -qq jq');
    expect(result.stdout.startsWith('Selecting previously unselected package libonig5:amd64.\n')).toBe(true);
  });

  it('installs Ubuntu packages from archive.ubuntu.com on noble', async () => {
    const m = machine(
      debianImage({ '/etc/os-release': text('PRETTY_NAME="Ubuntu 24.04.2 LTS"\nID=ubuntu\nVERSION_CODENAME=noble\n') }),
      (tc) => [aptGetTool(tc)],
    );
    const update = await m.sh('apt-get update');
    expect(update.stdout.split('\n').slice(0, 2)).toEqual([
      'Get:1 http://archive.ubuntu.com/ubuntu noble InRelease [256 kB]',
      'Get:2 http://security.ubuntu.com/ubuntu noble-security InRelease [126 kB]',
    ]);
    expect(update.stdout).toContain('Get:6 http://archive.ubuntu.com/ubuntu noble/universe amd64 Packages [19.3 MB]\n');
    expect(update.stdout).toContain('Fetched 30.8 MB in 4s (7422 kB/s)\n');
    const install = await m.sh('apt-get install -y curl');
    expect(install.stdout).toContain('Setting up curl (8.5.0-2ubuntu10.6) ...\n');
    expect(install.stdout).toContain('http://archive.ubuntu.com/ubuntu noble-updates/main amd64 curl amd64 8.5.0-2ubuntu10.6');
  });
});

describe('apt size formatting', () => {
  it('shows at most four digits, then the next unit, with a decimal under 100', () => {
    expect(aptSize(756)).toBe('756 ');
    expect(aptSize(55_400)).toBe('55.4 k');
    expect(aptSize(8_793_000)).toBe('8793 k');
    expect(aptSize(19_300_000)).toBe('19.3 M');
    expect(aptSize(151_000)).toBe('151 k');
  });
});

describe('the Debian catalogue', () => {
  it('resolves every dependency and recommendation within its release', () => {
    for (const suite of Object.values(debianCatalog.suites)) {
      const index = aptPackages(suite);
      for (const pkg of suite.packages) {
        for (const dep of [...pkg.depends, ...pkg.recommends]) {
          expect(index.has(dep) || suite.base[dep] !== undefined, `${suite.codename}: ${pkg.name} needs ${dep}`).toBe(true);
        }
        expect(suite.base[pkg.name], `${pkg.name} is already in the ${suite.codename} image`).toBeUndefined();
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// apk

// Real Alpine keeps apk in /sbin; just-bash only dispatches registered commands found in /bin
// or /usr/bin, so the stand-in lives in /bin here.
const alpine = (user?: string) =>
  machine(
    {
      '/bin/busybox': exe(800_000),
      '/bin/sh': { type: 'symlink', target: '/bin/busybox' },
      '/bin/apk': exe(),
      '/bin/rm': exe(),
      '/usr/bin': dir,
      '/usr/lib': dir,
      '/etc/alpine-release': text('3.22.0\n'),
      '/etc/apk': dir,
      '/var/cache/apk': dir,
      '/lib/apk/db': dir,
      '/tmp': { type: 'dir', mode: 0o1777 },
    },
    (tc) => [apkTool(tc)],
    user,
  );

const FETCH = 'fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.22/community/x86_64/APKINDEX.tar.gz\n';

describe('apk in an Alpine container', () => {
  it('apk add fetches the indexes itself and installs curl with its libraries', async () => {
    const m = alpine();
    const result = await m.sh('apk add curl');
    expect(result).toEqual({
      stdout: `${FETCH}(1/9) Installing brotli-libs (1.1.0-r2)
(2/9) Installing c-ares (1.34.5-r0)
(3/9) Installing libunistring (1.3-r0)
(4/9) Installing libidn2 (2.3.7-r0)
(5/9) Installing libpsl (0.21.5-r3)
(6/9) Installing nghttp2-libs (1.65.0-r0)
(7/9) Installing zstd-libs (1.5.7-r0)
(8/9) Installing libcurl (8.14.1-r1)
(9/9) Installing curl (8.14.1-r1)
Executing busybox-1.37.0-r18.trigger
OK: 12 MiB in 24 packages
`,
      stderr: '',
      exitCode: 0,
    });
    const curl = m.fs.getNode('/usr/bin/curl');
    expect(curl?.type === 'file' && curl.mode).toBe(0o755);
    expect(nodeSize(curl!)).toBe(apkPackages.get('curl')!.size);
    expect(m.fs.readText('/etc/apk/world').split('\n')).toContain('curl');
    expect(m.fs.readText('/lib/apk/db/installed')).toContain('P:curl\nV:8.14.1-r1\nA:x86_64\nS:166000\nI:260096\n');
  });

  it('without --no-cache the indexes stay in /var/cache/apk; a second add does not fetch again', async () => {
    const m = alpine();
    await m.sh('apk add curl');
    const cached = alpineCatalog.indexes.reduce((sum, index) => sum + index.size, 0);
    expect(bytesUnder(m.upper, '/var/cache/apk')).toBe(cached);
    expect(m.fs.list('/var/cache/apk')).toEqual(['APKINDEX.6bb2c5f4.tar.gz', 'APKINDEX.f9a1b3e2.tar.gz']);
    const again = await m.sh('apk add jq');
    expect(again.stdout.startsWith('(1/2) Installing oniguruma (6.9.10-r0)\n')).toBe(true);
  });

  it('with --no-cache nothing of the index is left in the layer', async () => {
    const m = alpine();
    const result = await m.sh('apk add --no-cache curl');
    expect(result.stdout.startsWith(FETCH)).toBe(true);
    expect(m.fs.list('/var/cache/apk')).toEqual([]);
    expect(bytesUnder(m.upper, '/var/cache/apk')).toBe(0);
  });

  it('names the missing package and who asked for it, and installs nothing', async () => {
    const m = alpine();
    const result = await m.sh('apk add --no-cache nope curl');
    expect(result).toEqual({
      stdout: FETCH,
      stderr: 'ERROR: unable to select packages:\n  nope (no such package):\n    required by: world[nope]\n',
      exitCode: 1,
    });
    expect(m.fs.getNode('/usr/bin/curl')).toBeUndefined();
  });

  it('runs post-install scripts and the busybox trigger', async () => {
    const m = alpine();
    const result = await m.sh('apk add --no-cache bash');
    expect(result.stdout).toContain('(4/4) Installing bash (5.2.37-r0)\nExecuting bash-5.2.37-r0.post-install\nExecuting busybox-1.37.0-r18.trigger\nOK: 10 MiB in 19 packages\n');
    const ca = await m.sh('apk add --no-cache ca-certificates');
    expect(ca.stdout).toContain('Executing busybox-1.37.0-r18.trigger\nExecuting ca-certificates-20250619-r0.trigger\n');
  });

  it('a --virtual group installs under one name and apk del removes the whole group', async () => {
    const m = alpine();
    const added = await m.sh('apk add --no-cache --virtual .build-deps gcc musl-dev');
    expect(added.stdout).toContain('(14/14) Installing .build-deps (20250620.120000)\n');
    expect(m.fs.readText('/etc/apk/world')).toContain('.build-deps=20250620.120000\n');
    expect(m.fs.getNode('/usr/bin/gcc')).toBeDefined();
    const removed = await m.sh('apk del .build-deps');
    expect(removed.stdout.split('\n').slice(0, 3)).toEqual(['(1/14) Purging .build-deps (20250620.120000)', '(2/14) Purging musl-dev (1.2.5-r10)', '(3/14) Purging gcc (14.2.0-r6)']);
    expect(removed.stdout.endsWith('Executing busybox-1.37.0-r18.trigger\nOK: 8 MiB in 15 packages\n')).toBe(true);
    expect(m.fs.getNode('/usr/bin/gcc')).toBeUndefined();
  });

  it('apk update refreshes the indexes and reports what is available', async () => {
    const m = alpine();
    const result = await m.sh('apk update');
    expect(result.stdout).toBe(`${FETCH}v3.22.0-208-g73cc4d6aaf0 [https://dl-cdn.alpinelinux.org/alpine/v3.22/main]
v3.22.0-207-g1d51b6a4c32 [https://dl-cdn.alpinelinux.org/alpine/v3.22/community]
OK: 26326 distinct packages available
`);
  });

  it('apk del of an unknown name is an error; of a known one it purges dependencies too', async () => {
    const m = alpine();
    expect(await m.sh('apk del nope')).toEqual({ stdout: '', stderr: 'ERROR: No such package: nope\n', exitCode: 1 });
    await m.sh('apk add --no-cache jq');
    const result = await m.sh('apk del jq');
    expect(result.stdout).toBe('(1/2) Purging jq (1.8.0-r0)\n(2/2) Purging oniguruma (6.9.10-r0)\nExecuting busybox-1.37.0-r18.trigger\nOK: 8 MiB in 15 packages\n');
  });

  it('refuses a non-root user', async () => {
    const m = alpine('node');
    expect(await m.sh('apk add curl')).toEqual({
      stdout: '',
      stderr: 'ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n',
      exitCode: 99,
    });
  });

  it('every dependency in the Alpine catalogue resolves', () => {
    for (const pkg of alpineCatalog.packages) {
      for (const dep of pkg.depends) expect(apkPackages.has(dep) || alpineCatalog.base[dep] !== undefined, `${pkg.name} needs ${dep}`).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// pip

// The python image keeps pip in /usr/local/bin; just-bash dispatches registered commands only
// from /bin and /usr/bin, so the stand-ins live in /usr/bin here.
const SITE = '/usr/local/lib/python3.13/site-packages';
const python = (user?: string, files: FileTree = {}) =>
  machine(
    {
      '/usr/bin/pip': exe(),
      '/usr/bin/pip3': exe(),
      '/usr/local/bin/python3.13': exe(14_000),
      [`${SITE}/pip-25.1.1.dist-info/METADATA`]: text('Metadata-Version: 2.1\nName: pip\nVersion: 25.1.1\n'),
      '/root': { type: 'dir', mode: 0o700 },
      '/home/app': dir,
      '/app': dir,
      '/tmp': { type: 'dir', mode: 0o1777 },
      ...files,
    },
    (tc) => [pipTool(tc), pip3Tool(tc)],
    user,
  );

const ROOT_WARNING = "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n";
const NOTICE = '\n[notice] A new release of pip is available: 25.1.1 -> 25.2\n[notice] To update, run: pip install --upgrade pip\n';

describe('pip in a python container', () => {
  it('installs flask with its dependencies, then warns about root and a newer pip', async () => {
    const m = python();
    const result = await m.sh('pip install flask', { cwd: '/app' });
    expect(result).toEqual({
      stdout: `Collecting flask
  Downloading flask-3.1.1-py3-none-any.whl.metadata (3.0 kB)
Collecting blinker>=1.9.0 (from flask)
  Downloading blinker-1.9.0-py3-none-any.whl.metadata (1.6 kB)
Collecting click>=8.1.3 (from flask)
  Downloading click-8.2.1-py3-none-any.whl.metadata (2.5 kB)
Collecting itsdangerous>=2.2.0 (from flask)
  Downloading itsdangerous-2.2.0-py3-none-any.whl.metadata (1.9 kB)
Collecting jinja2>=3.1.2 (from flask)
  Downloading jinja2-3.1.6-py3-none-any.whl.metadata (2.9 kB)
Collecting markupsafe>=2.1.1 (from flask)
  Downloading MarkupSafe-3.0.2-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl.metadata (4.0 kB)
Collecting werkzeug>=3.1.0 (from flask)
  Downloading werkzeug-3.1.3-py3-none-any.whl.metadata (3.7 kB)
Downloading flask-3.1.1-py3-none-any.whl (103 kB)
Downloading blinker-1.9.0-py3-none-any.whl (8.5 kB)
Downloading click-8.2.1-py3-none-any.whl (102 kB)
Downloading itsdangerous-2.2.0-py3-none-any.whl (16 kB)
Downloading jinja2-3.1.6-py3-none-any.whl (134 kB)
Downloading MarkupSafe-3.0.2-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (23 kB)
Downloading werkzeug-3.1.3-py3-none-any.whl (224 kB)
Installing collected packages: blinker, click, itsdangerous, markupsafe, jinja2, werkzeug, flask
Successfully installed blinker-1.9.0 click-8.2.1 flask-3.1.1 itsdangerous-2.2.0 jinja2-3.1.6 markupsafe-3.0.2 werkzeug-3.1.3
`,
      stderr: ROOT_WARNING + NOTICE,
      exitCode: 0,
    });
  });

  it('puts packages in site-packages with their real sizes and the flask command in /usr/local/bin', async () => {
    const m = python();
    await m.sh('pip install flask');
    const flask = pyPackages.get('flask')!;
    expect(bytesUnder(m.upper, `${SITE}/flask`) + bytesUnder(m.upper, `${SITE}/flask-3.1.1.dist-info`)).toBe(flask.installed);
    expect(m.fs.readText(`${SITE}/flask-3.1.1.dist-info/INSTALLER`)).toBe('pip\n');
    const script = m.fs.getNode('/usr/local/bin/flask');
    expect(script?.type === 'file' && script.mode).toBe(0o755);
    expect(m.fs.readText('/usr/local/bin/flask').startsWith('#!/usr/local/bin/python3.13\n')).toBe(true);
  });

  it('keeps the downloads in /root/.cache/pip unless --no-cache-dir', async () => {
    const cached = python();
    await cached.sh('pip install requests');
    const downloads = ['requests', 'charset-normalizer', 'idna', 'urllib3', 'certifi'].reduce((sum, name) => sum + pyPackages.get(name)!.download + pyPackages.get(name)!.metadata, 0);
    expect(bytesUnder(cached.upper, '/root/.cache/pip/http-v2')).toBe(downloads + 10 * 1_100);
    const lean = python();
    const result = await lean.sh('pip install --no-cache-dir requests');
    expect(result.exitCode).toBe(0);
    expect(lean.fs.getNode('/root/.cache')).toBeUndefined();
  });

  it('reuses the cache the second time: "Using cached"', async () => {
    const m = python();
    await m.sh('pip install itsdangerous && pip uninstall -y itsdangerous');
    const again = await m.sh('pip install itsdangerous');
    expect(again.stdout).toBe(
      'Collecting itsdangerous\n  Using cached itsdangerous-2.2.0-py3-none-any.whl.metadata (1.9 kB)\nUsing cached itsdangerous-2.2.0-py3-none-any.whl (16 kB)\nInstalling collected packages: itsdangerous\nSuccessfully installed itsdangerous-2.2.0\n',
    );
  });

  it('reads requirements.txt, naming the line each requirement came from', async () => {
    const m = python(undefined, { '/app/requirements.txt': text('# web\nflask==3.1.1\n\ngunicorn\n') });
    const result = await m.sh('pip install --no-cache-dir -r requirements.txt', { cwd: '/app' });
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      'Collecting flask==3.1.1 (from -r requirements.txt (line 2))',
      '  Downloading flask-3.1.1-py3-none-any.whl.metadata (3.0 kB)',
      'Collecting gunicorn (from -r requirements.txt (line 4))',
      '  Downloading gunicorn-23.0.0-py3-none-any.whl.metadata (4.4 kB)',
    ]);
    expect(result.stdout).toContain('Successfully installed blinker-1.9.0 click-8.2.1 flask-3.1.1 gunicorn-23.0.0 itsdangerous-2.2.0 jinja2-3.1.6 markupsafe-3.0.2 packaging-25.0 werkzeug-3.1.3\n');
  });

  it('fails when requirements.txt was not copied into the image', async () => {
    const m = python();
    expect(await m.sh('pip install -r requirements.txt', { cwd: '/app' })).toEqual({
      stdout: '',
      stderr: "ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requirements.txt'\n",
      exitCode: 1,
    });
  });

  it('cannot find a package that does not exist', async () => {
    const m = python();
    expect(await m.sh('pip install --disable-pip-version-check nope')).toEqual({
      stdout: '',
      stderr: 'ERROR: Could not find a version that satisfies the requirement nope (from versions: none)\nERROR: No matching distribution found for nope\n',
      exitCode: 1,
    });
  });

  it('says what is already installed', async () => {
    const m = python();
    await m.sh('pip install blinker');
    const again = await m.sh('pip install blinker --root-user-action=ignore');
    expect(again).toEqual({ stdout: `Requirement already satisfied: blinker in ${SITE} (1.9.0)\n`, stderr: NOTICE, exitCode: 0 });
  });

  it('lists and freezes what is installed', async () => {
    const m = python();
    await m.sh('pip install --no-cache-dir itsdangerous markupsafe');
    expect((await m.sh('pip list')).stdout).toBe('Package      Version\n------------ -------\nitsdangerous 2.2.0\nMarkupSafe   3.0.2\npip          25.1.1\n');
    expect((await m.sh('pip freeze')).stdout).toBe('itsdangerous==2.2.0\nMarkupSafe==3.0.2\n');
    expect((await m.sh('pip3 --version')).stdout).toBe(`pip 25.1.1 from ${SITE}/pip (python 3.13)\n`);
  });

  it('upgrading pip replaces it and silences the notice', async () => {
    const m = python();
    const result = await m.sh('pip install --upgrade pip');
    expect(result.stdout).toBe(`Requirement already satisfied: pip in ${SITE} (25.1.1)
Collecting pip
  Downloading pip-25.2-py3-none-any.whl.metadata (4.7 kB)
Downloading pip-25.2-py3-none-any.whl (1.8 MB)
Installing collected packages: pip
  Attempting uninstall: pip
    Found existing installation: pip 25.1.1
    Uninstalling pip-25.1.1:
      Successfully uninstalled pip-25.1.1
Successfully installed pip-25.2
`);
    expect(result.stderr).toBe(ROOT_WARNING);
    expect((await m.sh('pip --version')).stdout).toBe(`pip 25.2 from ${SITE}/pip (python 3.13)\n`);
  });

  it('installs into the home directory for a non-root user', async () => {
    const m = python('app');
    const result = await m.sh('pip install --no-cache-dir blinker', { env: { HOME: '/home/app' } });
    expect(result.stdout.startsWith('Defaulting to user installation because normal site-packages is not writeable\nCollecting blinker\n')).toBe(true);
    expect(result.stderr).toBe(NOTICE);
    expect(m.fs.getNode('/home/app/.local/lib/python3.13/site-packages/blinker/__init__.py')).toBeDefined();
  });

  it('refuses the system Python of Debian (PEP 668) until --break-system-packages', async () => {
    const m = machine(debianImage(), (tc) => [aptGetTool(tc), pipTool(tc)]);
    await m.sh('apt-get update && apt-get install -y --no-install-recommends python3-pip');
    expect(m.fs.getNode('/usr/bin/pip')).toBeDefined();
    const refused = await m.sh('pip install flask');
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`error: externally-managed-environment

× This environment is externally managed
╰─> To install Python packages system-wide, try apt install
    python3-xyz, where xyz is the package you are trying to
    install.
    
    If you wish to install a non-Debian-packaged Python package,
    create a virtual environment using python3 -m venv path/to/venv.
    Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make
    sure you have python3-full installed.
    
    If you wish to install a non-Debian packaged Python application,
    it may be easiest to use pipx install xyz, which will manage a
    virtual environment for you. Make sure you have pipx installed.
    
    See /usr/share/doc/python3.11/README.venv for more information.

note: If you believe this is a mistake, please contact your Python installation or OS distributor about this issue. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.
hint: See PEP 668 for the detailed specification.
`);
    const forced = await m.sh('pip install --break-system-packages --no-cache-dir itsdangerous');
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toBe(ROOT_WARNING);
    expect(m.fs.getNode('/usr/local/lib/python3.11/dist-packages/itsdangerous/__init__.py')).toBeDefined();
  });

  it('formats sizes as pip does', () => {
    expect([pipSize(8_458), pipSize(16_234), pipSize(1_752_311), pipSize(900)]).toEqual(['8.5 kB', '16 kB', '1.8 MB', '900 bytes']);
  });

  it('every requirement in the PyPI catalogue resolves', () => {
    for (const pkg of pypiCatalog.packages) {
      for (const requirement of pkg.requires) {
        const name = /^[A-Za-z0-9._-]+/.exec(requirement)![0].toLowerCase().replace(/[-_.]+/g, '-');
        expect(pyPackages.has(name), `${pkg.name} needs ${requirement}`).toBe(true);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// npm

const packageJson = (manifest: Record<string, unknown>): FileNode => text(`${JSON.stringify(manifest, null, 2)}\n`);
const APP = { name: 'app', version: '1.0.0', scripts: { start: 'node server.js', test: 'echo "Error: no test specified" && exit 1' }, dependencies: { express: '^5.1.0' } };

/** A node image; scripts run through a real shell line whose `node` stand-in just reports. */
function nodeImage(files: FileTree = {}, env: Record<string, string> = { NODE_VERSION: '24.3.0' }) {
  const lines: string[] = [];
  const upper: FileTree = {};
  const fs = new MachineFs({
    root: {
      lowers: [withParents({ '/usr/bin/npm': exe(), '/usr/bin/node': exe(120_000_000), '/usr/bin/echo': exe(), '/root': { type: 'dir', mode: 0o700 }, '/app': dir, '/tmp': { type: 'dir', mode: 0o1777 }, ...files })],
      upper,
    },
    now: () => NOW,
  });
  const ctx = new HostContext({ rng: 7 } as HostState, {} as EnginePorts, NOW);
  const tc: ToolContext = { ctx, fs, container: null, user: 'root' };
  const shellEnv = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/root', ...env };
  const node: CustomCommand = { name: 'node', execute: async (args: string[]) => ({ stdout: `node ran ${args.join(' ')}\n`, stderr: '', exitCode: 0 }) } as unknown as CustomCommand;
  const commands: CustomCommand[] = [];
  const runLine = async (line: string) => {
    lines.push(line);
    const result = await runShell({ fs, line, cwd: '/app', env: shellEnv, flavour: 'dash', commands });
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
  };
  commands.push(npmTool(tc, runLine), node);
  return {
    fs,
    upper,
    lines,
    async sh(line: string, cwd = '/app') {
      const result = await runShell({ fs, line, cwd, env: shellEnv, flavour: 'dash', commands });
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    },
  };
}

const SUMMARY_EXPRESS5 = '\nadded 66 packages, and audited 67 packages in 3s\n\n23 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities\n';
const LOG = 'npm error A complete log of this run can be found in: /root/.npm/_logs/2025-06-20T12_00_00_000Z-debug-0.log\n';

describe('npm in a node container', () => {
  it('npm install reads package.json and prints the npm 10/11 summary', async () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    expect(await m.sh('npm install')).toEqual({ stdout: SUMMARY_EXPRESS5, stderr: '', exitCode: 0 });
  });

  it('lays out node_modules with express and its 65 dependencies, about 2 MB', async () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    await m.sh('npm install');
    expect(m.fs.readText('/app/node_modules/express/package.json')).toContain('"version": "5.1.0"');
    const installed = m.fs.list('/app/node_modules').filter((name) => !name.startsWith('.'));
    expect(installed).toHaveLength(66);
    const unpacked = installed.reduce((sum, name) => sum + npmVersions.get(name)!.find((pkg) => m.fs.readText(`/app/node_modules/${name}/package.json`).includes(`"version": "${pkg.version}"`))!.unpacked, 0);
    const onDisk = installed.reduce((sum, name) => sum + bytesUnder(m.upper, `/app/node_modules/${name}`), 0);
    expect(onDisk).toBe(unpacked);
    expect(onDisk).toBeGreaterThan(1_800_000);
    expect(onDisk).toBeLessThan(2_200_000);
  });

  it('writes package-lock.json and keeps the tarballs in /root/.npm/_cacache', async () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    await m.sh('npm install');
    const lock = JSON.parse(m.fs.readText('/app/package-lock.json')) as { lockfileVersion: number; packages: Record<string, { version: string; resolved: string; integrity: string }> };
    expect(lock.lockfileVersion).toBe(3);
    expect(lock.packages['node_modules/express']).toMatchObject({ version: '5.1.0', resolved: 'https://registry.npmjs.org/express/-/express-5.1.0.tgz' });
    expect(lock.packages['node_modules/express']!.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    const packed = Object.keys(lock.packages).filter((key) => key).reduce((sum, key) => sum + npmVersions.get(key.slice('node_modules/'.length))!.find((pkg) => pkg.version === lock.packages[key]!.version)!.packed, 0);
    expect(bytesUnder(m.upper, '/root/.npm/_cacache/content-v2')).toBe(packed);
    expect(m.fs.list('/root/.npm/_logs')).toEqual(['2025-06-20T12_00_00_000Z-debug-0.log']);
  });

  it('a second install finds everything up to date', async () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    await m.sh('npm install');
    expect((await m.sh('npm install')).stdout).toBe('\nup to date, audited 67 packages in 320ms\n\n23 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities\n');
  });

  it('nests a dependency when the hoisted copy does not fit its range (express 4)', async () => {
    const m = nodeImage({ '/app/package.json': packageJson({ ...APP, dependencies: { express: '^4.18.2' } }) });
    const result = await m.sh('npm install');
    expect(result.stdout.startsWith('\nadded 69 packages, and audited 70 packages in 3s\n')).toBe(true);
    expect(m.fs.readText('/app/node_modules/encodeurl/package.json')).toContain('"version": "2.0.0"');
    expect(m.fs.readText('/app/node_modules/send/node_modules/encodeurl/package.json')).toContain('"version": "1.0.2"');
    expect(m.fs.readText('/app/node_modules/express/package.json')).toContain('"version": "4.21.2"');
  });

  it('npm install <pkg> adds it to package.json with a caret', async () => {
    const m = nodeImage({ '/app/package.json': packageJson({ name: 'app', version: '1.0.0' }) });
    const result = await m.sh('npm install cors');
    expect(result.stdout.startsWith('\nadded 3 packages, and audited 4 packages in 605ms\n')).toBe(true);
    expect(JSON.parse(m.fs.readText('/app/package.json')).dependencies).toEqual({ cors: '^2.8.5' });
    await m.sh('npm i -D nodemon');
    expect(JSON.parse(m.fs.readText('/app/package.json')).devDependencies).toEqual({ nodemon: '^3.1.10' });
    expect(m.fs.getNode('/app/node_modules/.bin/nodemon', false)).toEqual({ type: 'symlink', target: '../nodemon/bin/nodemon.js', mtime: NOW });
  });

  it('--omit=dev leaves devDependencies out, as in a production image', async () => {
    const m = nodeImage({ '/app/package.json': packageJson({ ...APP, devDependencies: { nodemon: '^3.1.0' } }) });
    await m.sh('npm install --omit=dev');
    expect(m.fs.getNode('/app/node_modules/nodemon')).toBeUndefined();
    expect(m.fs.getNode('/app/node_modules/express')).toBeDefined();
  });

  it('cannot find a package that is not in the registry', async () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    expect(await m.sh('npm install left-padd')).toEqual({
      stdout: '',
      stderr: `npm error code E404
npm error 404 Not Found - GET https://registry.npmjs.org/left-padd - Not found
npm error 404
npm error 404  'left-padd@*' is not in this registry.
npm error 404
npm error 404 Note that you can also install from a
npm error 404 tarball, folder, http url, or git url.
${LOG}`,
      exitCode: 1,
    });
  });

  it('npm ci refuses to work without a lock file', async () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    const result = await m.sh('npm ci');
    expect(result.exitCode).toBe(1);
    expect(result.stderr.startsWith(`npm error code EUSAGE
npm error
npm error The \`npm ci\` command can only install with an existing package-lock.json or
npm error npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or
npm error later to generate a package-lock.json file, then try again.
npm error
npm error Clean install a project
`)).toBe(true);
    expect(result.stderr.endsWith(`npm error aliases: clean-install, ic, install-clean, isntall-clean\nnpm error\nnpm error Run "npm help ci" for more info\n${LOG}`)).toBe(true);
  });

  it('npm ci installs exactly the lock file, and complains when package.json moved on', async () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    await m.sh('npm install');
    const ci = await m.sh('npm ci');
    expect(ci.stdout.startsWith('\nadded 66 packages, and audited 67 packages in 2s\n')).toBe(true);
    await m.sh(`echo '${JSON.stringify({ ...APP, dependencies: { ...APP.dependencies, cors: '^2.8.5' } })}' > package.json`);
    const stale = await m.sh('npm ci');
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain('npm error `npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing.\nnpm error\nnpm error Missing: cors@2.8.5 from lock file\nnpm error Missing: object-assign@4.1.1 from lock file\nnpm error\n');
  });

  it('npm start prints the banner and runs the script through the shell', async () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    expect(await m.sh('npm start')).toEqual({ stdout: '\n> app@1.0.0 start\n> node server.js\n\nnode ran server.js\n', stderr: '', exitCode: 0 });
    expect(m.lines).toEqual(['node server.js']);
  });

  it('npm start falls back to node server.js when there is no start script', async () => {
    const m = nodeImage({ '/app/package.json': packageJson({ name: 'app', version: '1.0.0' }), '/app/server.js': text('console.log(1)\n') });
    expect((await m.sh('npm start')).stdout).toBe('\n> app@1.0.0 start\n> node server.js\n\nnode ran server.js\n');
  });

  it('npm test fails with the exit code of the default test script and adds nothing', async () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    expect(await m.sh('npm test')).toEqual({ stdout: '\n> app@1.0.0 test\n> echo "Error: no test specified" && exit 1\n\nError: no test specified\n', stderr: '', exitCode: 1 });
  });

  it('npm run passes extra arguments after --, and runs pre and post scripts', async () => {
    const m = nodeImage({ '/app/package.json': packageJson({ name: 'app', version: '1.0.0', scripts: { prebuild: 'node clean.js', build: 'node build.js' } }) });
    const result = await m.sh('npm run build -- --prod');
    expect(result.stdout).toBe('\n> app@1.0.0 prebuild\n> node clean.js\n\nnode ran clean.js\n\n> app@1.0.0 build\n> node build.js --prod\n\nnode ran build.js --prod\n');
  });

  it('names a missing script', async () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    expect(await m.sh('npm run nope')).toEqual({
      stdout: '',
      stderr: `npm error Missing script: "nope"\nnpm error\nnpm error To see a list of scripts, run:\nnpm error   npm run\n${LOG}`,
      exitCode: 1,
    });
  });

  it('cannot run a script without package.json (forgot to COPY it)', async () => {
    const m = nodeImage();
    expect(await m.sh('npm start')).toEqual({
      stdout: '',
      stderr: `npm error code ENOENT
npm error syscall open
npm error path /app/package.json
npm error errno -2
npm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '/app/package.json'
npm error enoent This is related to npm not being able to find a file.
npm error enoent
${LOG}`,
      exitCode: 1,
    });
  });

  it('reports its version by Node.js release, and an older npm gets the update notice once', async () => {
    expect((await nodeImage().sh('npm --version')).stdout).toBe('11.4.2\n');
    const old = nodeImage({ '/app/package.json': packageJson({ name: 'app', version: '1.0.0' }) }, { NODE_VERSION: '22.17.0' });
    expect((await old.sh('npm -v')).stdout).toBe('10.9.2\n');
    const first = await old.sh('npm install');
    expect(first.stderr).toBe('npm notice\nnpm notice New major version of npm available! 10.9.2 -> 11.4.2\nnpm notice Changelog: https://github.com/npm/cli/releases/tag/v11.4.2\nnpm notice To update run: npm install -g npm@11.4.2\nnpm notice\n');
    expect((await old.sh('npm install')).stderr).toBe('');
  });

  it('npm init -y writes a package.json (npm 11 adds "type")', async () => {
    const m = nodeImage();
    const result = await m.sh('npm init -y');
    expect(result.stdout).toBe(`Wrote to /app/package.json:

{
  "name": "app",
  "version": "1.0.0",
  "main": "index.js",
  "scripts": {
    "test": "echo \\"Error: no test specified\\" && exit 1"
  },
  "keywords": [],
  "author": "",
  "license": "ISC",
  "type": "commonjs",
  "description": ""
}


`);
  });

  it('resolveNpmScript tells the engine what CMD ["npm","start"] runs', () => {
    const m = nodeImage({ '/app/package.json': packageJson(APP) });
    const resolved = resolveNpmScript(m.fs, '/app', 'start');
    expect('line' in resolved && resolved.line).toBe('node server.js');
    expect(resolveNpmScript(m.fs, '/app', 'dev')).toEqual({ error: 'missing-script', path: '/app/package.json' });
  });

  it('every dependency in the npm catalogue resolves to a catalogued release', () => {
    for (const pkg of npmCatalog.packages) {
      for (const [name, range] of Object.entries(pkg.dependencies)) {
        expect(npmVersions.get(name)?.length, `${pkg.name}@${pkg.version} needs ${name}`).toBeGreaterThan(0);
        void range;
      }
    }
  });
});
