import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { sha256 } from '../security/tokens.ts';
import { files } from './files.tables.ts';

export interface StoredFile {
  id: number;
  contentType: string;
  size: number;
  data: Buffer;
}

/**
 * Where file bytes live. PostgreSQL is the default store (one backup holds
 * everything); a directory or S3-compatible store can implement the same
 * calls. Names from uploads are never used: a file is known by its id.
 */
export interface FileStore {
  put(tx: Tx, file: { purpose: string; contentType: string; data: Buffer; createdBy: number | null }): Promise<number>;
  get(tx: Tx, id: number): Promise<StoredFile | null>;
  remove(tx: Tx, ids: number[]): Promise<void>;
}

export const postgresFileStore: FileStore = {
  async put(tx, file) {
    const [row] = await tx
      .insert(files)
      .values({
        purpose: file.purpose,
        contentType: file.contentType,
        size: file.data.length,
        sha256: sha256(file.data),
        data: file.data,
        createdBy: file.createdBy,
      })
      .returning({ id: files.id });
    if (!row) throw new Error('file insert failed');
    return row.id;
  },
  async get(tx, id) {
    const [row] = await tx.select().from(files).where(eq(files.id, id));
    if (!row?.data) return null;
    return { id: row.id, contentType: row.contentType, size: row.size, data: row.data };
  },
  async remove(tx, ids) {
    if (ids.length) await tx.delete(files).where(inArray(files.id, ids));
  },
};
