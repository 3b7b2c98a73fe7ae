import type { Sharp } from 'sharp';
import { AppError } from '../http/errors.ts';
import { onFirstUse } from '../lazy.ts';

/** sharp (native), loaded with the first image re-encoded (not at the server's start). */
const loadSharp = onFirstUse(async () => (await import('sharp')).default);

/** Larger images are refused before decoding (a small file can unpack to gigabytes). */
const MAX_PIXELS = 40_000_000;

/**
 * Re-encodes an uploaded image. Content sniffing only reads the magic bytes, so
 * a truncated or corrupt file can still pass it; the decoder's failure then
 * means bad input (400 IMAGE_UNREADABLE), not a server error.
 */
export async function reencodeImage(data: Buffer, work: (image: Sharp) => Sharp): Promise<Buffer> {
  const sharp = await loadSharp();
  try {
    return await work(sharp(data, { limitInputPixels: MAX_PIXELS })).toBuffer();
  } catch {
    throw new AppError(400, 'IMAGE_UNREADABLE');
  }
}
