// Image reference grammar of distribution/reference (as vendored by docker/cli 28.2.2): what the
// client accepts as NAME[:TAG][@DIGEST] and the exact words it uses to refuse the rest.

const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainAndPort = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const nameRe = `(?:${domainAndPort}/)?${remoteName}`;
const tagRe = '[\\w][\\w.-]{0,127}';
const digestRe = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referenceRegexp = new RegExp(`^(${nameRe})(?::(${tagRe}))?(?:@(${digestRe}))?$`);
const anchoredIdentifier = /^[a-f0-9]{64}$/;

export interface ImageReference {
  /** Registry host, `docker.io` for Docker Hub. */
  domain: string;
  /** Repository path inside the registry (`library/nginx`). */
  path: string;
  tag?: string;
  digest?: string;
  /** Fully qualified name without tag or digest (`docker.io/library/nginx`). */
  name: string;
  /** The short form Docker prints (`nginx`, `user/app`, `localhost:5000/app`). */
  familiarName: string;
}

export type ReferenceResult = { ok: true; ref: ImageReference } | { ok: false; error: string };

function splitDockerDomain(name: string): [string, string] {
  let domain: string;
  let remainder: string;
  const i = name.indexOf('/');
  const first = i >= 0 ? name.slice(0, i) : '';
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = 'docker.io';
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = 'library/' + remainder;
  return [domain, remainder];
}

function parse(s: string): ReferenceResult {
  const m = referenceRegexp.exec(s);
  if (!m) {
    if (s === '') return { ok: false, error: 'repository name must have at least one component' };
    if (referenceRegexp.test(s.toLowerCase())) return { ok: false, error: 'repository name must be lowercase' };
    return { ok: false, error: 'invalid reference format' };
  }
  const fullName = m[1]!;
  if (fullName.length > 255) return { ok: false, error: 'repository name must not be more than 255 characters' };
  const digest = m[3];
  if (digest !== undefined) {
    const [alg, hex] = digest.split(':') as [string, string];
    const lengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
    const want = lengths[alg];
    if (want === undefined) return { ok: false, error: 'unsupported digest algorithm' };
    if (hex.length !== want) return { ok: false, error: 'invalid checksum digest length' };
    if (!/^[a-f0-9]+$/.test(hex)) return { ok: false, error: 'invalid checksum digest format' };
  }
  const slash = fullName.indexOf('/');
  const domain = fullName.slice(0, slash);
  const path = fullName.slice(slash + 1);
  const ref: ImageReference = { domain, path, name: fullName, familiarName: familiar(domain, path) };
  if (m[2] !== undefined) ref.tag = m[2];
  if (digest !== undefined) ref.digest = digest;
  return { ok: true, ref };
}

function familiar(domain: string, path: string): string {
  if (domain !== 'docker.io') return `${domain}/${path}`;
  return path.startsWith('library/') && !path.slice(8).includes('/') ? path.slice(8) : path;
}

/** reference.ParseNormalizedNamed: `nginx` becomes docker.io/library/nginx. */
export function parseNormalizedNamed(s: string): ReferenceResult {
  if (anchoredIdentifier.test(s)) {
    return { ok: false, error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings` };
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    return { ok: false, error: `invalid reference format: repository name (${remote}) must be lowercase` };
  }
  const r = parse(`${domain}/${remainder}`);
  if (!r.ok) return r;
  return r;
}
