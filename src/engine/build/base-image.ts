// Base images for a build, resolved as BuildKit does in Docker's engine: a tag already in the
// local image store is used as is (unless --pull); otherwise the registry is asked. BuildKit
// keeps what it downloads in its own cache, not in `docker images` (only `docker pull` adds
// an image there).
import { DockerError } from '../errors';
import type { HostContext } from '../host-context';
import type { Image } from '../model/image';
import { findRemoteImage } from '../ops/pull-image';
import type { RegistryImage } from '../registry/catalog';
import { canonicalString, parseImageRef, withDefaultTag, type ImageRef } from '../registry/reference';

export interface ResolvedBase {
  /** `docker.io/library/node:22-alpine`. */
  name: string;
  ref: ImageRef;
  image: Image;
  /** The registry's digest (`FROM ...@sha256:`), absent for a local image. */
  digest?: string;
  remote?: RegistryImage;
  local: boolean;
}

export type BaseLookup = { ok: true; base: ResolvedBase } | { ok: false; reason: string };

/** Resolves a normalized name; `asWritten` is the FROM word, as BuildKit quotes it in errors. */
export function resolveBase(ctx: HostContext, name: string, pull: boolean): BaseLookup {
  const parsed = parseImageRef(name);
  if (!parsed.ok) return { ok: false, reason: parsed.error };
  const ref = withDefaultTag(parsed.ref);
  const canonical = canonicalString(ref);
  if (!pull) {
    const id = ctx.state.tags[canonical];
    const image = id ? ctx.state.images[id] : undefined;
    if (image) return { ok: true, base: { name: canonical, ref, image, local: true } };
  }
  try {
    const { remote } = findRemoteImage(ctx, ref);
    return { ok: true, base: { name: canonical, ref, image: remote.image, digest: remote.digest, remote, local: false } };
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    return { ok: false, reason: metadataError(canonical, error) };
  }
}

/** The tail of BuildKit's `failed to resolve source metadata for ...` error. */
function metadataError(canonical: string, error: DockerError): string {
  if (error.code === 'image.tag-unknown') return `${canonical}: not found`;
  if (error.code === 'registry.unreachable') return `failed to do request: ${error.message.replace(/^Get /, 'Head ')}`;
  return 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
}

/** `[auth] library/node:pull token for registry-1.docker.io`. */
export function authVertexName(base: ResolvedBase): string {
  return `[auth] ${base.ref.path}:pull token for registry-1.docker.io`;
}
