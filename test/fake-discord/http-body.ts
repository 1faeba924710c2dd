import type { IncomingMessage } from 'node:http';
import { Errors } from './errors';
import type { UploadedFile } from './types';

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

/** Well above Discord's per-request cap, so the 413 comes from our file check, not from here. */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

export async function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > MAX_REQUEST_BYTES) throw Errors.tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * JSON bodies as is; multipart bodies the way @discordjs/rest sends them: `files[n]` parts
 * plus one `payload_json` part (or plain fields when appendToFormData is used).
 */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    // undici's Response parses multipart for us; no dependency needed
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType ?? '' } }).formData();
    const files: UploadedFile[] = [];
    let body: Record<string, unknown> | undefined;
    const fields: Record<string, unknown> = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') {
          try {
            body = JSON.parse(value) as Record<string, unknown>;
          } catch {
            throw Errors.invalidJson();
          }
        } else fields[field] = value;
      } else {
        const data = Buffer.from(await value.arrayBuffer());
        files.push({ field, filename: value.name, contentType: value.type || 'application/octet-stream', data, size: data.length });
      }
    }
    return { body: body ?? (Object.keys(fields).length > 0 ? fields : undefined), files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    throw Errors.invalidJson();
  }
}

/** Width and height of a PNG, GIF or JPEG, as Discord reports them for image attachments. */
export function imageSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47) {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length >= 10 && data.toString('ascii', 0, 3) === 'GIF') {
    return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return undefined;
      const marker = data[i + 1] ?? 0;
      const len = data.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xc3) return { height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) };
      i += 2 + len;
    }
  }
  return undefined;
}

export function guessContentType(filename: string): string {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
    svg: 'image/svg+xml',
    txt: 'text/plain; charset=utf-8',
    md: 'text/markdown; charset=utf-8',
    json: 'application/json; charset=utf-8',
    yml: 'application/x-yaml',
    yaml: 'application/x-yaml',
    tar: 'application/x-tar',
    gz: 'application/gzip',
    zip: 'application/zip',
  };
  if (filename === 'Dockerfile' || filename.endsWith('/Dockerfile')) return 'text/plain; charset=utf-8';
  return types[ext] ?? 'application/octet-stream';
}
