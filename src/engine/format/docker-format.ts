// docker/cli's formatting pipeline around Go templates: the `--format` of list commands
// (formatter.Context.Write: `table` prefix, `json` keyword, `\t`/`\n` escapes, header row
// rendered from the header map, tabwriter), `docker ps`'s up-front template check, and
// `docker inspect` (indented JSON, or a template per object with the raw-JSON fallback).

import { goMap } from './go-value';
import { executeTemplate, parseTemplate, TemplateError } from './go-template';
import type { Template } from './go-template';
import { toDockerJson, toDockerJsonCompact, toGoJson } from './json';
import { tabwrite } from './table';

/** What a list command needs to format its rows. */
export interface ListFormat {
  /** The format used when the user gives none (or `table`). */
  defaultTable: string;
  /** docker's header map: template field → column title (`ID` → `CONTAINER ID`). */
  headers: Readonly<Record<string, string>>;
  /** Go type of one row context, for `can't evaluate field X in type T`. */
  typeName: string;
}

/** `docker ps` / `docker container ls` (formatter.NewContainerContext). */
export const CONTAINER_LIST: ListFormat = {
  defaultTable: 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}',
  headers: {
    ID: 'CONTAINER ID',
    Names: 'NAMES',
    Image: 'IMAGE',
    Command: 'COMMAND',
    CreatedAt: 'CREATED AT',
    RunningFor: 'CREATED',
    Ports: 'PORTS',
    State: 'STATE',
    Status: 'STATUS',
    Size: 'SIZE',
    Labels: 'LABELS',
    Mounts: 'MOUNTS',
    LocalVolumes: 'LOCAL VOLUMES',
    Networks: 'NETWORKS',
    Platform: 'PLATFORM',
  },
  typeName: '*formatter.ContainerContext',
};

/** `docker images` / `docker image ls` (formatter.newImageContext). */
export const IMAGE_LIST: ListFormat = {
  defaultTable: 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}',
  headers: {
    ID: 'IMAGE ID',
    Repository: 'REPOSITORY',
    Tag: 'TAG',
    Digest: 'DIGEST',
    CreatedSince: 'CREATED',
    CreatedAt: 'CREATED AT',
    Size: 'SIZE',
    Containers: 'CONTAINERS',
    VirtualSize: 'SIZE',
    SharedSize: 'SHARED SIZE',
    UniqueSize: 'UNIQUE SIZE',
  },
  typeName: '*formatter.imageContext',
};

/** `docker volume ls` (formatter.newVolumeContext). */
export const VOLUME_LIST: ListFormat = {
  defaultTable: 'table {{.Driver}}\t{{.Name}}',
  headers: {
    ID: 'ID',
    Name: 'VOLUME NAME',
    Group: 'GROUP',
    Driver: 'DRIVER',
    Scope: 'SCOPE',
    Availability: 'AVAILABILITY',
    Mountpoint: 'MOUNTPOINT',
    Labels: 'LABELS',
    Links: 'LINKS',
    Size: 'SIZE',
    Status: 'STATUS',
  },
  typeName: '*formatter.volumeContext',
};

/** `docker history` (image.HistoryWrite); with `-H=false` use HISTORY_TABLE_NON_HUMAN. */
export const HISTORY_LIST: ListFormat = {
  defaultTable: 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}',
  headers: {
    ID: 'IMAGE',
    CreatedSince: 'CREATED',
    CreatedAt: 'CREATED AT',
    CreatedBy: 'CREATED BY',
    Size: 'SIZE',
    Comment: 'COMMENT',
  },
  typeName: '*image.historyContext',
};

export const HISTORY_TABLE_NON_HUMAN = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';

/** `docker network ls`. */
export const NETWORK_LIST: ListFormat = {
  defaultTable: 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}',
  headers: {
    ID: 'NETWORK ID',
    Name: 'NAME',
    Driver: 'DRIVER',
    Scope: 'SCOPE',
    IPv4: 'IPV4',
    IPv6: 'IPV6',
    Internal: 'INTERNAL',
    Labels: 'LABELS',
    CreatedAt: 'CREATED AT',
  },
  typeName: '*network.networkContext',
};

/** The template text docker actually parses for a `--format` value (formatter.Context.preFormat). */
export function prepareFormat(format: string): { table: boolean; text: string } {
  const table = format.startsWith('table');
  let text = format;
  if (table) text = text.slice('table'.length);
  else if (format === 'json') text = '{{json .}}';
  text = text.replace(/^ +| +$/g, '');
  text = text.replaceAll('\\t', '\t').replaceAll('\\n', '\n');
  return { table, text };
}

export type FormatResult = { ok: true; stdout: string } | { ok: false; stderr: string; exitCode: number };

export interface ListFormatRequest {
  /** The user's `--format` (or the command's default table format). */
  format: string;
  /** One template context per listed object, in output order. */
  rows: readonly unknown[];
  /** Column titles and row type for this command (CONTAINER_LIST, IMAGE_LIST, …). */
  spec: Pick<ListFormat, 'headers' | 'typeName'>;
}

/**
 * formatter.Context.Write: parse the (prepared) format, run it for each row (each followed by a
 * newline) and, for `table` formats, put the header row on top and align everything with the
 * tabwriter. Template errors come back as docker prints them (`template parsing error: …`).
 */
export function renderListFormat(request: ListFormatRequest): FormatResult {
  const { table, text } = prepareFormat(request.format);
  const template = parseTemplate(text);
  if (template instanceof TemplateError) return { ok: false, stderr: `template parsing error: ${template.message}\n`, exitCode: 1 };
  let body = '';
  for (const row of request.rows) {
    const result = executeTemplate(template, row, { typeName: request.spec.typeName });
    if (!result.ok) return { ok: false, stderr: `template parsing error: ${result.error.message}\n`, exitCode: 1 };
    body += `${result.output}\n`;
  }
  if (!table) return { ok: true, stdout: body };
  return { ok: true, stdout: tabwrite(`${renderHeader(template, request.spec.headers)}\n${body}`) };
}

/** The header row: the same template run over the header map with docker's header functions; errors are ignored. */
function renderHeader(template: Template, headers: Readonly<Record<string, string>>): string {
  const result = executeTemplate(template, goMap({ ...headers }, 'map[string]string'), { header: true });
  return result.output;
}

/**
 * `docker ps` checks `--format` before contacting the daemon: it parses the raw text (still with
 * `table` and literal `\t`) and runs it once over an empty container context. Returns docker's
 * message (`failed to parse template: …` / `failed to execute template: …`) or undefined.
 */
export function precheckContainerFormat(format: string, emptyRow: unknown): string | undefined {
  const template = parseTemplate(format);
  if (template instanceof TemplateError) return `failed to parse template: ${template.message}`;
  const result = executeTemplate(template, emptyRow, { typeName: CONTAINER_LIST.typeName });
  if (!result.ok) return `failed to execute template: ${result.error.message}`;
  return undefined;
}

/** One object asked for by `docker inspect`: found (with its Go type name for errors) or an error line. */
export type InspectEntry = { value: unknown; typeName?: string } | { error: string };

export interface InspectOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * `docker inspect [-f FORMAT] NAME...`: without a format, the found objects as an indented JSON
 * array (`[]` when none); with `json`, the same array compact; with a template, one line per
 * object. Like docker, an object whose template fails on the typed value is retried on its raw
 * JSON (every object a map, missing keys an error), so `{{.Nope}}` reports
 * `map has no entry for key "Nope"`. Errors (not-found lines and template errors) go to stderr
 * in order, with exit code 1; an invalid template exits 64 before anything else.
 */
export function renderInspect(format: string | undefined, entries: readonly InspectEntry[]): InspectOutput {
  const errors: string[] = [];
  const found: unknown[] = [];
  for (const entry of entries) {
    if ('error' in entry) errors.push(entry.error);
    else found.push(entry.value);
  }
  const finish = (stdout: string): InspectOutput => ({
    stdout,
    stderr: errors.length > 0 ? `${errors.join('\n')}\n` : '',
    exitCode: errors.length > 0 ? 1 : 0,
  });
  if (format === undefined || format === '') return finish(toDockerJson(found));
  if (format === 'json') return finish(toDockerJsonCompact(found));

  const template = parseTemplate(format);
  if (template instanceof TemplateError) {
    return { stdout: '', stderr: `template parsing error: ${template.message}\n`, exitCode: 64 };
  }
  errors.length = 0;
  let buffer = '';
  for (const entry of entries) {
    if ('error' in entry) {
      errors.push(entry.error);
      continue;
    }
    const typed = executeTemplate(template, entry.value, entry.typeName === undefined ? {} : { typeName: entry.typeName });
    if (typed.ok) {
      buffer += `${typed.output}\n`;
      continue;
    }
    const raw: unknown = JSON.parse(toGoJson(entry.value));
    const fallback = executeTemplate(template, raw, { rawMaps: true, missingKey: 'error' });
    if (fallback.ok) buffer += `${fallback.output}\n`;
    else errors.push(`template parsing error: ${fallback.error.message}`);
  }
  return finish(buffer === '' ? '\n' : buffer);
}
