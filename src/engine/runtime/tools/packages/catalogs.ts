// The four package catalogues, checked against their schemas once when the tools load.
import alpineJson from '../../../../../data/packages/alpine.json' with { type: 'json' };
import debianJson from '../../../../../data/packages/debian.json' with { type: 'json' };
import npmJson from '../../../../../data/packages/npm.json' with { type: 'json' };
import pypiJson from '../../../../../data/packages/pypi.json' with { type: 'json' };
import {
  AlpineCatalogSchema,
  DebianCatalogSchema,
  NpmCatalogSchema,
  PypiCatalogSchema,
  type AlpineCatalog,
  type ApkPackage,
  type AptSuite,
  type DebianCatalog,
  type DebPackage,
  type NpmCatalog,
  type NpmPackage,
  type PyPackage,
  type PypiCatalog,
} from './schema';

export const debianCatalog: DebianCatalog = DebianCatalogSchema.parse(debianJson);
export const alpineCatalog: AlpineCatalog = AlpineCatalogSchema.parse(alpineJson);
export const pypiCatalog: PypiCatalog = PypiCatalogSchema.parse(pypiJson);
export const npmCatalog: NpmCatalog = NpmCatalogSchema.parse(npmJson);

function byName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.name, item]));
}

const aptIndexes = new Map<string, Map<string, DebPackage>>();

/** Packages of one release by name. */
export function aptPackages(suite: AptSuite): Map<string, DebPackage> {
  let index = aptIndexes.get(suite.codename);
  if (!index) aptIndexes.set(suite.codename, (index = byName(suite.packages)));
  return index;
}

export const apkPackages: Map<string, ApkPackage> = byName(alpineCatalog.packages);

/** PyPI's normalised project name (PEP 503): `Flask_Login` → `flask-login`. */
export function canonicalPyName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export const pyPackages: Map<string, PyPackage> = new Map(pypiCatalog.packages.map((item) => [canonicalPyName(item.name), item]));

/** Every version of each npm package, newest first. */
export const npmVersions: Map<string, NpmPackage[]> = (() => {
  const map = new Map<string, NpmPackage[]>();
  for (const item of npmCatalog.packages) {
    const list = map.get(item.name) ?? [];
    list.push(item);
    map.set(item.name, list);
  }
  return map;
})();
