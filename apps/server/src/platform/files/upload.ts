import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.ts';
import { MAX_UPLOAD_BYTES } from '../http/limits.ts';

export interface Upload {
  data: Buffer;
  /** The client's file name, for messages only: never used to store or type the file. */
  filename: string;
  fields: Record<string, string>;
}

/** Reads the single file of a multipart request, refusing it when too large. */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'file', message: 'multipart/form-data' }]);
  const part = await req.file();
  if (!part) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'file', message: 'file' }]);
  const data = await part.toBuffer();
  if (part.file.truncated) throw new AppError(413, 'PAYLOAD_TOO_LARGE', { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 });
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    if (field && !Array.isArray(field) && field.type === 'field') fields[name] = String(field.value);
  }
  return { data, filename: part.filename, fields };
}

/** Keeps letters, digits and a few safe marks; the name is only ever shown, never used to store. */
export function cleanFileName(name: string): string {
  const cleaned = name
    .normalize('NFKC')
    .replace(/[/\\]/g, '_')
    .replace(/[^\p{L}\p{N}._ ()-]/gu, '')
    .trim()
    .slice(-120);
  return cleaned || 'lampiran';
}

/**
 * Sends a file as a download that a browser never renders or sniffs in the
 * app's origin; `inline` lets a document the server made (a PDF) open in the
 * browser's viewer, still sandboxed.
 */
export function sendDownload(reply: FastifyReply, file: { name: string; contentType: string; data: Buffer }, inline = false) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.data);
}

/**
 * Reads a multipart form with several files (the public report's evidence, a
 * reply with files): text fields, and every file part named `fileField`, each
 * refused when larger than `maxBytes`. Anything beyond the limits is refused
 * before it is read in full.
 */
export async function readForm(
  req: FastifyRequest,
  limits: { fileField: string; maxFiles: number; maxFields?: number; maxBytes?: number },
): Promise<{ fields: Record<string, string>; files: Upload[] }> {
  if (!req.isMultipart()) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: '', message: 'multipart/form-data' }]);
  const maxBytes = limits.maxBytes ?? MAX_UPLOAD_BYTES;
  const fields: Record<string, string> = {};
  const files: Upload[] = [];
  const parts = req.parts({ limits: { files: limits.maxFiles, fields: limits.maxFields ?? 30, fileSize: maxBytes } });
  for await (const part of parts) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    const data = await part.toBuffer();
    if (part.file.truncated) throw new AppError(413, 'PAYLOAD_TOO_LARGE', { maxMb: Math.floor(maxBytes / 1024 / 1024) });
    if (part.fieldname !== limits.fileField) continue;
    // An empty file input still sends a part with no name and no bytes.
    if (data.length > 0) files.push({ data, filename: part.filename, fields: {} });
  }
  return { fields, files };
}
