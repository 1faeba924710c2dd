// Image references as distribution/reference parses them: [host[:port]/]path[:tag][@digest].
// `nginx` is `docker.io/library/nginx:latest`; its familiar form drops the registry and library/.

export interface ImageRef {
  /** `docker.io`, `localhost:5000`, ... */
  domain: string;
  /** `library/nginx`, `ana/app`. */
  path: string;
  tag?: string;
  digest?: string;
}

export type ParseRefResult = { ok: true; ref: ImageRef } | { ok: false; error: string };

const DEFAULT_DOMAIN = 'docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const DOMAIN = /^(?:localhost|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::[0-9]+)?$/;

/** Parses what a user typed, normalising as `docker pull` does. */
export function parseImageRef(text: string): ParseRefResult {
  if (text === '') return { ok: false, error: 'invalid reference format' };
  if (/^[a-f0-9]{64}$/.test(text)) {
    return { ok: false, error: `invalid repository name (${text}), cannot specify 64-byte hexadecimal strings` };
  }
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, error: 'invalid reference format' };
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) return { ok: false, error: 'invalid reference format' };
  }
  const slash = rest.indexOf('/');
  let domain = DEFAULT_DOMAIN;
  let path = rest;
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      if (!DOMAIN.test(first)) return { ok: false, error: 'invalid reference format' };
      domain = first === 'index.docker.io' ? DEFAULT_DOMAIN : first;
      path = rest.slice(slash + 1);
    }
  }
  if (path === '' || path.split('/').some((part) => part === '')) return { ok: false, error: 'invalid reference format' };
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) path = `library/${path}`;
  const components = path.split('/');
  if (components.some((part) => !COMPONENT.test(part))) {
    if (components.every((part) => COMPONENT.test(part.toLowerCase()))) {
      return { ok: false, error: `invalid reference format: repository name (${path}) must be lowercase` };
    }
    return { ok: false, error: 'invalid reference format' };
  }
  if (`${domain}/${path}`.length > 255) return { ok: false, error: 'invalid reference format: repository name must not be more than 255 characters' };
  return { ok: true, ref: { domain, path, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) } };
}

/** Adds `latest` when neither tag nor digest was given. */
export function withDefaultTag(ref: ImageRef): ImageRef {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: 'latest' } : ref;
}

/** `docker.io/library/nginx` → `nginx`; `docker.io/ana/app` → `ana/app`. */
export function familiarName(ref: ImageRef): string {
  if (ref.domain !== DEFAULT_DOMAIN) return `${ref.domain}/${ref.path}`;
  return ref.path.startsWith('library/') && ref.path.split('/').length === 2 ? ref.path.slice('library/'.length) : ref.path;
}

/** `nginx:latest`, `ana/app:1.0`, `nginx@sha256:…`. */
export function familiarString(ref: ImageRef): string {
  if (ref.digest) return `${familiarName(ref)}@${ref.digest}`;
  return ref.tag === undefined ? familiarName(ref) : `${familiarName(ref)}:${ref.tag}`;
}

/** `docker.io/library/nginx:latest`: the key tags are stored under. */
export function canonicalString(ref: ImageRef): string {
  const name = `${ref.domain}/${ref.path}`;
  if (ref.digest) return `${name}@${ref.digest}`;
  return ref.tag === undefined ? name : `${name}:${ref.tag}`;
}

/** `docker.io/library/nginx` */
export function repositoryName(ref: ImageRef): string {
  return `${ref.domain}/${ref.path}`;
}

/** Parses a stored canonical key back (always valid). */
export function refFromCanonical(key: string): ImageRef {
  const result = parseImageRef(key);
  if (!result.ok) throw new Error(`bad stored reference ${key}`);
  return result.ref;
}
