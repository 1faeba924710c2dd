// Helpers and base OS file trees for the catalogue generator.
export const ELF = '\u007fELF (binary)\n';
export const bytes = (s) => Buffer.byteLength(s, 'utf8');

export const dir = (mode) => (mode === undefined ? { dir: true } : { dir: true, mode });
export const link = (target) => ({ symlink: target });
export const bin = (size) => ({ content: ELF, mode: 0o755, size });
export const script = (content) => ({ content, mode: 0o755 });
export const lines = (...l) => l.join('\n') + '\n';

/** Adds `names` under `prefix` as symlinks to `target`. */
export function applets(files, prefix, names, target) {
  for (const name of names) files[`${prefix}/${name}`] = link(target);
}

// ---------------------------------------------------------------- Debian / Ubuntu

export const COREUTILS = `[ arch b2sum base32 base64 basename basenc cat chcon chgrp chmod chown cksum comm cp csplit cut date dd df dir dircolors dirname du echo env expand expr factor false fmt fold groups head hostid id install join link ln logname ls md5sum mkdir mkfifo mknod mktemp mv nice nl nohup nproc numfmt od paste pathchk pinky pr printenv printf ptx pwd readlink realpath rm rmdir runcon seq sha1sum sha224sum sha256sum sha384sum sha512sum shred shuf sleep sort split stat stdbuf stty sum sync tac tail tee test timeout touch tr true truncate tsort tty uname unexpand uniq unlink users vdir wc who whoami yes`.split(' ');

const DEBIAN_USR_BIN = `bash dash grep egrep fgrep rgrep sed mawk find xargs diff diff3 cmp sdiff gzip gunzip zcat zcmp zdiff zegrep zfgrep zforce zgrep zless zmore znew uncompress tar hostname dnsdomainname domainname ypdomainname nisdomainname which tempfile run-parts ischroot savelog clear tput reset infocmp tabs tic toe tset captoinfo infotocap apt apt-cache apt-cdrom apt-config apt-get apt-key apt-mark dpkg dpkg-deb dpkg-divert dpkg-maintscript-helper dpkg-query dpkg-realpath dpkg-split dpkg-statoverride dpkg-trigger update-alternatives perl perl5.36.0 debconf debconf-apt-progress debconf-communicate debconf-copydb debconf-escape debconf-set-selections debconf-show login su newgrp sg passwd chfn chsh chage expiry gpasswd getent ldd locale localedef iconv getconf catchsegv mount umount findmnt lsblk more mesg wall logger mcookie namei setsid setterm wdctl lscpu lsipc lslocks lslogins lsmem lsns flock fallocate ionice ipcmk ipcrm ipcs choom chmem chrt hardlink last lastb renice rev script scriptlive scriptreplay taskset utmpdump whereis`.split(' ');

const DEBIAN_USR_SBIN = `groupadd groupdel groupmod useradd userdel usermod chpasswd chgpasswd newusers pwck grpck grpconv grpunconv pwconv pwunconv vipw vigr cpgr cppw nologin ldconfig start-stop-daemon pam-auth-update pam_getenv pam_timestamp_check unix_chkpwd unix_update chroot runuser agetty blkdiscard blkid blkzone blockdev ctrlaltdel findfs fsck fsck.minix fsfreeze fstrim getty hwclock isosize mkfs mkfs.bfs mkfs.minix mkswap pivot_root readprofile rtcwake sulogin swaplabel swapoff swapon switch_root wipefs zramctl add-shell remove-shell update-shells installkernel rmt rmt-tar tarcat dpkg-fsys-usrunmess dpkg-preconfigure dpkg-reconfigure invoke-rc.d update-rc.d service policy-rc.d killall5 e2fsck mke2fs tune2fs`.split(' ').filter((n) => n !== 'policy-rc.d');

export const DEBIAN_PASSWD = lines(
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
  'sys:x:3:3:sys:/dev:/usr/sbin/nologin',
  'sync:x:4:65534:sync:/bin:/bin/sync',
  'games:x:5:60:games:/usr/games:/usr/sbin/nologin',
  'man:x:6:12:man:/var/cache/man:/usr/sbin/nologin',
  'lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin',
  'mail:x:8:8:mail:/var/mail:/usr/sbin/nologin',
  'news:x:9:9:news:/var/spool/news:/usr/sbin/nologin',
  'uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin',
  'proxy:x:13:13:proxy:/bin:/usr/sbin/nologin',
  'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
  'backup:x:34:34:backup:/var/backups:/usr/sbin/nologin',
  'list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin',
  'irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin',
  '_apt:x:42:65534::/nonexistent:/usr/sbin/nologin',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
);

export const DEBIAN_GROUP = lines(
  'root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'lp:x:7:',
  'mail:x:8:', 'news:x:9:', 'uucp:x:10:', 'man:x:12:', 'proxy:x:13:', 'kmem:x:15:', 'dialout:x:20:',
  'fax:x:21:', 'voice:x:22:', 'cdrom:x:24:', 'floppy:x:25:', 'tape:x:26:', 'sudo:x:27:', 'audio:x:29:',
  'dip:x:30:', 'www-data:x:33:', 'backup:x:34:', 'operator:x:37:', 'list:x:38:', 'irc:x:39:', 'src:x:40:',
  'shadow:x:42:', 'utmp:x:43:', 'video:x:44:', 'sasl:x:45:', 'plugdev:x:46:', 'staff:x:50:', 'games:x:60:',
  'users:x:100:', 'nogroup:x:65534:',
);

/** Replaces the last line of a passwd/group file set: appends an account (useradd copies the file up). */
export const withLines = (text, ...extra) => text + lines(...extra);

const ROOT_BASHRC = lines(
  '# ~/.bashrc: read by interactive bash shells that are not login shells.',
  '',
  '# /etc/profile already sets PS1 and umask; set them here only to change them for root.',
  "# PS1='${debian_chroot:+($debian_chroot)}\\h:\\w\\$ '",
  '# umask 022',
  '',
  '# Uncomment to get colours and a few short listing aliases:',
  "# export LS_OPTIONS='--color=auto'",
  '# eval "$(dircolors)"',
  "# alias ls='ls $LS_OPTIONS'",
  "# alias ll='ls $LS_OPTIONS -l'",
  "# alias l='ls $LS_OPTIONS -lA'",
);

const ROOT_PROFILE = lines(
  '# ~/.profile: read by login shells.',
  '',
  'if [ "$BASH" ]; then',
  '  if [ -f ~/.bashrc ]; then',
  '    . ~/.bashrc',
  '  fi',
  'fi',
  '',
  'mesg n 2> /dev/null || true',
);

const DEBIAN_PROFILE = lines(
  '# /etc/profile: system-wide settings for login shells (bash, dash, ...).',
  '',
  'if [ "$(id -u)" -eq 0 ]; then',
  '  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
  'else',
  '  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"',
  'fi',
  'export PATH',
  '',
  'if [ "${PS1-}" ]; then',
  '  if [ "${BASH-}" ] && [ "$BASH" != "/bin/sh" ]; then',
  '    if [ -f /etc/bash.bashrc ]; then',
  '      . /etc/bash.bashrc',
  '    fi',
  '  else',
  '    if [ "$(id -u)" -eq 0 ]; then',
  "      PS1='# '",
  '    else',
  "      PS1='$ '",
  '    fi',
  '  fi',
  'fi',
  '',
  'if [ -d /etc/profile.d ]; then',
  '  for i in /etc/profile.d/*.sh; do',
  '    if [ -r $i ]; then',
  '      . $i',
  '    fi',
  '  done',
  '  unset i',
  'fi',
);

const BASH_BASHRC = lines(
  '# System-wide .bashrc for interactive bash shells.',
  '',
  '# Nothing to do when not running interactively.',
  '[ -z "${PS1-}" ] && return',
  '',
  '# Keep LINES and COLUMNS up to date after each command.',
  'shopt -s checkwinsize',
  '',
  "PS1='${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '",
);

/** The merged-/usr skeleton Debian, Ubuntu and Oracle Linux share. */
function mergedUsrSkeleton(files) {
  files['/bin'] = link('usr/bin');
  files['/sbin'] = link('usr/sbin');
  files['/lib'] = link('usr/lib');
  files['/lib64'] = link('usr/lib64');
  for (const d of ['/boot', '/home', '/media', '/mnt', '/opt', '/run', '/srv', '/usr/games', '/usr/include', '/usr/src',
    '/usr/local/bin', '/usr/local/etc', '/usr/local/games', '/usr/local/include', '/usr/local/lib', '/usr/local/sbin',
    '/usr/local/share', '/usr/local/src', '/var/backups', '/var/cache', '/var/lib/misc', '/var/local', '/var/log', '/var/mail',
    '/var/opt', '/var/spool', '/etc/profile.d']) files[d] = dir();
  files['/root'] = dir(0o700);
  files['/tmp'] = dir(0o1777);
  files['/var/tmp'] = dir(0o1777);
  files['/var/run'] = link('/run');
  files['/var/lock'] = link('/run/lock');
  files['/run/lock'] = dir(0o1777);
}

export function debianTree({ slim }) {
  const files = {};
  mergedUsrSkeleton(files);
  files['/usr/lib/os-release'] = lines(
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
    'NAME="Debian GNU/Linux"',
    'VERSION_ID="12"',
    'VERSION="12 (bookworm)"',
    'VERSION_CODENAME=bookworm',
    'ID=debian',
    'HOME_URL="https://www.debian.org/"',
    'SUPPORT_URL="https://www.debian.org/support"',
    'BUG_REPORT_URL="https://bugs.debian.org/"',
  );
  files['/etc/os-release'] = link('../usr/lib/os-release');
  files['/etc/debian_version'] = '12.11\n';
  files['/etc/issue'] = 'Debian GNU/Linux 12 \\n \\l\n\n';
  files['/etc/issue.net'] = 'Debian GNU/Linux 12\n';
  files['/etc/apt/sources.list.d/debian.sources'] = lines(
    'Types: deb',
    '# http://snapshot.debian.org/archive/debian/20250610T000000Z',
    'URIs: http://deb.debian.org/debian',
    'Suites: bookworm bookworm-updates',
    'Components: main',
    'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
    '',
    'Types: deb',
    '# http://snapshot.debian.org/archive/debian-security/20250610T000000Z',
    'URIs: http://deb.debian.org/debian-security',
    'Suites: bookworm-security',
    'Components: main',
    'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
  );
  files['/etc/apt/apt.conf.d/docker-clean'] = lines(
    '# Remove downloaded .deb files after installs: images should not carry the package cache.',
    'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
    'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
    'Dir::Cache::pkgcache "";',
    'Dir::Cache::srcpkgcache "";',
  );
  files['/etc/apt/apt.conf.d/docker-no-languages'] = 'Acquire::Languages "none";\n';
  if (slim) {
    files['/etc/dpkg/dpkg.cfg.d/docker'] = lines(
      '# The slim variant drops documentation, manual pages and translations when packages install.',
      'path-exclude /usr/share/doc/*',
      'path-include /usr/share/doc/*/copyright',
      'path-exclude /usr/share/groff/*',
      'path-exclude /usr/share/info/*',
      'path-exclude /usr/share/linda/*',
      'path-exclude /usr/share/lintian/overrides/*',
      'path-exclude /usr/share/locale/*',
      'path-exclude /usr/share/man/*',
    );
  } else {
    files['/usr/share/man/man1/ls.1.gz'] = { content: ELF, size: 3417 };
    files['/usr/share/doc/bash/README.gz'] = { content: ELF, size: 1681 };
    files['/usr/share/locale/pt_BR/LC_MESSAGES/coreutils.mo'] = { content: ELF, size: 348202 };
  }
  files['/etc/passwd'] = DEBIAN_PASSWD;
  files['/etc/group'] = DEBIAN_GROUP;
  files['/etc/shells'] = lines('# /etc/shells: valid login shells', '/bin/sh', '/usr/bin/sh', '/bin/bash', '/usr/bin/bash', '/bin/rbash', '/usr/bin/rbash', '/bin/dash', '/usr/bin/dash');
  files['/etc/profile'] = DEBIAN_PROFILE;
  files['/etc/bash.bashrc'] = BASH_BASHRC;
  files['/etc/skel/.bashrc'] = lines('# ~/.bashrc for new users: add your own aliases and settings here.', "alias ll='ls -l'");
  files['/etc/skel/.profile'] = ROOT_PROFILE;
  files['/etc/skel/.bash_logout'] = lines('# ~/.bash_logout: run when a login shell exits.', '');
  files['/root/.bashrc'] = ROOT_BASHRC;
  files['/root/.profile'] = ROOT_PROFILE;
  files['/etc/alternatives/awk'] = link('/usr/bin/mawk');
  files['/etc/alternatives/nawk'] = link('/usr/bin/mawk');
  files['/etc/alternatives/pager'] = link('/bin/more');
  files['/usr/bin/awk'] = link('/etc/alternatives/awk');
  files['/usr/bin/nawk'] = link('/etc/alternatives/nawk');
  files['/usr/bin/pager'] = link('/etc/alternatives/pager');
  files['/usr/bin/sh'] = link('dash');
  files['/usr/bin/rbash'] = link('bash');
  files['/usr/bin/bash'] = bin(1265648);
  files['/usr/bin/dash'] = bin(125640);
  files['/usr/bin/perl'] = bin(3926216);
  files['/usr/lib/x86_64-linux-gnu/libc.so.6'] = bin(1922136);
  files['/usr/lib/x86_64-linux-gnu/libm.so.6'] = bin(907784);
  files['/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'] = bin(210968);
  files['/usr/lib/x86_64-linux-gnu/libz.so.1'] = link('libz.so.1.2.13');
  files['/usr/lib/x86_64-linux-gnu/libz.so.1.2.13'] = bin(121280);
  files['/usr/lib64/ld-linux-x86-64.so.2'] = link('../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2');
  files['/usr/share/keyrings/debian-archive-keyring.gpg'] = { content: ELF, size: 8700 };
  files['/var/lib/dpkg/status'] = lines('Package: base-files', 'Status: install ok installed', 'Version: 12.4+deb12u11', '');
  files['/var/log/apt/history.log'] = '';
  const executables = [
    ...COREUTILS.map((n) => `/usr/bin/${n}`),
    ...DEBIAN_USR_BIN.filter((n) => !['bash', 'dash', 'perl'].includes(n)).map((n) => `/usr/bin/${n}`),
    ...DEBIAN_USR_SBIN.map((n) => `/usr/sbin/${n}`),
  ];
  return { files, executables };
}

export const UBUNTU_PASSWD = withLines(DEBIAN_PASSWD, 'ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash');
export const UBUNTU_GROUP = withLines(DEBIAN_GROUP.replace('sudo:x:27:\n', 'sudo:x:27:ubuntu\n'), 'ubuntu:x:1000:');

const PROCPS = 'free kill pgrep pidof pidwait pkill pmap ps pwdx skill slabtop snice tload top uptime vmstat w watch'.split(' ');

export function ubuntuTree() {
  const files = {};
  mergedUsrSkeleton(files);
  files['/usr/lib/os-release'] = lines(
    'PRETTY_NAME="Ubuntu 24.04.2 LTS"',
    'NAME="Ubuntu"',
    'VERSION_ID="24.04"',
    'VERSION="24.04.2 LTS (Noble Numbat)"',
    'VERSION_CODENAME=noble',
    'ID=ubuntu',
    'ID_LIKE=debian',
    'HOME_URL="https://www.ubuntu.com/"',
    'SUPPORT_URL="https://help.ubuntu.com/"',
    'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
    'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
    'UBUNTU_CODENAME=noble',
    'LOGO=ubuntu-logo',
  );
  files['/etc/os-release'] = link('../usr/lib/os-release');
  files['/etc/lsb-release'] = lines('DISTRIB_ID=Ubuntu', 'DISTRIB_RELEASE=24.04', 'DISTRIB_CODENAME=noble', 'DISTRIB_DESCRIPTION="Ubuntu 24.04.2 LTS"');
  files['/etc/debian_version'] = 'trixie/sid\n';
  files['/etc/issue'] = 'Ubuntu 24.04.2 LTS \\n \\l\n\n';
  files['/etc/issue.net'] = 'Ubuntu 24.04.2 LTS\n';
  files['/etc/apt/sources.list'] = lines('# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources');
  files['/etc/apt/sources.list.d/ubuntu.sources'] = lines(
    'Types: deb',
    'URIs: http://archive.ubuntu.com/ubuntu/',
    'Suites: noble noble-updates noble-backports',
    'Components: main universe restricted multiverse',
    'Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg',
    '',
    'Types: deb',
    'URIs: http://security.ubuntu.com/ubuntu/',
    'Suites: noble-security',
    'Components: main universe restricted multiverse',
    'Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg',
  );
  files['/etc/apt/apt.conf.d/docker-clean'] = lines(
    '# Remove downloaded .deb files after installs: images should not carry the package cache.',
    'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
    'Dir::Cache::pkgcache "";',
    'Dir::Cache::srcpkgcache "";',
  );
  files['/etc/dpkg/dpkg.cfg.d/excludes'] = lines(
    '# This image is minimized: documentation and manual pages are not installed.',
    '# Run `unminimize` to restore them.',
    'path-exclude=/usr/share/man/*',
    'path-exclude=/usr/share/doc/*',
    'path-include=/usr/share/doc/*/copyright',
    'path-exclude=/usr/share/locale/*/LC_MESSAGES/*.mo',
  );
  files['/etc/passwd'] = UBUNTU_PASSWD;
  files['/etc/group'] = UBUNTU_GROUP;
  files['/home/ubuntu'] = dir(0o750);
  files['/home/ubuntu/.bashrc'] = lines('# ~/.bashrc: settings for interactive bash shells.', "alias ll='ls -alF'", "alias la='ls -A'");
  files['/home/ubuntu/.profile'] = ROOT_PROFILE;
  files['/etc/shells'] = lines('# /etc/shells: valid login shells', '/bin/sh', '/usr/bin/sh', '/bin/bash', '/usr/bin/bash', '/bin/rbash', '/usr/bin/rbash', '/usr/bin/dash');
  files['/etc/profile'] = DEBIAN_PROFILE;
  files['/etc/bash.bashrc'] = BASH_BASHRC;
  files['/etc/skel/.bashrc'] = lines('# ~/.bashrc for new users: add your own aliases and settings here.', "alias ll='ls -alF'");
  files['/etc/skel/.profile'] = ROOT_PROFILE;
  files['/root/.bashrc'] = ROOT_BASHRC;
  files['/root/.profile'] = ROOT_PROFILE;
  files['/etc/alternatives/awk'] = link('/usr/bin/mawk');
  files['/etc/alternatives/nawk'] = link('/usr/bin/mawk');
  files['/usr/bin/awk'] = link('/etc/alternatives/awk');
  files['/usr/bin/nawk'] = link('/etc/alternatives/nawk');
  files['/usr/bin/sh'] = link('dash');
  files['/usr/bin/rbash'] = link('bash');
  files['/usr/bin/bash'] = bin(1446024);
  files['/usr/bin/dash'] = bin(129784);
  files['/usr/bin/perl'] = bin(3980728);
  files['/usr/lib/x86_64-linux-gnu/libc.so.6'] = bin(2125328);
  files['/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'] = bin(236616);
  files['/usr/lib64/ld-linux-x86-64.so.2'] = link('../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2');
  files['/usr/share/keyrings/ubuntu-archive-keyring.gpg'] = { content: ELF, size: 2769 };
  files['/var/lib/dpkg/status'] = lines('Package: base-files', 'Status: install ok installed', 'Version: 13ubuntu10.2', '');
  const executables = [
    ...COREUTILS.map((n) => `/usr/bin/${n}`),
    ...DEBIAN_USR_BIN.filter((n) => !['bash', 'dash', 'perl', 'perl5.36.0', 'catchsegv'].includes(n)).map((n) => `/usr/bin/${n}`),
    '/usr/bin/perl5.38.2',
    ...PROCPS.map((n) => `/usr/bin/${n}`),
    ...DEBIAN_USR_SBIN.map((n) => `/usr/sbin/${n}`),
    '/usr/sbin/sysctl',
  ];
  return { files, executables };
}

// ---------------------------------------------------------------- Alpine and BusyBox

export const ALPINE_BIN = `arch ash base64 bbconfig cat chattr chgrp chmod chown cp date dd df dmesg dnsdomainname dumpkmap echo egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice iostat ipcalc kbd_mode kill link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod mktemp more mount mountpoint mpstat mv netstat nice pidof ping ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv setserial sh sleep stat stty su sync tar touch true umount uname usleep watch zcat`.split(' ');
export const ALPINE_USR_BIN = `[ [[ awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm cpio crontab cryptpw cut dc deallocvt diff dirname dos2unix du dumpleases eject env expand expr factor fallocate find flock fold free fuser groups hd head hexdump hostid id install ipcrm ipcs killall last less logger lsof lsusb lzcat lzma md5sum mesg microcom mkfifo mkpasswd nc nl nmeter nohup nproc nsenter nslookup od openvt paste patch pgrep pkill pmap printf pscan pstree pwdx readlink realpath renice reset resize seq setkeycodes setsid sha1sum sha256sum sha3sum sha512sum showkey shred shuf sort split strings sum tac tail tee test time timeout top tr traceroute traceroute6 truncate tty ttysize udhcpc6 unexpand uniq unix2dos unlink unlzma unlzop unshare unxz unzip uptime uudecode uuencode vi vlock volname wc wget which whoami whois xargs xxd xzcat yes`.split(' ');
export const ALPINE_SBIN = `acpid adjtimex arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt hwclock ifconfig ifdown ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh iproute iprule iptunnel klogd loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap modinfo modprobe nameif nologin pivot_root poweroff raidautorun reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc vconfig watchdog`.split(' ');
export const ALPINE_USR_SBIN = `addgroup adduser arping brctl chpasswd chroot crond delgroup deluser ether-wake fbset killall5 loadfont nanddump nandwrite nbd-client ntpd partprobe rdate readahead remove-shell rfkill sendmail setfont setlogcons`.split(' ');

export const ALPINE_PASSWD = lines(
  'root:x:0:0:root:/root:/bin/sh',
  'bin:x:1:1:bin:/bin:/sbin/nologin',
  'daemon:x:2:2:daemon:/sbin:/sbin/nologin',
  'lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin',
  'sync:x:5:0:sync:/sbin:/bin/sync',
  'shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown',
  'halt:x:7:0:halt:/sbin:/sbin/halt',
  'mail:x:8:12:mail:/var/mail:/sbin/nologin',
  'news:x:9:13:news:/usr/lib/news:/sbin/nologin',
  'uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin',
  'cron:x:16:16:cron:/var/spool/cron:/sbin/nologin',
  'ftp:x:21:21::/var/lib/ftp:/sbin/nologin',
  'sshd:x:22:22:sshd:/dev/null:/sbin/nologin',
  'games:x:35:35:games:/usr/games:/sbin/nologin',
  'ntp:x:123:123:NTP:/var/empty:/sbin/nologin',
  'guest:x:405:100:guest:/dev/null:/sbin/nologin',
  'nobody:x:65534:65534:nobody:/:/sbin/nologin',
);

export const ALPINE_GROUP = lines(
  'root:x:0:root', 'bin:x:1:root,bin,daemon', 'daemon:x:2:root,bin,daemon', 'sys:x:3:root,bin', 'adm:x:4:root,daemon',
  'tty:x:5:', 'disk:x:6:root', 'lp:x:7:lp', 'kmem:x:9:', 'wheel:x:10:root', 'floppy:x:11:root', 'mail:x:12:mail',
  'news:x:13:news', 'uucp:x:14:uucp', 'cron:x:16:cron', 'console:x:17:', 'audio:x:18:', 'cdrom:x:19:',
  'dialout:x:20:root', 'ftp:x:21:', 'sshd:x:22:', 'input:x:23:', 'tape:x:26:root', 'video:x:27:root', 'netdev:x:28:',
  'kvm:x:34:kvm', 'games:x:35:', 'shadow:x:42:', 'www-data:x:82:', 'users:x:100:games', 'ntp:x:123:', 'abuild:x:300:',
  'utmp:x:406:', 'ping:x:999:', 'nogroup:x:65533:', 'nobody:x:65534:',
);

export function alpineTree() {
  const files = {};
  for (const d of ['/dev', '/home', '/media/cdrom', '/media/floppy', '/media/usb', '/mnt', '/opt', '/proc', '/run', '/srv', '/sys',
    '/usr/local/bin', '/usr/local/lib', '/usr/local/share', '/var/cache/apk', '/var/empty', '/var/lib/misc', '/var/lock/subsys',
    '/var/log', '/var/mail', '/var/opt', '/var/spool/cron', '/etc/profile.d', '/etc/apk/protected_paths.d', '/lib/apk/exec']) files[d] = dir();
  delete files['/proc'];
  delete files['/sys'];
  delete files['/dev'];
  files['/root'] = dir(0o700);
  files['/tmp'] = dir(0o1777);
  files['/var/tmp'] = dir(0o1777);
  files['/var/run'] = link('/run');
  files['/usr/lib/os-release'] = lines(
    'NAME="Alpine Linux"',
    'ID=alpine',
    'VERSION_ID=3.22.0',
    'PRETTY_NAME="Alpine Linux v3.22"',
    'HOME_URL="https://alpinelinux.org/"',
    'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"',
  );
  files['/etc/os-release'] = link('../usr/lib/os-release');
  files['/etc/alpine-release'] = '3.22.0\n';
  files['/etc/issue'] = 'Welcome to Alpine Linux 3.22\nKernel \\r on \\m (\\l)\n\n';
  files['/etc/motd'] = lines(
    'Welcome to Alpine!',
    '',
    'The Alpine Wiki contains a large amount of how-to guides and general',
    'information about administrating Alpine systems.',
    'See <https://wiki.alpinelinux.org/>.',
    '',
    'You can setup the system with the command: setup-alpine',
    '',
    'You may change this message by editing /etc/motd.',
    '',
  );
  files['/etc/apk/repositories'] = lines('https://dl-cdn.alpinelinux.org/alpine/v3.22/main', 'https://dl-cdn.alpinelinux.org/alpine/v3.22/community');
  files['/etc/apk/world'] = lines('alpine-baselayout', 'alpine-keys', 'alpine-release', 'apk-tools', 'busybox', 'libc-utils');
  files['/etc/apk/arch'] = 'x86_64\n';
  files['/etc/passwd'] = ALPINE_PASSWD;
  files['/etc/group'] = ALPINE_GROUP;
  files['/etc/shells'] = lines('# valid login shells', '/bin/sh', '/bin/ash');
  files['/etc/hostname'] = 'localhost\n';
  files['/etc/profile'] = lines(
    '# /etc/profile: login shell settings.',
    'export CHARSET=UTF-8',
    'export LANG=C.UTF-8',
    'export LC_COLLATE=C',
    'export PAGER=less',
    'umask 022',
    '',
    'for script in /etc/profile.d/*.sh ; do',
    '\tif [ -r "$script" ] ; then',
    '\t\t. "$script"',
    '\tfi',
    'done',
    'unset script',
  );
  files['/etc/profile.d/color_prompt.sh.disabled'] = lines('# Rename to color_prompt.sh to get a coloured prompt.', "PS1='\\033[1;36m\\h \\033[1;34m\\w \\033[0m\\$ '");
  files['/etc/profile.d/locale.sh'] = lines('CHARSET=UTF-8', 'LANG=C.UTF-8', 'LC_COLLATE=C');
  files['/bin/busybox'] = bin(808712);
  applets(files, '/bin', ALPINE_BIN, '/bin/busybox');
  applets(files, '/usr/bin', ALPINE_USR_BIN, '/bin/busybox');
  applets(files, '/sbin', ALPINE_SBIN, '/bin/busybox');
  applets(files, '/usr/sbin', ALPINE_USR_SBIN, '/bin/busybox');
  files['/sbin/apk'] = bin(71584);
  files['/sbin/ldconfig'] = script(lines('#!/bin/sh', '# musl has no ld.so.cache: there is nothing to rebuild.', 'exit 0'));
  files['/lib/ld-musl-x86_64.so.1'] = bin(666128);
  files['/lib/libc.musl-x86_64.so.1'] = link('ld-musl-x86_64.so.1');
  files['/lib/libapk.so.2.14.0'] = bin(223968);
  files['/lib/libz.so.1'] = link('libz.so.1.3.1');
  files['/lib/libz.so.1.3.1'] = bin(100216);
  files['/usr/lib/libcrypto.so.3'] = bin(4690088);
  files['/usr/lib/libssl.so.3'] = bin(696688);
  files['/usr/bin/getconf'] = bin(34040);
  files['/usr/bin/getent'] = bin(47576);
  files['/usr/bin/iconv'] = bin(23768);
  files['/usr/bin/ldd'] = link('/lib/ld-musl-x86_64.so.1');
  files['/usr/bin/ssl_client'] = bin(14248);
  files['/usr/bin/scanelf'] = bin(75264);
  files['/etc/ssl/certs/ca-certificates.crt'] = { content: '-----BEGIN CERTIFICATE-----\n(Mozilla CA bundle, 146 certificates)\n-----END CERTIFICATE-----\n', size: 216986 };
  files['/lib/apk/db/installed'] = lines('C:Q1stand-in', 'P:busybox', 'V:1.37.0-r18', 'A:x86_64', '');
  return { files, executables: [] };
}

/** BusyBox's own image: one static binary, every applet in /bin (hard links there; symlinks here). */
export function busyboxTree() {
  const files = {};
  for (const d of ['/home', '/usr/sbin', '/var/spool/mail', '/var/www', '/etc/network/if-down.d', '/etc/network/if-post-down.d', '/etc/network/if-pre-up.d', '/etc/network/if-up.d']) files[d] = dir();
  files['/root'] = dir(0o700);
  files['/tmp'] = dir(0o1777);
  files['/bin/busybox'] = bin(1131168);
  const names = [...new Set([...ALPINE_BIN, ...ALPINE_USR_BIN, ...ALPINE_SBIN, ...ALPINE_USR_SBIN])]
    .filter((n) => !['bbconfig', 'setpriv', 'lzop', 'unlzop', 'cryptpw', 'mkpasswd'].includes(n));
  applets(files, '/bin', names, 'busybox');
  files['/etc/passwd'] = lines(
    'root:x:0:0:root:/root:/bin/sh',
    'daemon:x:1:1:daemon:/usr/sbin:/bin/false',
    'bin:x:2:2:bin:/bin:/bin/false',
    'sys:x:3:3:sys:/dev:/bin/false',
    'sync:x:4:100:sync:/bin:/bin/sync',
    'mail:x:8:8:mail:/var/spool/mail:/bin/false',
    'www-data:x:33:33:www-data:/var/www:/bin/false',
    'operator:x:37:37:Operator:/var:/bin/false',
    'nobody:x:65534:65534:nobody:/home:/bin/false',
  );
  files['/etc/group'] = lines(
    'root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'lp:x:7:', 'mail:x:8:',
    'kmem:x:9:', 'wheel:x:10:root', 'cdrom:x:11:', 'dialout:x:18:', 'floppy:x:19:', 'video:x:28:', 'audio:x:29:',
    'tape:x:32:', 'www-data:x:33:', 'operator:x:37:', 'utmp:x:43:', 'plugdev:x:46:', 'staff:x:50:', 'lock:x:54:',
    'netdev:x:82:', 'users:x:100:', 'nobody:x:65534:',
  );
  files['/etc/shadow'] = { content: lines('root:*::::::', 'daemon:*:::::::', 'bin:*:::::::', 'sys:*:::::::', 'sync:*:::::::', 'mail:*:::::::', 'www-data:*:::::::', 'operator:*:::::::', 'nobody:*:::::::'), mode: 0o600 };
  files['/etc/nsswitch.conf'] = lines('hosts:\t\tfiles dns', 'networks:\tfiles');
  files['/etc/localtime'] = { content: 'TZif2 (UTC)\n', size: 114 };
  files['/lib/ld-linux-x86-64.so.2'] = bin(236616);
  files['/lib/libc.so.6'] = bin(2125328);
  files['/lib/libm.so.6'] = bin(952616);
  files['/lib/libresolv.so.2'] = bin(68104);
  files['/lib/libnss_files.so.2'] = bin(14408);
  files['/lib/libnss_dns.so.2'] = bin(14408);
  files['/lib64'] = link('lib');
  return { files, executables: [] };
}

// ---------------------------------------------------------------- Oracle Linux 9 slim

export const OL_PASSWD = lines(
  'root:x:0:0:root:/root:/bin/bash',
  'bin:x:1:1:bin:/bin:/sbin/nologin',
  'daemon:x:2:2:daemon:/sbin:/sbin/nologin',
  'adm:x:3:4:adm:/var/adm:/sbin/nologin',
  'lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin',
  'sync:x:5:0:sync:/sbin:/bin/sync',
  'shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown',
  'halt:x:7:0:halt:/sbin:/sbin/halt',
  'mail:x:8:12:mail:/var/spool/mail:/sbin/nologin',
  'operator:x:11:0:operator:/root:/sbin/nologin',
  'games:x:12:100:games:/usr/games:/sbin/nologin',
  'ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin',
  'nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin',
);
export const OL_GROUP = lines(
  'root:x:0:', 'bin:x:1:', 'daemon:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'lp:x:7:', 'mem:x:8:',
  'kmem:x:9:', 'wheel:x:10:', 'cdrom:x:11:', 'mail:x:12:', 'man:x:15:', 'dialout:x:18:', 'floppy:x:19:', 'games:x:20:',
  'tape:x:33:', 'video:x:39:', 'ftp:x:50:', 'lock:x:54:', 'audio:x:63:', 'users:x:100:', 'nobody:x:65534:',
);

export function oracleLinuxTree() {
  const files = {};
  mergedUsrSkeleton(files);
  files['/usr/lib/os-release'] = lines(
    'NAME="Oracle Linux Server"',
    'VERSION="9.5"',
    'ID="ol"',
    'ID_LIKE="fedora"',
    'VARIANT="Server"',
    'VARIANT_ID="server"',
    'VERSION_ID="9.5"',
    'PLATFORM_ID="platform:el9"',
    'PRETTY_NAME="Oracle Linux Server 9.5"',
    'ANSI_COLOR="0;31"',
    'CPE_NAME="cpe:/o:oracle:linux:9:5:server"',
    'HOME_URL="https://linux.oracle.com/"',
    'BUG_REPORT_URL="https://github.com/oracle/oracle-linux"',
    '',
    'ORACLE_BUGZILLA_PRODUCT="Oracle Linux 9"',
    'ORACLE_BUGZILLA_PRODUCT_VERSION=9.5',
    'ORACLE_SUPPORT_PRODUCT="Oracle Linux"',
    'ORACLE_SUPPORT_PRODUCT_VERSION=9.5',
  );
  files['/etc/os-release'] = link('../usr/lib/os-release');
  files['/etc/oracle-release'] = 'Oracle Linux Server release 9.5\n';
  files['/etc/redhat-release'] = link('oracle-release');
  files['/etc/system-release'] = link('oracle-release');
  files['/etc/passwd'] = OL_PASSWD;
  files['/etc/group'] = OL_GROUP;
  files['/etc/yum.repos.d/oracle-linux-ol9.repo'] = lines(
    '[ol9_baseos_latest]',
    'name=Oracle Linux 9 BaseOS Latest ($basearch)',
    'baseurl=https://yum$ociregion.$ocidomain/repo/OracleLinux/OL9/baseos/latest/$basearch/',
    'gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-oracle',
    'gpgcheck=1',
    'enabled=1',
  );
  files['/etc/pki/rpm-gpg/RPM-GPG-KEY-oracle'] = { content: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n(stand-in)\n-----END PGP PUBLIC KEY BLOCK-----\n', size: 1714 };
  files['/etc/profile'] = lines('# /etc/profile: system-wide environment for login shells.', 'pathmunge () {', '    case ":${PATH}:" in', '        *:"$1":*) ;;', '        *) PATH=$PATH:$1', '    esac', '}', 'export PATH', 'unset -f pathmunge');
  files['/etc/bashrc'] = lines('# /etc/bashrc: system-wide functions and aliases for bash.', '[ "$PS1" = "\\\\s-\\\\v\\\\\\$ " ] && PS1="[\\u@\\h \\W]\\\\$ "');
  files['/root/.bashrc'] = lines('# .bashrc', '', '# Source global definitions', 'if [ -f /etc/bashrc ]; then', '\t. /etc/bashrc', 'fi');
  files['/root/.bash_profile'] = lines('# .bash_profile', '', 'if [ -f ~/.bashrc ]; then', '\t. ~/.bashrc', 'fi');
  files['/usr/bin/sh'] = link('bash');
  files['/usr/bin/bash'] = bin(1389064);
  files['/usr/bin/awk'] = link('gawk');
  files['/usr/bin/gawk'] = bin(722208);
  files['/usr/bin/microdnf'] = bin(97040);
  files['/usr/bin/rpm'] = bin(24152);
  files['/usr/bin/curl'] = bin(270640);
  files['/usr/lib64/libc.so.6'] = bin(2471312);
  files['/usr/lib64/ld-linux-x86-64.so.2'] = bin(874336);
  const ol = ['cat', 'chgrp', 'chmod', 'chown', 'cp', 'cut', 'date', 'dd', 'df', 'dirname', 'basename', 'du', 'echo', 'env', 'expr', 'false', 'head',
    'id', 'ln', 'ls', 'md5sum', 'mkdir', 'mktemp', 'mv', 'nice', 'nohup', 'od', 'printenv', 'printf', 'pwd', 'readlink', 'realpath', 'rm', 'rmdir',
    'seq', 'sha1sum', 'sha256sum', 'sleep', 'sort', 'split', 'stat', 'tac', 'tail', 'tee', 'test', 'timeout', 'touch', 'tr', 'true', 'uname',
    'uniq', 'wc', 'whoami', 'coreutils', 'grep', 'egrep', 'fgrep', 'sed', 'gpg', 'gpgv', 'getent', 'ldd', 'locale', 'mount', 'umount', 'su',
    'login', 'more', 'rpmkeys', 'rpmdb', 'update-alternatives', 'uname', 'base64', 'comm', 'expand', 'fold', 'nl', 'paste', 'unexpand'];
  const executables = [...new Set(ol)].map((n) => `/usr/bin/${n}`)
    .concat(['groupadd', 'useradd', 'usermod', 'userdel', 'groupdel', 'nologin', 'ldconfig', 'chroot', 'runuser'].map((n) => `/usr/sbin/${n}`));
  return { files, executables };
}
