import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { importFiles } from './schema';

export type ImportFileRole = 'upload' | 'rejected';

export async function saveImportFile(tx: Tx, jobId: string, role: ImportFileRole, fileName: string, content: Buffer): Promise<void> {
  await tx.insert(importFiles).values({ orgId: tx.orgId!, jobId, role, fileName, content });
}

const where = (tx: Tx, jobId: string, role: ImportFileRole) =>
  and(eq(importFiles.orgId, tx.orgId!), eq(importFiles.jobId, jobId), eq(importFiles.role, role));

export async function loadImportFile(tx: Tx, jobId: string, role: ImportFileRole) {
  const [row] = await tx
    .select({ fileName: importFiles.fileName, content: importFiles.content })
    .from(importFiles)
    .where(where(tx, jobId, role));
  return row;
}

export async function deleteImportFile(tx: Tx, jobId: string, role: ImportFileRole): Promise<void> {
  await tx.delete(importFiles).where(where(tx, jobId, role));
}
