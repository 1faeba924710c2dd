// The /host picture: a student's host drawn as an SVG, then rasterised to PNG with resvg.
// Laid out in one narrow column with large type, because students mostly look at it on a
// phone: images (with coloured layer strips: one colour = one layer stored once), containers
// (status, ports, writable layer, mounts), volumes (size and who mounts them).
import type { Locale } from '../content/common';
import { PALETTE, fit, labels, pngOf, svgDocument, svgRect, svgText, type TextStyle } from './svg';
import type { HostView } from '../app/host-view';
import { humanSize } from '../engine/format/size';

const WIDTH = 760;
const PAD = 28;
const MAX_ROWS = 8;

const COLOURS = {
  ...PALETTE,
  running: '#3ccf7a',
  paused: '#f2b43c',
  stopped: '#8a98a8',
  writable: '#f28c3c',
  uniqueLayer: '#50647c',
};
/** Shared layers get one of these, the same colour in every image that uses them. */
const SHARED_PALETTE = ['#2496ed', '#b57cf2', '#3cc8c8', '#e86fa6', '#c8d23c', '#6f8ff2', '#f2a93c', '#59d98e'];

const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    title: 'Docker host of {user}',
    images: 'Images',
    containers: 'Containers',
    volumes: 'Volumes',
    noImages: 'No images yet.',
    tryFirst: 'Try /docker run hello-world',
    noContainers: 'No containers yet.',
    noVolumes: 'No volumes yet.',
    layers: '{n} layers',
    layer: '1 layer',
    shared: '{n} shared',
    legend: 'Same colour = the same layer, stored once.',
    writable: 'writable layer: {size}',
    files: '{n} file(s)',
    noPorts: 'no published ports',
    mountedBy: 'mounted by {names}',
    notMounted: 'not mounted',
    anonymous: 'anonymous',
    more: '+ {n} more',
    inside: 'Your prompt is inside {name}',
    disk: 'Layers on disk: {size} (sharing saved {saved})',
  },
  'pt-BR': {
    title: 'Host Docker de {user}',
    images: 'Imagens',
    containers: 'Contêineres',
    volumes: 'Volumes',
    noImages: 'Nenhuma imagem ainda.',
    tryFirst: 'Experimente /docker run hello-world',
    noContainers: 'Nenhum contêiner ainda.',
    noVolumes: 'Nenhum volume ainda.',
    layers: '{n} camadas',
    layer: '1 camada',
    shared: '{n} compartilhada(s)',
    legend: 'Mesma cor = a mesma camada, guardada uma vez.',
    writable: 'camada gravável: {size}',
    files: '{n} arquivo(s)',
    noPorts: 'nenhuma porta publicada',
    mountedBy: 'montado por {names}',
    notMounted: 'não montado',
    anonymous: 'anônimo',
    more: '+ {n} a mais',
    inside: 'Seu prompt está dentro de {name}',
    disk: 'Camadas no disco: {size} (compartilhar poupou {saved})',
  },
};

const t = labels(TEXT);

class Canvas {
  readonly parts: string[] = [];
  y = PAD;

  text(x: number, y: number, content: string, style: TextStyle = {}): void {
    this.parts.push(svgText(x, y, content, style));
  }

  rect(x: number, y: number, width: number, height: number, fill: string, radius = 0): void {
    this.parts.push(svgRect(x, y, width, height, fill, radius));
  }

  circle(x: number, y: number, r: number, fill: string): void {
    this.parts.push(`<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}"/>`);
  }
}

function section(canvas: Canvas, title: string, count: number): void {
  canvas.y += 18;
  canvas.text(PAD, canvas.y + 32, `${title} (${count})`, { size: 32, weight: 'bold', fill: COLOURS.accent });
  canvas.y += 50;
}

/** A muted line where a section has nothing to show. */
function nothingYet(canvas: Canvas, text: string): void {
  canvas.text(PAD, canvas.y + 26, text, { size: 24, fill: COLOURS.muted });
  canvas.y += 40;
}

/** "+ N more" under a section that shows only its first MAX_ROWS. */
function moreRows(canvas: Canvas, locale: Locale, total: number): void {
  if (total <= MAX_ROWS) return;
  canvas.text(PAD, canvas.y + 24, t(locale, 'more', { n: total - MAX_ROWS }), { size: 24, fill: COLOURS.muted });
  canvas.y += 36;
}

function statusColour(status: string): string {
  if (status === 'running') return COLOURS.running;
  if (status === 'paused' || status === 'restarting') return COLOURS.paused;
  return COLOURS.stopped;
}

export function hostSvg(view: HostView, locale: Locale): string {
  const canvas = new Canvas();
  const inner = WIDTH - 2 * PAD;
  canvas.text(PAD, canvas.y + 36, fit(t(locale, 'title', { user: view.userName }), 38), { size: 36, weight: 'bold' });
  canvas.y += 52;
  if (view.insideContainer) {
    canvas.text(PAD, canvas.y + 24, fit(t(locale, 'inside', { name: view.insideContainer }), 50), { size: 24, fill: COLOURS.paused });
    canvas.y += 34;
  }

  // Images, each with its layer strip.
  section(canvas, t(locale, 'images'), view.images.length);
  if (view.images.length === 0) {
    canvas.text(PAD, canvas.y + 26, t(locale, 'noImages'), { size: 24, fill: COLOURS.muted });
    canvas.text(PAD, canvas.y + 60, t(locale, 'tryFirst'), { size: 24, fill: COLOURS.muted });
    canvas.y += 74;
  }
  const sharedColour = new Map<string, string>();
  for (const image of view.images) {
    for (const layer of image.layers) {
      if (layer.usedBy > 1 && !sharedColour.has(layer.diffId)) sharedColour.set(layer.diffId, SHARED_PALETTE[sharedColour.size % SHARED_PALETTE.length]!);
    }
  }
  for (const image of view.images.slice(0, MAX_ROWS)) {
    const top = canvas.y;
    canvas.rect(PAD, top, inner, 112, COLOURS.card, 14);
    canvas.text(PAD + 20, top + 38, fit(image.names[0] ?? image.shortId, 30), { size: 28, weight: 'bold' });
    canvas.text(WIDTH - PAD - 20, top + 38, humanSize(image.size), { size: 26, fill: COLOURS.muted, anchor: 'end' });
    const stripWidth = inner - 40;
    const cell = Math.min(64, Math.floor(stripWidth / Math.max(1, image.layers.length)));
    image.layers.forEach((layer, index) => {
      canvas.rect(PAD + 20 + index * cell, top + 54, Math.max(4, cell - 4), 22, sharedColour.get(layer.diffId) ?? COLOURS.uniqueLayer, 4);
    });
    const shared = image.layers.filter((layer) => layer.usedBy > 1).length;
    const count = image.layers.length === 1 ? t(locale, 'layer') : t(locale, 'layers', { n: image.layers.length });
    canvas.text(PAD + 20, top + 102, shared > 0 ? `${count} · ${t(locale, 'shared', { n: shared })}` : count, { size: 22, fill: COLOURS.muted });
    canvas.y += 124;
  }
  moreRows(canvas, locale, view.images.length);
  if (view.totals.sharedLayers > 0) {
    canvas.text(PAD, canvas.y + 24, t(locale, 'legend'), { size: 22, fill: COLOURS.muted });
    canvas.y += 32;
  }
  if (view.images.length > 0) {
    const saved = view.totals.imageBytesUnshared - view.totals.imageBytes;
    canvas.text(PAD, canvas.y + 24, fit(t(locale, 'disk', { size: humanSize(view.totals.imageBytes), saved: humanSize(saved) }), 56), { size: 22, fill: COLOURS.muted });
    canvas.y += 32;
  }

  // Containers: a card each.
  section(canvas, t(locale, 'containers'), view.containers.length);
  if (view.containers.length === 0) nothingYet(canvas, t(locale, 'noContainers'));
  for (const container of view.containers.slice(0, MAX_ROWS)) {
    const lines: Array<{ text: string; colour: string; mono?: boolean }> = [
      { text: fit(container.statusText, 44), colour: statusColour(container.status) },
      { text: fit(container.ports.length > 0 ? container.ports.join('  ') : t(locale, 'noPorts'), 46), colour: COLOURS.muted, mono: container.ports.length > 0 },
      {
        text: `${t(locale, 'writable', { size: humanSize(container.writableBytes) })}${container.writableFiles > 0 ? ` · ${t(locale, 'files', { n: container.writableFiles })}` : ''}`,
        colour: COLOURS.writable,
      },
      ...container.mounts.slice(0, 3).map((mount) => ({ text: fit(`${mount.type === 'volume' ? '▣' : '↔'} ${mount.source} → ${mount.destination}${mount.readOnly ? ' (ro)' : ''}`, 46), colour: COLOURS.text, mono: true })),
    ];
    const height = 56 + lines.length * 32;
    const top = canvas.y;
    canvas.rect(PAD, top, inner, height, COLOURS.card, 14);
    canvas.circle(PAD + 30, top + 30, 10, statusColour(container.status));
    canvas.text(PAD + 52, top + 40, fit(container.name, 24), { size: 28, weight: 'bold' });
    canvas.text(WIDTH - PAD - 20, top + 40, fit(container.image, 18), { size: 24, fill: COLOURS.muted, anchor: 'end' });
    lines.forEach((line, index) => canvas.text(PAD + 20, top + 80 + index * 32, line.text, { size: 22, fill: line.colour, mono: line.mono ?? false }));
    canvas.y += height + 12;
  }
  moreRows(canvas, locale, view.containers.length);

  // Volumes.
  section(canvas, t(locale, 'volumes'), view.volumes.length);
  if (view.volumes.length === 0) nothingYet(canvas, t(locale, 'noVolumes'));
  for (const volume of view.volumes.slice(0, MAX_ROWS)) {
    const top = canvas.y;
    canvas.rect(PAD, top, inner, 88, COLOURS.card, 14);
    const label = volume.anonymous ? `${volume.shown} (${t(locale, 'anonymous')})` : volume.shown;
    canvas.text(PAD + 20, top + 36, fit(label, 32), { size: 26, weight: 'bold' });
    canvas.text(WIDTH - PAD - 20, top + 36, humanSize(volume.size), { size: 24, fill: COLOURS.muted, anchor: 'end' });
    const by = volume.mountedBy.length > 0 ? t(locale, 'mountedBy', { names: volume.mountedBy.join(', ') }) : t(locale, 'notMounted');
    canvas.text(PAD + 20, top + 72, fit(by, 50), { size: 22, fill: volume.mountedBy.length > 0 ? COLOURS.running : COLOURS.muted });
    canvas.y += 100;
  }
  moreRows(canvas, locale, view.volumes.length);

  const height = Math.ceil(canvas.y + PAD);
  return svgDocument(WIDTH, height, canvas.parts);
}

/** The PNG of a host view, rendered on the pictures' own thread so the bot keeps answering meanwhile. */
export async function hostPng(view: HostView, locale: Locale): Promise<Buffer> {
  return pngOf(hostSvg(view, locale));
}

