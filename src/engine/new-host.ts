// A fresh simulated host: Ubuntu with Docker 28 installed, the student's home directory,
// the three built-in networks, no images, no containers.
import type { HostState, Network } from './model/host-state';
import type { FileTree } from './model/file-tree';
import { createRng, randomHex } from './util/rng';

/** Registry namespaces must be lower-case `[a-z0-9]` runs joined by `.`, `_`, `-`. */
export function toUserName(raw: string): string {
  const cleaned = raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .replace(/[._-]{2,}/g, '-');
  return (cleaned || 'student').slice(0, 30);
}

function builtinNetwork(name: string, driver: Network['driver'], id: string, now: number, subnet = '', gateway = ''): Network {
  return { id, name, driver, created: now, subnet, gateway, builtin: true, internal: false, labels: {} };
}

export function newHostState(userName: string, now: number, seed: number): HostState {
  const rng = createRng(seed);
  const home = `/home/${userName}`;
  const hostFiles: FileTree = {
    '/home': { type: 'dir', mode: 0o755 },
    [home]: { type: 'dir', mode: 0o750, mtime: now },
    [`${home}/.bashrc`]: {
      type: 'file',
      mode: 0o644,
      content: '# ~/.bashrc: executed by bash for non-login shells.\nexport PS1="\\u@\\h:\\w\\$ "\nalias ll="ls -alF"\n',
      mtime: now,
    },
  };
  const networks: Record<string, Network> = {};
  for (const [name, driver, subnet, gateway] of [
    ['bridge', 'bridge', '172.17.0.0/16', '172.17.0.1'],
    ['host', 'host', '', ''],
    ['none', 'null', '', ''],
  ] as const) {
    const id = randomHex(rng, 64);
    networks[id] = builtinNetwork(name, driver, id, now, subnet, gateway);
  }
  return {
    schema: 1,
    userName,
    createdAt: now,
    rng: Math.floor(rng.next() * 0x100000000),
    images: {},
    tags: {},
    containers: {},
    volumes: {},
    networks,
    hostFiles,
    buildCache: [],
    hostShell: { containerId: null, mode: 'host', program: 'bash', cwd: home, env: {}, user: userName },
    session: null,
    nextPid: 2401,
  };
}
