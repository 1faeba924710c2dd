// Building blocks of the catalogue: layers with their sizes, Dockerfile-like history
// steps in the forms `docker history` shows, and images whose layer sizes add up to the
// SIZE `docker images` prints for the real image.
import { bytes } from './base.mjs';

export const BUILDKIT = 'buildkit.dockerfile.v0';
export const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Layer key -> { files, executables, size?, compressedSize? }; sizes may be filled in later. */
export const layers = {};
/** Image specs in catalogue order, with the size targets used to fill in missing layer sizes. */
export const images = [];

/** Bytes a file occupies in a layer; a symlink counts its target's length, as Docker's diff walk does. */
export function fileBytes(spec) {
  if (typeof spec === 'string') return bytes(spec);
  if ('symlink' in spec) return bytes(spec.symlink);
  if ('dir' in spec || 'whiteout' in spec) return 0;
  return spec.size ?? bytes(spec.content ?? '');
}

/** A tar.gz of a few small files: headers cost more than the text compresses away. */
const smallBlob = (size) => (size === 0 ? 32 : Math.round(size * 0.5) + 200);

/**
 * Registers a layer. `size`: a number of bytes, 'auto' (the sum of its files, for layers of
 * small text files) or omitted (the rest of its image's size, computed by `finishSizes`).
 */
export function layer(key, { files = {}, executables = [], size, compressed, ratio } = {}) {
  if (layers[key]) throw new Error(`layer ${key} defined twice`);
  const spec = { files, executables };
  if (size === 'auto') {
    spec.size = Object.values(files).reduce((sum, f) => sum + fileBytes(f), 0);
    spec.compressedSize = smallBlob(spec.size);
  } else if (size !== undefined) {
    spec.size = size;
    spec.compressedSize = compressed ?? (size < 65536 ? smallBlob(size) : Math.round(size * (ratio ?? 0.37)));
  }
  layers[key] = spec;
  return key;
}

/** Go's %q for a string list, as BuildKit writes CMD/ENTRYPOINT in history. */
const goList = (args) => `[${args.map((a) => JSON.stringify(a)).join(' ')}]`;

// BuildKit history steps. `created` is stamped by `image()` with the image's build time.
export const bk = {
  run: (command, layerKey) => ({ createdBy: `RUN /bin/sh -c ${command} # buildkit`, comment: BUILDKIT, layer: layerKey }),
  copy: (args, layerKey) => ({ createdBy: `COPY ${args} # buildkit`, comment: BUILDKIT, layer: layerKey }),
  add: (args, layerKey) => ({ createdBy: `ADD ${args} # buildkit`, comment: BUILDKIT, layer: layerKey }),
  workdir: (dir, layerKey) => ({ createdBy: `WORKDIR ${dir}`, comment: BUILDKIT, layer: layerKey }),
  env: (name, value) => ({ createdBy: `ENV ${name}=${value}`, comment: BUILDKIT }),
  label: (name, value) => ({ createdBy: `LABEL ${name}=${value}`, comment: BUILDKIT }),
  cmd: (args) => ({ createdBy: `CMD ${goList(args)}`, comment: BUILDKIT }),
  entrypoint: (args) => ({ createdBy: `ENTRYPOINT ${goList(args)}`, comment: BUILDKIT }),
  expose: (ports) => ({ createdBy: `EXPOSE map[${ports.map((p) => `${p}/tcp:{}`).sort().join(' ')}]`, comment: BUILDKIT }),
  volume: (paths) => ({ createdBy: `VOLUME [${paths.join(' ')}]`, comment: BUILDKIT }),
  stopsignal: (signal) => ({ createdBy: `STOPSIGNAL ${signal}`, comment: BUILDKIT }),
};

// The legacy builder's forms, which Ubuntu's and Oracle Linux's base images still carry.
export const legacy = {
  nop: (text) => ({ createdBy: `/bin/sh -c #(nop)  ${text}` }),
  addFile: (hex, layerKey) => ({ createdBy: `/bin/sh -c #(nop) ADD file:${hex} in / `, layer: layerKey }),
};

/** Stamps steps that have no time of their own with `created`. */
export const at = (created, steps) => steps.map((step) => ({ created, ...step }));

/** `ENV` steps and the matching Env entries of the config, in Dockerfile order. */
export function envSteps(pairs) {
  return { steps: pairs.map(([k, v]) => bk.env(k, v)), env: pairs.map(([k, v]) => `${k}=${v}`) };
}

/**
 * Registers an image. `size`/`compressed`: the totals of the real image, in bytes; the one
 * layer of this image without a size gets the remainder.
 */
export function image({ repository, tags, created, config, history, size, compressed }) {
  images.push({ spec: { repository, tags, created, config, history }, size, compressed });
}

const layerKeysOf = (spec) => spec.history.filter((h) => h.layer !== undefined).map((h) => h.layer);

/** Gives each image's remainder layer its size, then checks every layer has one. */
export function finishSizes() {
  for (const { spec, size, compressed } of images) {
    const keys = layerKeysOf(spec);
    const open = [...new Set(keys.filter((k) => layers[k].size === undefined))];
    if (open.length > 1) throw new Error(`${spec.repository}:${spec.tags[0]}: several layers without a size: ${open}`);
    if (open.length === 0) continue;
    if (size === undefined) throw new Error(`${spec.repository}:${spec.tags[0]}: layer ${open[0]} needs an image size`);
    const known = keys.filter((k) => k !== open[0]).reduce((s, k) => s + layers[k].size, 0);
    const rest = layers[open[0]];
    rest.size = size - known;
    if (rest.size <= 0) throw new Error(`${spec.repository}: remainder layer ${open[0]} is ${rest.size} bytes`);
    if (compressed !== undefined) {
      const knownC = keys.filter((k) => k !== open[0]).reduce((s, k) => s + layers[k].compressedSize, 0);
      rest.compressedSize = compressed - knownC;
    } else {
      rest.compressedSize = Math.round(rest.size * 0.37);
    }
  }
  for (const [key, spec] of Object.entries(layers)) {
    if (spec.size === undefined) throw new Error(`layer ${key} has no size`);
  }
}

/** Parents of an absolute path, outermost first: /a/b/c -> /a, /a/b. */
const parentsOf = (path) => path.split('/').slice(1, -1).map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}`);

/**
 * A file a layer adds below a path that a lower layer made a symlink (`/bin` on merged-/usr
 * systems, `/var/run`) would replace that symlink by a directory: always a generator mistake.
 */
export function checkNoDirOverSymlink() {
  for (const { spec } of images) {
    const symlinks = new Set();
    for (const key of layerKeysOf(spec)) {
      const { files, executables } = layers[key];
      for (const path of [...Object.keys(files), ...executables]) {
        for (const parent of parentsOf(path)) {
          if (symlinks.has(parent)) throw new Error(`${spec.repository}: layer ${key} puts ${path} under the symlink ${parent}`);
        }
      }
      for (const [path, f] of Object.entries(files)) {
        if (typeof f === 'object' && 'symlink' in f) symlinks.add(path);
        else symlinks.delete(path);
      }
    }
  }
}

/** Go's %.3g with decimal units, as `docker images` prints SIZE (for the generator's summary). */
export function human(n) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}
