// The package catalogues (data/packages/*.json) as zod schemas: what apt-get, apk, pip and
// npm can install inside a simulated container, with real names, versions, sizes and
// dependencies. Sizes are the registries' numbers, rounded; a catalogue is checked once,
// when the tools load it, and a test proves every dependency resolves.
import { z } from 'zod';

const Name = z.string().regex(/^[A-Za-z0-9@][A-Za-z0-9@._+\/-]*$/);
const AbsolutePath = z.string().regex(/^\/[^\0]*[^/]$/);
const Bytes = z.number().int().nonnegative();
/** Extra files a package installs, by absolute path, with their real sizes. */
const FileSizes = z.record(AbsolutePath, Bytes);

// ---- Debian and Ubuntu (apt-get, apt, dpkg) ------------------------------------------------

export const DebPackageSchema = z.object({
  name: Name,
  version: z.string().min(1),
  arch: z.enum(['amd64', 'all']),
  /** `same` makes dpkg print the package as `name:amd64`. */
  multiArch: z.enum(['same', 'foreign', 'allowed']).optional(),
  section: z.string().default('misc'),
  priority: z.string().default('optional'),
  description: z.string().min(1),
  /** Installed-Size as dpkg records it, in KiB. */
  installedKiB: z.number().int().positive(),
  /** Size of the .deb apt downloads, in bytes. */
  download: Bytes,
  depends: z.array(Name).default([]),
  recommends: z.array(Name).default([]),
  suggests: z.array(z.string()).default([]),
  /** Security updates come from the security archive, not the main mirror. */
  pocket: z.enum(['release', 'updates', 'security']).default('release'),
  /** Executables, by absolute path; the first ones take most of the installed size. */
  bin: z.array(AbsolutePath).default([]),
  /** Shared libraries, by absolute path. */
  libs: z.array(AbsolutePath).default([]),
  files: FileSizes.default({}),
  /** Symlinks it installs: path → target, as `ln -s target path` would make them. */
  links: z.record(AbsolutePath, z.string().min(1)).default({}),
  /** Lines the maintainer script prints after `Setting up ...`. */
  setup: z.array(z.string()).default([]),
  /** Lines printed when the package's own trigger runs at the end of the dpkg run. */
  trigger: z.array(z.string()).default([]),
  essential: z.boolean().default(false),
  /** Where the entry simplifies the real package (folded dependencies, omitted recommends). */
  note: z.string().optional(),
}).strict();

const AptSourceSchema = z.object({
  /** As `Get:` prints it: `http://deb.debian.org/debian bookworm InRelease`. */
  description: z.string().min(1),
  /** Bytes the line shows in brackets. */
  size: Bytes,
  /** Where apt keeps it under /var/lib/apt/lists, and how big it is there (lz4-compressed lists). */
  list: z.string().regex(/^[^/]+$/),
  listSize: Bytes,
}).strict();

export const AptSuiteSchema = z.object({
  /** `ID` in /etc/os-release: debian or ubuntu. */
  distro: z.enum(['debian', 'ubuntu']),
  codename: z.string().min(1),
  /** The `apt` version this release ships. */
  aptVersion: z.string().min(1),
  /** URI + suite per pocket, as `Get:` lines show them (`http://deb.debian.org/debian bookworm`). */
  pockets: z.object({ release: z.string(), updates: z.string(), security: z.string() }).strict(),
  /** What `apt-get update` fetches, in the order it prints. */
  sources: z.array(AptSourceSchema).min(1),
  /** Files and directories dpkg counts in a fresh image (`(Reading database ... N files ...)`). */
  databaseEntries: z.number().int().positive(),
  /** Packages the image already has, with their versions. */
  base: z.record(Name, z.string()),
  /** Shared-library trigger: `Processing triggers for libc-bin (2.36-9+deb12u10) ...`. */
  libcBin: z.string(),
  packages: z.array(DebPackageSchema).min(1),
}).strict();

export const DebianCatalogSchema = z.object({
  suites: z.record(z.string(), AptSuiteSchema),
}).strict();

// ---- Alpine (apk) ---------------------------------------------------------------------------

export const ApkPackageSchema = z.object({
  name: Name,
  version: z.string().regex(/-r\d+$/),
  description: z.string().min(1),
  /** Installed size in bytes (`I:` in the installed database). */
  size: Bytes,
  /** Size of the .apk file in bytes (`S:`). */
  download: Bytes,
  depends: z.array(Name).default([]),
  repo: z.enum(['main', 'community']).default('main'),
  bin: z.array(AbsolutePath).default([]),
  libs: z.array(AbsolutePath).default([]),
  files: FileSizes.default({}),
  links: z.record(AbsolutePath, z.string().min(1)).default({}),
  /** Has a trigger that runs after the transaction (`Executing ca-certificates-20250619-r0.trigger`). */
  trigger: z.boolean().default(false),
  /** Has a post-install script (`Executing bash-5.2.37-r0.post-install`). */
  postInstall: z.boolean().default(false),
}).strict();

const ApkIndexSchema = z.object({
  repo: z.enum(['main', 'community']),
  /** `v3.22.0-123-g...` as `apk update` prints it. */
  describe: z.string(),
  /** Size of the cached APKINDEX.<hash>.tar.gz in /var/cache/apk. */
  size: Bytes,
  /** The 8 hex digits apk derives from the repository URL. */
  hash: z.string().regex(/^[0-9a-f]{8}$/),
}).strict();

export const AlpineCatalogSchema = z.object({
  /** `v3.22` in the repository URLs. */
  branch: z.string().regex(/^v\d+\.\d+$/),
  mirror: z.string().url(),
  indexes: z.array(ApkIndexSchema).min(1),
  /** `OK: 26326 distinct packages available`. */
  distinct: z.number().int().positive(),
  busybox: z.string(),
  /** Packages in the image: name → [version, installed bytes]. */
  base: z.record(Name, z.tuple([z.string(), Bytes])),
  packages: z.array(ApkPackageSchema).min(1),
}).strict();

// ---- PyPI (pip) -------------------------------------------------------------------------------

export const PyPackageSchema = z.object({
  /** The project name as its metadata spells it (`MarkupSafe`, `flask`). */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  version: z.string().min(1),
  /** Wheel file name on PyPI. */
  wheel: z.string().regex(/\.whl$/),
  /** Wheel size in bytes. */
  download: Bytes,
  /** Size of the wheel's METADATA file, which pip downloads first. */
  metadata: Bytes,
  /** Bytes the installed package takes in site-packages (code, .pyc, dist-info). */
  installed: Bytes,
  /** Requires-Dist without markers: `blinker>=1.9.0`. */
  requires: z.array(z.string()).default([]),
  /** Top-level import names (`flask`, `yaml` for PyYAML). */
  modules: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).min(1),
  /** Console scripts pip writes to bin (`flask`, `uvicorn`). */
  scripts: z.array(z.string()).default([]),
}).strict();

export const PypiCatalogSchema = z.object({
  /** pip in the python image, and the newer release its notice advertises. */
  pip: z.object({ version: z.string(), latest: z.string() }).strict(),
  packages: z.array(PyPackageSchema).min(1),
}).strict();

// ---- npm --------------------------------------------------------------------------------------

export const NpmPackageSchema = z.object({
  name: z.string().regex(/^(?:@[a-z0-9._-]+\/)?[a-z0-9._-]+$/),
  version: z.string().min(1),
  /** `dist.unpackedSize` from the registry, in bytes. */
  unpacked: Bytes,
  /** Size of the tarball (what npm caches), in bytes. */
  packed: Bytes,
  dependencies: z.record(z.string(), z.string()).default({}),
  main: z.string().default('index.js'),
  bin: z.record(z.string(), z.string()).default({}),
  license: z.string().default('MIT'),
  /** Has a `funding` field (counted by "N packages are looking for funding"). */
  funding: z.boolean().default(false),
}).strict();

export const NpmCatalogSchema = z.object({
  /** The newest npm, which the update notice advertises. */
  npmLatest: z.string(),
  /** npm bundled with each Node.js major the images ship. */
  npmByNodeMajor: z.record(z.string().regex(/^\d+$/), z.string()),
  packages: z.array(NpmPackageSchema).min(1),
}).strict();

export type DebPackage = z.infer<typeof DebPackageSchema>;
export type AptSuite = z.infer<typeof AptSuiteSchema>;
export type DebianCatalog = z.infer<typeof DebianCatalogSchema>;
export type ApkPackage = z.infer<typeof ApkPackageSchema>;
export type AlpineCatalog = z.infer<typeof AlpineCatalogSchema>;
export type PyPackage = z.infer<typeof PyPackageSchema>;
export type PypiCatalog = z.infer<typeof PypiCatalogSchema>;
export type NpmPackage = z.infer<typeof NpmPackageSchema>;
export type NpmCatalog = z.infer<typeof NpmCatalogSchema>;
