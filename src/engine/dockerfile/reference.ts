// Image references in FROM and COPY --from, as distribution/reference's ParseNormalizedNamed
// reads them (`node:22-alpine` -> `docker.io/library/node:22-alpine`), and platforms as
// containerd/platforms parses them (`linux/arm64/v8`, `linux/amd64`).

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^((?:${DOMAIN}/)?${REMOTE_NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME_RE = new RegExp(`^(?:(${DOMAIN})/)?(${REMOTE_NAME})$`);

/** Longer strings cannot be valid references; refusing them early keeps regexes linear. */
const MAX_REFERENCE_LENGTH = 1024;

export interface ImageReference {
  /** `docker.io` */
  domain: string;
  /** `library/node` */
  path: string;
  tag?: string;
  digest?: string;
}

/** distribution/reference.ParseNormalizedNamed; a string is the error text. */
export function parseNormalizedNamed(s: string): ImageReference | string {
  if (/^[a-f0-9]{64}$/.test(s)) {
    return `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`;
  }
  if (s.length > MAX_REFERENCE_LENGTH) return 'invalid reference format';
  let domain: string;
  let remainder: string;
  const slash = s.indexOf('/');
  if (slash < 0) {
    domain = 'docker.io';
    remainder = 'library/' + s;
  } else {
    const maybeDomain = s.slice(0, slash);
    const maybeRemote = s.slice(slash + 1);
    if (maybeDomain === 'localhost') [domain, remainder] = [maybeDomain, maybeRemote];
    else if (maybeDomain === 'index.docker.io') [domain, remainder] = ['docker.io', maybeRemote];
    else if (/[.:]/.test(maybeDomain)) [domain, remainder] = [maybeDomain, maybeRemote];
    else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remainder] = [maybeDomain, maybeRemote];
    else [domain, remainder] = ['docker.io', s];
    if (domain === 'docker.io' && !remainder.includes('/')) remainder = 'library/' + remainder;
  }
  const colon = remainder.indexOf(':');
  const remote = colon > -1 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) {
    return `invalid reference format: repository name (${remote}) must be lowercase`;
  }
  const full = `${domain}/${remainder}`;
  const m = REFERENCE_RE.exec(full);
  if (!m) {
    if (full === '') return 'repository name must have at least one component';
    if (REFERENCE_RE.test(full.toLowerCase())) return 'invalid reference format: repository name must be lowercase';
    return 'invalid reference format';
  }
  const nm = ANCHORED_NAME_RE.exec(m[1] as string);
  const ref: ImageReference = { domain: nm?.[1] ?? '', path: nm?.[2] ?? (m[1] as string) };
  if (ref.path.length > 255) return 'repository name must not be more than 255 characters';
  if (m[2]) ref.tag = m[2];
  if (m[3]) ref.digest = m[3];
  return ref;
}

/** reference.TagNameOnly(ref).String(): `docker.io/library/node:22-alpine`. */
export function formatTagNameOnly(ref: ImageReference): string {
  const name = `${ref.domain}/${ref.path}`;
  if (ref.digest) return ref.tag ? `${name}:${ref.tag}@${ref.digest}` : `${name}@${ref.digest}`;
  return `${name}:${ref.tag ?? 'latest'}`;
}

// Platforms -------------------------------------------------------------------------------

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
}

/** The simulated host: every Baleia build targets linux/amd64. */
export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

const KNOWN_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd',
  'openbsd', 'plan9', 'solaris', 'windows', 'zos',
]);
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle',
  'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64',
  'wasm',
]);

function normalizeArch(arch: string, variant: string): [string, string] {
  arch = arch.toLowerCase();
  variant = variant.toLowerCase();
  switch (arch) {
    case 'i386':
      return ['386', ''];
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', variant === 'v1' ? '' : variant];
    case 'aarch64':
    case 'arm64':
      if (['8', 'v8', 'v8.0'].includes(variant)) variant = '';
      else if (['9', '9.0', 'v9.0'].includes(variant)) variant = 'v9';
      return ['arm64', variant];
    case 'armhf':
      return ['arm', 'v7'];
    case 'armel':
      return ['arm', 'v6'];
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (['5', '6', '8'].includes(variant)) variant = 'v' + variant;
      return ['arm', variant];
  }
  return [arch, variant];
}

const SPECIFIER_RE = /^[A-Za-z0-9_.-]+$/;
const OS_VERSION_RE = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$/;

/** containerd/platforms.Parse on the simulated linux/amd64 host; a string is the error text. */
export function parsePlatform(specifier: string): Platform | string {
  const invalid = 'invalid argument';
  if (specifier.includes('*')) return `"${specifier}": wildcards not yet supported: ${invalid}`;
  const parts = specifier.split('/');
  if (parts.length > 4) parts.splice(3, parts.length - 3, parts.slice(3).join('/'));
  const p: Platform = { os: '', architecture: '' };
  for (const [i, part] of parts.entries()) {
    if (i === 0) {
      const m = OS_VERSION_RE.exec(part);
      if (!m) {
        return `"${part}" is an invalid OS component of "${specifier}": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.-]*)\\))?$": ${invalid}`;
      }
      p.os = (m[1] as string).toLowerCase() === 'macos' ? 'darwin' : (m[1] as string).toLowerCase();
      if (m[2]) p.osVersion = m[2];
    } else if (!SPECIFIER_RE.test(part)) {
      return `"${part}" is an invalid component of "${specifier}": platform specifier component must match "^[A-Za-z0-9_.-]+$": ${invalid}`;
    }
  }
  if (parts.length === 1) {
    if (KNOWN_OS.has(p.os)) return { ...p, architecture: DEFAULT_PLATFORM.architecture };
    const [arch, variant] = normalizeArch(parts[0] as string, '');
    if (KNOWN_ARCH.has(arch)) {
      const out: Platform = { os: DEFAULT_PLATFORM.os, architecture: arch };
      if (variant && !(arch === 'arm' && variant === 'v7')) out.variant = variant;
      return out;
    }
    return `"${specifier}": unknown operating system or architecture: ${invalid}`;
  }
  if (parts.length === 2) {
    const [arch, variant] = normalizeArch(parts[1] as string, '');
    p.architecture = arch;
    if (variant && !(arch === 'arm' && variant === 'v7')) p.variant = variant;
    return p;
  }
  if (parts.length === 3) {
    const [arch, variant] = normalizeArch(parts[1] as string, parts[2] as string);
    p.architecture = arch;
    const v = arch === 'arm64' && variant === '' ? 'v8' : variant;
    if (v) p.variant = v;
    return p;
  }
  return `"${specifier}": cannot parse platform specifier: ${invalid}`;
}

/** platforms.FormatAll: `linux/arm64/v8`. */
export function formatPlatform(p: Platform): string {
  if (p.os === '') return 'unknown';
  const os = p.osVersion ? `${p.os}(${p.osVersion})` : p.os;
  return [os, p.architecture, p.variant].filter((x) => x).join('/');
}
