// What Baleia's pictures (/host, /progress, /class overview) share: the DejaVu fonts, text
// helpers for SVG, localized labels, and rendering to PNG off the event loop.
import { existsSync } from 'node:fs';
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { Locale } from '../content/common';

export const FONT = 'DejaVu Sans';
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf'].map((name) => `${FONT_DIR}/${name}`);

let options: ResvgRenderOptions | undefined;

/** The DejaVu fonts when installed (as in Baleia's image), else whatever the system has. */
function renderOptions(): ResvgRenderOptions {
  if (options) return options;
  const haveFonts = FONT_FILES.every((file) => existsSync(file));
  options = {
    font: haveFonts ? { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT } : { loadSystemFonts: true, defaultFontFamily: FONT },
    fitTo: { mode: 'original' },
  };
  return options;
}

/** Any of Baleia's SVG pictures as a PNG, rendered on libuv's thread pool so the bot keeps answering. */
export async function pngOf(svg: string): Promise<Buffer> {
  return (await renderAsync(svg, renderOptions())).asPng();
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

export const percent = (value: number) => `${Math.round(value * 100)}%`;

/** A label lookup for one picture's texts, with `{name}` placeholders filled. */
export function labels(table: Record<Locale, Record<string, string>>) {
  return (locale: Locale, key: string, values: Record<string, string | number> = {}): string =>
    (table[locale][key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
