// Evidence files: checked (type by magic bytes, size), hashed, stored with the record they belong to.
import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { FILE_LIMITS, type FileMeta, type FileUpload } from '@jiceng/contract';
import type { DbOrTx } from '../../db/client.js';
import { files } from './files.tables.js';
import { notFound, problemsError, type FieldProblem } from '../http/errors.js';

const MAGIC: Record<(typeof FILE_LIMITS.mimes)[number], (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/** Decode and check an upload: the bytes, or what is wrong with them (for the field `field`). */
export function checkUpload(upload: FileUpload, field: string): { data: Buffer } | { problem: FieldProblem } {
  const data = Buffer.from(upload.data, 'base64');
  if (data.length > FILE_LIMITS.maxBytes) return { problem: { field, code: 'file.tooLarge', params: { mb: FILE_LIMITS.maxBytes / 1024 / 1024 } } };
  if (data.length === 0 || !MAGIC[upload.mime](data)) return { problem: { field, code: 'file.badData' } };
  return { data };
}

/** Decode and check an upload, or throw the field's error. */
export function decodeUpload(upload: FileUpload, field: string): Buffer {
  const r = checkUpload(upload, field);
  if ('problem' in r) throw problemsError([r.problem]);
  return r.data;
}

const meta = (r: { id: string; name: string; mime: string; size: number; sha256: string; createdAt: Date }): FileMeta => ({
  id: r.id, name: r.name, mime: r.mime, size: r.size, sha256: r.sha256, createdAt: r.createdAt.toISOString(),
});

export async function saveFile(
  tx: DbOrTx, countyId: string, owner: { entity: string; entityId: string }, upload: FileUpload, data: Buffer, createdBy: string | null,
): Promise<FileMeta> {
  const row = {
    countyId, id: uuidv7(), entity: owner.entity, entityId: owner.entityId, name: upload.name, mime: upload.mime,
    size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data, createdBy, createdAt: new Date(),
  };
  await tx.insert(files).values(row);
  return meta(row);
}

export async function listFiles(db: DbOrTx, countyId: string, entity: string, entityId: string): Promise<FileMeta[]> {
  const rows = await db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, sha256: files.sha256, createdAt: files.createdAt })
    .from(files)
    .where(and(eq(files.countyId, countyId), eq(files.entity, entity), eq(files.entityId, entityId)))
    .orderBy(asc(files.createdAt));
  return rows.map(meta);
}

export async function readFile(db: DbOrTx, countyId: string, entity: string, entityId: string, id: string) {
  const [r] = await db
    .select()
    .from(files)
    .where(and(eq(files.countyId, countyId), eq(files.entity, entity), eq(files.entityId, entityId), eq(files.id, id)));
  if (!r) throw notFound();
  return r;
}
