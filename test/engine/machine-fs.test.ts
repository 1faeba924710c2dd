import { Bash } from 'just-bash';
import { describe, expect, it } from 'vitest';
import { MachineFs } from '../../src/engine/fs/machine-fs';
import { runShell } from '../../src/engine/runtime/shell';
import type { FileTree } from '../../src/engine/model/file-tree';

const base: FileTree = {
  '/usr': { type: 'dir', mode: 0o755 },
  '/usr/bin': { type: 'dir', mode: 0o755 },
  '/usr/bin/cat': { type: 'file', mode: 0o755, content: 'ELF', size: 40000 },
  '/usr/bin/ls': { type: 'file', mode: 0o755, content: 'ELF', size: 140000 },
  '/usr/bin/echo': { type: 'file', mode: 0o755, content: 'ELF' },
  '/usr/bin/rm': { type: 'file', mode: 0o755, content: 'ELF' },
  '/usr/bin/mkdir': { type: 'file', mode: 0o755, content: 'ELF' },
  '/bin': { type: 'symlink', target: 'usr/bin' },
  '/etc': { type: 'dir', mode: 0o755 },
  '/etc/motd': { type: 'file', mode: 0o644, content: 'Welcome!\n' },
  '/etc/os-release': { type: 'file', mode: 0o644, content: 'ID=debian\n' },
  '/tmp': { type: 'dir', mode: 0o1777 },
};
const second: FileTree = {
  '/app': { type: 'dir', mode: 0o755 },
  '/app/index.html': { type: 'file', mode: 0o644, content: '<h1>hi</h1>\n' },
};

function machine(upper: FileTree = {}, volume: FileTree = {}, readonly = false) {
  const fs = new MachineFs({
    root: { lowers: [base, second], upper },
    mounts: [{ target: '/data', stack: { lowers: [], upper: volume }, source: '/', readonly }],
    now: () => 1_750_000_000_000,
  });
  return { fs, bash: new Bash({ fs, cwd: '/' }) };
}

describe('the layered filesystem a container sees', () => {
  it('reads through the image layers and follows the /bin symlink to /usr/bin', async () => {
    const { bash } = machine();
    const result = await bash.exec('cat /etc/motd /app/index.html; ls /bin');
    expect(result.stdout).toBe('Welcome!\n<h1>hi</h1>\ncat\necho\nls\nmkdir\nrm\n');
  });

  it('writes only to the writable layer, copying parent directories up', async () => {
    const upper: FileTree = {};
    const { bash } = machine(upper);
    await bash.exec('echo hi > /tmp/hello.txt');
    expect(Object.keys(upper).sort()).toEqual(['/tmp', '/tmp/hello.txt']);
    expect(base['/tmp/hello.txt']).toBeUndefined();
  });

  it('deleting an image file leaves a whiteout instead of touching the layer', async () => {
    const upper: FileTree = {};
    const { bash } = machine(upper);
    const result = await bash.exec('rm /etc/motd; cat /etc/motd; ls /etc');
    expect(result.stderr).toContain('No such file or directory');
    expect(result.stdout).toBe('os-release\n');
    expect(upper['/etc/motd']).toEqual({ type: 'whiteout' });
    expect(base['/etc/motd']).toBeDefined();
  });

  it('a directory deleted and recreated hides what the image had inside it', async () => {
    const upper: FileTree = {};
    const { bash } = machine(upper);
    const result = await bash.exec('rm -r /app && mkdir /app && echo new > /app/x && ls /app');
    expect(result.stdout).toBe('x\n');
  });

  it('writes under a volume mount go to the volume, not the writable layer', async () => {
    const upper: FileTree = {};
    const volume: FileTree = {};
    const { bash } = machine(upper, volume);
    await bash.exec('echo saved > /data/notes.txt');
    expect(volume['/notes.txt']).toMatchObject({ type: 'file', content: 'saved\n' });
    expect(Object.keys(upper)).toEqual([]);
  });

  it('refuses writes to a read-only mount', async () => {
    const { fs } = machine({}, {}, true);
    const result = await runShell({ fs, line: 'echo x > /data/f', cwd: '/', env: {}, flavour: 'ash', commands: [] });
    expect(result).toMatchObject({ stderr: 'sh: /data/f: Read-only file system\n', exitCode: 1 });
  });

  it('runs only the commands the image ships, with the message of its shell', async () => {
    const { fs } = machine();
    const ash = await runShell({ fs, line: 'grep x /etc/motd', cwd: '/', env: {}, flavour: 'ash', commands: [] });
    expect(ash).toMatchObject({ stderr: 'sh: grep: not found\n', exitCode: 127 });
    const dash = await runShell({ fs, line: 'curl localhost', cwd: '/', env: {}, flavour: 'dash', commands: [] });
    expect(dash.stderr).toBe('sh: 1: curl: not found\n');
  });
});

describe('device files', () => {
  it('swallows what is written to /dev/null, as every Linux machine does', async () => {
    const upper: FileTree = {};
    const { fs } = machine(upper);
    const result = await runShell({ fs, line: 'echo gone > /dev/null; cat /dev/null; ls /nope 2>/dev/null || echo quiet', cwd: '/', env: {}, flavour: 'ash', commands: [] });
    expect(result.stdout).toBe('quiet\n');
    expect(Object.keys(upper)).toEqual([]);
  });
});
