import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../http/errors.ts';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/**
 * The real type of an upload, read from its bytes (never from its name or the
 * client's Content-Type). Refuses with UNSUPPORTED_FILE_TYPE when the content
 * is not one of `allowed`; text formats with no magic number (CSV) are
 * accepted only when listed as `text/csv` and the bytes are valid UTF-8 text.
 */
export async function sniffType(data: Buffer, allowed: readonly string[]): Promise<string> {
  const detected = await fileTypeFromBuffer(data);
  if (detected && allowed.includes(detected.mime)) return detected.mime;
  if (!detected && allowed.includes('text/csv') && looksLikeText(data)) return 'text/csv';
  throw new AppError(415, 'UNSUPPORTED_FILE_TYPE');
}

function looksLikeText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}
