import { describe, expect, it } from 'vitest';
import type { CustomCommand } from 'just-bash';
import { MachineFs } from '../../src/engine/fs/machine-fs';
import { HostContext, type EnginePorts } from '../../src/engine/host-context';
import { nodeSize, type FileNode, type FileTree } from '../../src/engine/model/file-tree';
import type { HostState } from '../../src/engine/model/host-state';
import { runShell } from '../../src/engine/runtime/shell';
import { aptGetTool, aptSize, aptTool } from '../../src/engine/runtime/tools/apt';
import { aptPackages, debianCatalog } from '../../src/engine/runtime/tools/packages/catalogs';
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
