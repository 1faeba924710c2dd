// What Baleia's pictures (/host, /progress, /class overview) share: fonts, colours, text
// helpers for SVG, localized labels, and rendering to PNG off the event loop.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { Locale } from '../content/common';

// Baleia Sans is DejaVu cut down to the characters the pictures mostly draw (scripts/fonts):
// resvg re-reads a face's tables for each glyph, and the small face lays text out about four
// times faster. The full DejaVu follows in every font list, for any other character in a name.
export const FONT = 'Baleia Sans, DejaVu Sans';
export const MONO = 'Baleia Sans Mono, DejaVu Sans Mono';

/** The colours every picture shares: Docker's blue on a dark card, mastery from red to green. */
export const PALETTE = {
  background: '#0f1b2d',
  card: '#17283f',
  text: '#eef3fa',
  muted: '#9fb3c8',
  accent: '#2496ed',
  track: '#24384f',
  low: '#e8684a',
  mid: '#f2b43c',
  high: '#3ccf7a',
};

const SHIPPED_FONTS = ['BaleiaSans.ttf', 'BaleiaSans-Bold.ttf', 'BaleiaSansMono.ttf'].map((name) => fileURLToPath(new URL(`../../data/fonts/${name}`, import.meta.url)));
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
const DEJAVU = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf'].map((name) => `${DEJAVU_DIR}/${name}`);

let options: ResvgRenderOptions | undefined;

/** Baleia's own fonts, then DejaVu when installed (as in Baleia's image), else the system's. */
function renderOptions(): ResvgRenderOptions {
  if (options) return options;
  const haveDejaVu = DEJAVU.every((file) => existsSync(file));
  options = {
    font: { fontFiles: haveDejaVu ? [...SHIPPED_FONTS, ...DEJAVU] : SHIPPED_FONTS, loadSystemFonts: !haveDejaVu, defaultFontFamily: 'Baleia Sans' },
    fitTo: { mode: 'original' },
  };
  return options;
}

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (png: Buffer) => void; reject: (error: Error) => void }>();

function renderer(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./png-worker.mjs', import.meta.url));
  started.on('message', (message: { id: number; png?: Uint8Array; error?: string }) => {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    // Idle, the thread must not keep Baleia alive on its own.
    if (waiting.size === 0) started.unref();
    if (!pending) return;
    if (message.png) pending.resolve(Buffer.from(message.png.buffer, message.png.byteOffset, message.png.byteLength));
    else pending.reject(new Error(message.error ?? 'rendering failed'));
  });
  started.on('error', (error) => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
    worker = undefined;
  });
  worker = started;
  return started;
}

/**
 * Any of Baleia's SVG pictures as a PNG, drawn and encoded on a thread of its own: resvg's PNG
 * encoding is synchronous, and on the bot's thread it would hold every other reply meanwhile.
 */
export function pngOf(svg: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    const thread = renderer();
    // While a picture is on its way, the process waits for it.
    thread.ref();
    thread.postMessage({ id, svg, options: renderOptions() });
  });
}

/** The same, synchronously (tests and scripts). */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, renderOptions()).render().asPng();
}

export function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cuts text to about `max` characters (DejaVu at these sizes fits roughly that many). */
export function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export interface TextStyle {
  size?: number;
  weight?: 'bold' | 'normal';
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  /** Monospaced, with runs of spaces kept (padded labels line up). */
  mono?: boolean;
}

export function svgText(x: number, y: number, content: string, style: TextStyle = {}, defaultSize = 26): string {
  const anchor = style.anchor && style.anchor !== 'start' ? ` text-anchor="${style.anchor}"` : '';
  const space = style.mono ? ' xml:space="preserve"' : '';
  return `<text${space} x="${x}" y="${y}" font-family="${style.mono ? MONO : FONT}" font-size="${style.size ?? defaultSize}" font-weight="${style.weight ?? 'normal'}" fill="${style.fill ?? PALETTE.text}"${anchor}>${xml(content)}</text>`;
}

export function svgRect(x: number, y: number, width: number, height: number, fill: string, radius = 0, extra = ''): string {
  return `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="${radius}" fill="${fill}"${extra}/>`;
}

/** A picture: the dark background, Docker's blue strip along the top, then its parts. */
export function svgDocument(width: number, height: number, parts: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    svgRect(0, 0, width, height, PALETTE.background),
    svgRect(0, 0, width, 8, PALETTE.accent),
    ...parts,
    '</svg>',
  ].join('\n');
}

/** Green from 80 %, amber from 40 %, red below: the same reading on /progress and the overview. */
export function masteryColour(value: number): string {
  if (value >= 0.8) return PALETTE.high;
  if (value >= 0.4) return PALETTE.mid;
  return PALETTE.low;
}

export const percent = (value: number) => `${Math.round(value * 100)}%`;

/** A label lookup for one picture's texts, with `{name}` placeholders filled. */
export function labels(table: Record<Locale, Record<string, string>>) {
  return (locale: Locale, key: string, values: Record<string, string | number> = {}): string =>
    (table[locale][key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
