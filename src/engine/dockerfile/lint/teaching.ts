// Baleia's teaching checks: the course's Dockerfile best practices (F24-F27), found on the
// build plan. These are not Docker's checks and never appear in Docker's own output.
import type { DockerfilePlan } from '../plan';
import type { Instruction, RunInstruction, Stage } from '../types';
import type { Advice } from './advice';

export interface TeachingFinding {
  rule: string;
  line: number;
  endLine: number;
  message: string;
  advice: Advice;
  facts: string[];
}

export interface TeachingOptions {
  /** Uncompressed size in bytes of a base image (normalized name), when the catalogue knows it. */
  imageSize?: (image: string) => number | undefined;
}

/** `docker.io/library/node:22-alpine` -> { repo: 'node', tag: '22-alpine' }. */
function splitImage(image: string): { repo: string; tag: string } {
  const noDigest = image.split('@')[0] as string;
  const colon = noDigest.lastIndexOf(':');
  const slash = noDigest.lastIndexOf('/');
  const name = colon > slash ? noDigest.slice(0, colon) : noDigest;
  const tag = colon > slash ? noDigest.slice(colon + 1) : 'latest';
  return { repo: name.replace(/^docker\.io\/(library\/)?/, ''), tag };
}

const SMALL_TAG = /(alpine|slim|distroless|minimal|busybox|scratch|musl|jre|nanoserver|windowsservercore)/;
const LANGUAGE_IMAGES = new Set(['node', 'python', 'ruby', 'php', 'perl', 'elixir', 'erlang', 'haskell']);
const SDK_IMAGES = new Set([
  'golang', 'rust', 'gcc', 'maven', 'gradle', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'buildpack-deps',
  'mcr.microsoft.com/dotnet/sdk', 'swift', 'clojure',
]);
const OS_IMAGES = new Set(['ubuntu', 'debian', 'centos', 'fedora', 'amazonlinux', 'rockylinux', 'almalinux', 'oraclelinux']);

function humanMB(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)}GB` : `${Math.round(bytes / 1e6)}MB`;
}

function smallerVariant(repo: string, tag: string): string {
  if (OS_IMAGES.has(repo)) return repo === 'debian' ? `debian:${tag === 'latest' ? 'bookworm' : tag}-slim or alpine` : 'alpine';
  if (repo === 'eclipse-temurin' || repo === 'openjdk' || repo === 'amazoncorretto') {
    return `${repo}:${tag === 'latest' ? '21' : tag}-jre`;
  }
  if (/(bookworm|bullseye|buster|trixie)/.test(tag)) return `${repo}:${tag}-slim`;
  return tag === 'latest' ? `${repo}:alpine or ${repo}:slim` : `${repo}:${tag}-alpine or ${repo}:${tag}-slim`;
}

function rootImageStage(plan: DockerfilePlan, stage: Stage): Stage {
  let s = stage;
  const seen = new Set<number>();
  while (s.baseKind === 'stage' && s.baseStage !== undefined && !seen.has(s.index)) {
    seen.add(s.index);
    s = plan.stages[s.baseStage] ?? s;
  }
  return s;
}

function runText(i: RunInstruction): string {
  return [i.source, ...i.heredocs.map((h) => h.content)].join('\n');
}

function at(i: Instruction | Stage): { line: number; endLine: number } {
  return { line: i.startLine, endLine: i.endLine };
}

// F24 -------------------------------------------------------------------------------------

function largeBaseImage(plan: DockerfilePlan, opts: TeachingOptions): TeachingFinding[] {
  const target = plan.stages[plan.target];
  if (!target) return [];
  const root = rootImageStage(plan, target);
  if (root.baseKind !== 'image' || !root.baseImage) return [];
  const { repo, tag } = splitImage(root.baseImage);
  if (SMALL_TAG.test(tag)) return [];
  const isSdk = SDK_IMAGES.has(repo);
  if (!LANGUAGE_IMAGES.has(repo) && !isSdk && !OS_IMAGES.has(repo)) return [];
  if (repo === 'debian' && /slim/.test(tag)) return [];
  const shown = `${repo}:${tag}`;
  const size = opts.imageSize?.(root.baseImage);
  const sizeText = size ? ` (${humanMB(size)})` : '';
  const better = smallerVariant(repo, tag);
  if (isSdk) {
    return [{
      rule: 'BaleiaLargeBaseImage',
      ...at(root),
      message: `The final image is built on ${shown}${sizeText}, a full build toolchain; ship the result on a small runtime image instead`,
      advice: {
        en: `${shown} carries compilers and build tools the running app never uses, and every one of them ends up in your image. Build in a first stage on ${shown} and copy only the result into a small base image such as alpine, a -slim or a -jre variant.`,
        'pt-BR': `${shown} traz compiladores e ferramentas de build que a aplicação nunca usa em execução, e todos acabam na sua imagem. Faça o build num primeiro estágio com ${shown} e copie só o resultado para uma imagem base pequena, como alpine, uma variante -slim ou -jre.`,
      },
      facts: ['F24', 'F27'],
    }];
  }
  return [{
    rule: 'BaleiaLargeBaseImage',
    ...at(root),
    message: `Base image ${shown}${sizeText} is a large, full image; ${better} would make the final image much smaller`,
    advice: {
      en: `The full ${repo} image brings a whole operating system with compilers and tools your app does not need at run time. Try ${better}: the image gets much smaller, so pulls, pushes and deploys are faster and there is less software to patch.`,
      'pt-BR': `A imagem ${repo} completa traz um sistema operacional inteiro, com compiladores e ferramentas que sua aplicação não usa em execução. Experimente ${better}: a imagem fica bem menor, então pull, push e deploy ficam mais rápidos e há menos software para atualizar.`,
    },
    facts: ['F24'],
  }];
}

// F25 -------------------------------------------------------------------------------------

const INDEX_UPDATE = /\b(apt-get|apt)\s+update\b|\bapk\s+update\b|\b(yum|dnf)\s+makecache\b/;
const ANY_INSTALL = /\b(apt-get|apt|apk|yum|dnf|microdnf)\s+(install|add)\b/;

function mergeRunLayers(stage: Stage): TeachingFinding[] {
  const out: TeachingFinding[] = [];
  const list = stage.instructions.filter((i) => !i.onBuild);
  let i = 0;
  while (i < list.length) {
    if (list[i]?.kind !== 'RUN') {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < list.length && list[j + 1]?.kind === 'RUN') j++;
    const run = list.slice(i, j + 1) as RunInstruction[];
    const first = run[0] as RunInstruction;
    const last = run[run.length - 1] as RunInstruction;
    const firstText = runText(first);
    if (run.length >= 3) {
      out.push({
        rule: 'BaleiaMergeRunLayers',
        line: first.startLine,
        endLine: last.endLine,
        message: `${run.length} consecutive RUN instructions (lines ${first.startLine}-${last.endLine}) each add a layer; join related commands with && in one RUN`,
        advice: {
          en: 'Every RUN creates its own layer, and files deleted in a later RUN still take space in the earlier one. Chain commands that belong together with && (and \\ for new lines) so they make one layer: the image is smaller and `docker history` shorter.',
          'pt-BR': 'Cada RUN cria sua própria camada, e arquivos apagados num RUN seguinte continuam ocupando espaço na camada anterior. Encadeie com && (e \\ para quebrar linhas) os comandos que andam juntos, para que formem uma só camada: a imagem fica menor e o `docker history` mais curto.',
        },
        facts: ['F25', 'F05'],
      });
    } else if (run.length === 2 && INDEX_UPDATE.test(firstText) && !ANY_INSTALL.test(firstText)) {
      out.push({
        rule: 'BaleiaMergeRunLayers',
        line: first.startLine,
        endLine: last.endLine,
        message: `The package index update on line ${first.startLine} is its own RUN; join it with the install on line ${last.startLine} in one RUN`,
        advice: {
          en: 'An update alone in a RUN is a separate layer, and the build cache keeps reusing it: after an edit, the install may run against an old package index and fail or get old versions. Write `RUN apt-get update && apt-get install -y ...` in one instruction.',
          'pt-BR': 'Um update sozinho num RUN vira uma camada separada, e o cache de build continua reaproveitando essa camada: depois de uma edição, o install pode rodar com um índice de pacotes antigo e falhar ou pegar versões velhas. Escreva `RUN apt-get update && apt-get install -y ...` numa só instrução.',
        },
        facts: ['F25', 'F26'],
      });
    }
    i = j + 1;
  }
  return out;
}

// F26 -------------------------------------------------------------------------------------

const INSTALLERS: { re: RegExp; name: (m: RegExpExecArray) => string }[] = [
  { re: /\bnpm\s+(ci|install|i)\b/, name: (m) => `npm ${m[1]}` },
  { re: /\byarn(\s+install)?\s*(&&|;|$|\s--)/m, name: () => 'yarn install' },
  { re: /\bpnpm\s+(install|i)\b/, name: (m) => `pnpm ${m[1]}` },
  { re: /\b(pip3?)\s+install\b[^&;|]*(-r\b|requirements|\s\.(\s|$))/m, name: (m) => `${m[1]} install` },
  { re: /\bpoetry\s+install\b/, name: () => 'poetry install' },
  { re: /\bpipenv\s+install\b/, name: () => 'pipenv install' },
  { re: /\buv\s+(sync|pip\s+install)\b/, name: (m) => `uv ${m[1]}` },
  { re: /\bgo\s+mod\s+download\b/, name: () => 'go mod download' },
  { re: /\bbundle\s+install\b/, name: () => 'bundle install' },
  { re: /\bcomposer\s+install\b/, name: () => 'composer install' },
  { re: /\bmvn\b[^&;|]*\b(dependency:go-offline|dependency:resolve|package|install|verify)\b/, name: (m) => `mvn ${m[1]}` },
  { re: /\b(gradle|\.\/gradlew)\b[^&;|]*\b(build|dependencies|assemble)\b/, name: (m) => `${m[1]} ${m[2]}` },
  { re: /\bcargo\s+(build|fetch)\b/, name: (m) => `cargo ${m[1]}` },
  { re: /\bdotnet\s+restore\b/, name: () => 'dotnet restore' },
];

function isWholeContext(src: string): boolean {
  return ['.', './', '*', './*'].includes(src);
}

function installerIn(text: string): string | undefined {
  for (const x of INSTALLERS) {
    const m = x.re.exec(text);
    if (m) return x.name(m);
  }
  return undefined;
}

function copyBeforeInstall(stage: Stage): TeachingFinding[] {
  const list = stage.instructions;
  const copyIdx = list.findIndex(
    (i) => (i.kind === 'COPY' && !i.from && i.sources.some(isWholeContext)) || (i.kind === 'ADD' && i.sources.some(isWholeContext)),
  );
  if (copyIdx < 0) return [];
  const installedBefore = new Set<string>();
  for (const i of list.slice(0, copyIdx)) {
    if (i.kind !== 'RUN') continue;
    const name = installerIn(runText(i));
    if (name) installedBefore.add(name.split(' ')[0] as string);
  }
  for (const i of list.slice(copyIdx + 1)) {
    if (i.kind !== 'RUN') continue;
    const name = installerIn(runText(i));
    if (!name || installedBefore.has(name.split(' ')[0] as string)) continue;
    const copy = list[copyIdx] as Instruction;
    return [{
      rule: 'BaleiaCopyBeforeInstall',
      ...at(copy),
      message: `${copy.source.split('\n')[0]} on line ${copy.startLine} comes before the dependency install (${name}, line ${i.startLine}): any source edit re-runs the install`,
      advice: {
        en: `When any copied file changes, the build cache misses at this COPY and every later step rebuilds, including ${name}. Copy only the dependency manifest first (package.json, requirements.txt, go.mod...), run ${name}, and copy the rest of the source after it: edits to your code then reuse the cached install.`,
        'pt-BR': `Quando qualquer arquivo copiado muda, o cache de build falha neste COPY e todos os passos seguintes são refeitos, inclusive ${name}. Copie primeiro só o manifesto de dependências (package.json, requirements.txt, go.mod...), rode ${name} e copie o resto do código depois: assim, editar o código reaproveita a instalação em cache.`,
      },
      facts: ['F26'],
    }];
  }
  return [];
}

// F27 -------------------------------------------------------------------------------------

const COMPILERS: { re: RegExp; name: string; bases: RegExp }[] = [
  { re: /\bgo\s+build\b/, name: 'go build', bases: /^(golang|buildpack-deps|ubuntu|debian)$/ },
  { re: /\bmvn\b[^&;|]*\b(package|install|verify)\b/, name: 'mvn package', bases: /^(maven|openjdk|eclipse-temurin|amazoncorretto)$/ },
  { re: /\b(gradle|\.\/gradlew)\b[^&;|]*\b(build|assemble|bootJar|installDist)\b/, name: 'gradle build', bases: /^(gradle|openjdk|eclipse-temurin|amazoncorretto)$/ },
  { re: /\bjavac\b/, name: 'javac', bases: /^(openjdk|eclipse-temurin|amazoncorretto|maven|gradle)$/ },
  { re: /\bcargo\s+build\b/, name: 'cargo build', bases: /^(rust)$/ },
  { re: /\b(gcc|g\+\+|clang|make)\b/, name: 'a C/C++ compiler', bases: /^(gcc|buildpack-deps|ubuntu|debian)$/ },
  { re: /\b(npm|yarn|pnpm)\s+(run\s+)?build\b/, name: 'npm run build', bases: /^(node)$/ },
  { re: /\bdotnet\s+(publish|build)\b/, name: 'dotnet publish', bases: /^(mcr\.microsoft\.com\/dotnet\/sdk)$/ },
];

const TOOLCHAIN_PURGED = /\bapt(-get)?\s+(-\S+\s+)*(purge|remove)\b|--auto-remove\b|\bapk\s+del\b/;

function compiledWithoutMultiStage(plan: DockerfilePlan): TeachingFinding[] {
  if (plan.stages.length !== 1) return [];
  const stage = plan.stages[0] as Stage;
  if (stage.baseKind !== 'image' || !stage.baseImage) return [];
  const { repo, tag } = splitImage(stage.baseImage);
  for (const i of stage.instructions) {
    if (i.kind !== 'RUN') continue;
    const text = runText(i);
    const c = COMPILERS.find((x) => x.re.test(text) && x.bases.test(repo));
    if (!c) continue;
    // Official images compile and then purge the toolchain in the same RUN: nothing is left.
    if (c.name === 'a C/C++ compiler' && TOOLCHAIN_PURGED.test(text)) continue;
    return [{
      rule: 'BaleiaCompiledWithoutMultiStage',
      ...at(i),
      message: `${c.name} runs in the only stage, so the final image keeps ${repo}:${tag} and its whole toolchain; use a multi-stage build`,
      advice: {
        en: `Split the Dockerfile: a first stage (\`FROM ${repo}:${tag} AS build\`) compiles, and a second stage on a small base image copies only the result with \`COPY --from=build\`. The toolchain, sources and caches stay behind, and the final image is often ten times smaller.`,
        'pt-BR': `Divida o Dockerfile: um primeiro estágio (\`FROM ${repo}:${tag} AS build\`) compila, e um segundo estágio sobre uma imagem base pequena copia só o resultado com \`COPY --from=build\`. O compilador, o código-fonte e os caches ficam para trás, e a imagem final costuma ficar dez vezes menor. É o build multi-stage.`,
      },
      facts: ['F27'],
    }];
  }
  return [];
}

// Package caches --------------------------------------------------------------------------

function hasCacheMount(i: RunInstruction, path: RegExp): boolean {
  return i.mounts.some((m) => m.type === 'cache' && path.test(m.target));
}

function packageCacheLeft(stage: Stage): TeachingFinding[] {
  const out: TeachingFinding[] = [];
  for (const i of stage.instructions) {
    if (i.kind !== 'RUN') continue;
    const text = runText(i);
    const add = (what: string, fix: string, en: string, pt: string) =>
      out.push({
        rule: 'BaleiaPackageCacheLeft',
        ...at(i),
        message: `${what} leaves its package cache in this layer; ${fix}`,
        advice: { en, 'pt-BR': pt },
        facts: ['F25', 'F24'],
      });
    const aptCleaned = /rm\s+-(rf|fr|r)\s+\/var\/lib\/apt\/lists/.test(text) || /\bapt(-get)?\s+dist-clean\b/.test(text);
    if (/\bapt(-get)?\s+(-\S+\s+)*install\b/.test(text) && !aptCleaned && !hasCacheMount(i, /^\/var\/(lib|cache)\/apt/)) {
      add(
        'apt-get install',
        'add && rm -rf /var/lib/apt/lists/* to the same RUN',
        'apt-get update downloads package lists (tens of MB) into /var/lib/apt/lists, and they stay in the layer unless the same RUN deletes them. Deleting them in a later RUN does not help: the earlier layer still holds them.',
        'O apt-get update baixa listas de pacotes (dezenas de MB) em /var/lib/apt/lists, e elas ficam na camada a menos que o mesmo RUN as apague. Apagar num RUN seguinte não adianta: a camada anterior continua com elas.',
      );
    }
    if (/\bapk\s+(-\S+\s+)*add\b/.test(text) && !/--no-cache\b/.test(text) && !/rm\s+-(rf|fr|r)\s+\/var\/cache\/apk/.test(text) && !hasCacheMount(i, /^\/var\/cache\/apk/)) {
      add(
        'apk add without --no-cache',
        'use apk add --no-cache',
        'Without --no-cache, apk keeps its package index in /var/cache/apk inside the layer. `apk add --no-cache` fetches the index, installs, and leaves nothing behind.',
        'Sem --no-cache, o apk guarda o índice de pacotes em /var/cache/apk dentro da camada. `apk add --no-cache` baixa o índice, instala e não deixa nada para trás.',
      );
    }
    const pipNoCacheEnv = i.env.some((e) => /^PIP_NO_CACHE_DIR=(1|true|on|yes|off|0|false)$/i.test(e));
    if (/\bpip3?\s+(-\S+\s+)*install\b/.test(text) && !/--no-cache-dir\b/.test(text) && !pipNoCacheEnv && !hasCacheMount(i, /\.cache\/pip/)) {
      add(
        'pip install without --no-cache-dir',
        'use pip install --no-cache-dir',
        'pip keeps every downloaded package in ~/.cache/pip, which only helps if you install again in the same container. In an image it is dead weight: add --no-cache-dir (or set ENV PIP_NO_CACHE_DIR=1).',
        'O pip guarda cada pacote baixado em ~/.cache/pip, o que só ajuda se você instalar de novo no mesmo contêiner. Numa imagem é peso morto: adicione --no-cache-dir (ou defina ENV PIP_NO_CACHE_DIR=1).',
      );
    }
    const rpm = /\b(yum|dnf|microdnf)\s+(-\S+\s+)*install\b/.exec(text);
    if (rpm && !/\b(yum|dnf|microdnf)\s+clean\s+all\b/.test(text) && !/rm\s+-(rf|fr|r)\s+\/var\/cache\/(yum|dnf)/.test(text)) {
      add(
        `${rpm[1]} install`,
        `add && ${rpm[1]} clean all to the same RUN`,
        `${rpm[1]} keeps downloaded metadata and packages in /var/cache, and they stay in the layer unless the same RUN runs \`${rpm[1]} clean all\`.`,
        `O ${rpm[1]} guarda metadados e pacotes baixados em /var/cache, e eles ficam na camada a menos que o mesmo RUN execute \`${rpm[1]} clean all\`.`,
      );
    }
  }
  return out;
}

/** The course's Dockerfile checks on a planned build (only stages the planner expanded). */
export function teachingFindings(plan: DockerfilePlan, opts: TeachingOptions = {}): TeachingFinding[] {
  const out: TeachingFinding[] = [];
  out.push(...largeBaseImage(plan, opts));
  for (const stage of plan.stages) {
    if (!stage.dispatched) continue;
    out.push(...mergeRunLayers(stage));
    out.push(...copyBeforeInstall(stage));
    out.push(...packageCacheLeft(stage));
  }
  out.push(...compiledWithoutMultiStage(plan));
  return out.sort((a, b) => a.line - b.line);
}
