import type { FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../http/app.ts';
import { AppError } from '../http/errors.ts';

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
