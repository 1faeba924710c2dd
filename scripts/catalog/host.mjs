// The student's own Linux host: an Ubuntu 24.04 desktop/server with Docker 28 installed.
// Unlike the ubuntu image it has the usual admin tools (curl, ping, wget, ip, sudo).
import { DEBIAN_PASSWD, UBUNTU_GROUP, bin, dir, lines, link, ubuntuTree, withLines } from './base.mjs';
import { fileBytes, layer } from './lib.mjs';

export const HOST_LAYER = 'host-ubuntu-24.04';

const tree = ubuntuTree();
const files = {
  ...tree.files,
  // A real install has no `ubuntu` cloud user; the student's account is added by the engine.
  '/etc/passwd': withLines(DEBIAN_PASSWD,
    'systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin',
    'systemd-timesync:x:996:996:systemd Time Synchronization:/:/usr/sbin/nologin',
    'messagebus:x:100:101::/nonexistent:/usr/sbin/nologin',
    'systemd-resolve:x:991:991:systemd Resolver:/:/usr/sbin/nologin',
    'sshd:x:101:65534::/run/sshd:/usr/sbin/nologin'),
  '/etc/group': withLines(UBUNTU_GROUP.replace(/^ubuntu:x:1000:\n/m, '').replace('sudo:x:27:ubuntu\n', 'sudo:x:27:\n'),
    'systemd-journal:x:999:', 'systemd-network:x:998:', 'systemd-timesync:x:996:', 'messagebus:x:101:', 'systemd-resolve:x:991:', 'docker:x:988:'),
  '/etc/hostname': 'baleia\n',
  '/etc/hosts': lines('127.0.0.1 localhost', '127.0.1.1 baleia', '', '::1     ip6-localhost ip6-loopback', 'ff02::1 ip6-allnodes', 'ff02::2 ip6-allrouters'),
  '/etc/sudoers': { content: lines('# Members of the sudo group may run any command as root.', 'Defaults\tenv_reset', 'root\tALL=(ALL:ALL) ALL', '%sudo\tALL=(ALL:ALL) ALL'), mode: 0o440 },
  '/etc/docker': dir(),
  '/var/lib/docker': dir(0o710),
  '/usr/bin/docker': bin(39_632_024),
  '/usr/bin/dockerd': bin(80_412_744),
  '/usr/bin/containerd': bin(40_386_712),
  '/usr/bin/containerd-shim-runc-v2': bin(12_808_344),
  '/usr/bin/runc': bin(11_563_024),
  '/usr/bin/docker-proxy': bin(2_404_504),
  '/usr/libexec/docker/cli-plugins/docker-buildx': bin(76_435_608),
  '/usr/libexec/docker/cli-plugins/docker-compose': bin(72_454_168),
  '/usr/bin/curl': bin(309_752),
  '/usr/bin/wget': bin(567_576),
  '/usr/bin/ping': bin(89_768),
  '/usr/bin/ip': bin(780_304),
  '/usr/bin/ss': bin(178_528),
  '/usr/bin/sudo': { content: '\u007fELF (binary)\n', mode: 0o4755, size: 277_936 },
  '/usr/bin/vi': link('/etc/alternatives/vi'),
  '/etc/alternatives/vi': link('/usr/bin/vim.basic'),
  '/usr/bin/vim': link('/etc/alternatives/vim'),
  '/etc/alternatives/vim': link('/usr/bin/vim.basic'),
  '/usr/bin/python3': link('python3.12'),
};
const executables = [
  ...tree.executables,
  ...['git', 'ssh', 'scp', 'nano', 'less', 'vim.basic', 'python3.12', 'htop', 'tree', 'jq', 'unzip', 'zip', 'xz', 'file', 'lsof', 'traceroute', 'nslookup', 'dig', 'netstat', 'nc', 'systemctl', 'journalctl']
    .map((n) => `/usr/bin/${n}`),
];

// Only what the listed files weigh: nothing shows the host's size, but it must be a number.
const size = Object.values(files).reduce((sum, f) => sum + fileBytes(f), 0);
layer(HOST_LAYER, { files, executables, size, compressed: Math.round(size * 0.38) });
