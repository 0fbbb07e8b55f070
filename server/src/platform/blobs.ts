// Content-addressed file storage (sha256) behind a small interface, so S3 or similar can be added.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * An upload written to the store's temporary folder: `commit` once the command that refers to it
 * has committed makes it permanent; `discard` (a no-op after commit) deletes it. Files neither
 * committed nor discarded (a crash) are swept by the daily maintenance.
 */
export interface PendingBlob extends StoredBlob {
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Times compare with the files' modification times (the file system's clock). */
export interface SweepOptions {
  /** Temporary files older than this go. */
  tmpBefore: Date;
  /** Blob files older than this that no one refers to go (younger ones may be uploads in flight). */
  orphanBefore: Date;
  /** Which of these blobs something still refers to. */
  referenced(sha256s: string[]): Promise<Set<string>>;
}

export interface BlobStore {
  /** Stores a stream as a pending blob; fails with BlobTooLargeError past maxBytes (nothing is kept then). */
  put(source: Readable, maxBytes: number): Promise<PendingBlob>;
  get(sha256: string): Promise<Readable | null>;
  /** Forgets a blob no attachment refers to any more (nothing happens when it is already gone). */
  remove(sha256: string): Promise<void>;
  /** Deletes old temporary files and old blobs nothing refers to; answers how many of each. */
  sweep(opts: SweepOptions): Promise<{ tmp: number; orphans: number }>;
}

export class BlobTooLargeError extends Error {}

const SHA = /^[0-9a-f]{64}$/;

/** The blob store in the data folder, where the app and the workers both find it. */
export function dataBlobStore(dataDir: string): BlobStore {
  return fileBlobStore(path.join(dataDir, 'blobs'));
}

export function fileBlobStore(root: string): BlobStore {
  const pathOf = (sha: string) => path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  return {
    put: async (source, maxBytes) => {
      const tmpDir = path.join(root, 'tmp');
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomBytes(12).toString('hex'));
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes) return done(new BlobTooLargeError(`larger than ${maxBytes} bytes`));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, meter, createWriteStream(tmp));
        // @fastify/multipart truncates instead of failing when its own limit is reached.
        if ((source as Readable & { truncated?: boolean }).truncated)
          throw new BlobTooLargeError(`larger than ${maxBytes} bytes`);
      } catch (err) {
        await unlink(tmp).catch(() => {});
        throw err;
      }
      const sha256 = hash.digest('hex');
      let state: 'pending' | 'committed' | 'discarded' = 'pending';
      return {
        sha256,
        size,
        commit: async () => {
          if (state !== 'pending') return;
          const final = pathOf(sha256);
          await mkdir(path.dirname(final), { recursive: true });
          await rename(tmp, final); // same bytes as any file already there: replacing it is harmless
          state = 'committed';
        },
        discard: async () => {
          if (state !== 'pending') return;
          state = 'discarded';
          await unlink(tmp).catch(() => {});
        },
      };
    },
    get: async (sha256) => {
      if (!SHA.test(sha256)) return null;
      const file = pathOf(sha256);
      try {
        await stat(file);
      } catch {
        return null;
      }
      return createReadStream(file);
    },
    remove: async (sha256) => {
      if (!SHA.test(sha256)) return;
      await unlink(pathOf(sha256)).catch(ignoreMissing);
    },
    sweep: async ({ tmpBefore, orphanBefore, referenced }) => {
      let tmp = 0;
      for (const name of await listDir(path.join(root, 'tmp'))) {
        const file = path.join(root, 'tmp', name);
        if ((await mtimeOf(file)) < tmpBefore.getTime()) {
          await unlink(file).catch(ignoreMissing);
          tmp += 1;
        }
      }
      let orphans = 0;
      for (const a of await listDir(root)) {
        if (!/^[0-9a-f]{2}$/.test(a)) continue;
        for (const b of await listDir(path.join(root, a))) {
          const old: string[] = [];
          for (const sha of await listDir(path.join(root, a, b)))
            if (SHA.test(sha) && (await mtimeOf(pathOf(sha))) < orphanBefore.getTime()) old.push(sha);
          if (!old.length) continue;
          const kept = await referenced(old);
          for (const sha of old) {
            if (kept.has(sha)) continue;
            // Looked at again just before: an upload of the same bytes may have replaced it meanwhile.
            if ((await mtimeOf(pathOf(sha))) >= orphanBefore.getTime()) continue;
            await unlink(pathOf(sha)).catch(ignoreMissing);
            orphans += 1;
          }
        }
      }
      return { tmp, orphans };
    },
  };
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    ignoreMissing(err as NodeJS.ErrnoException);
    return [];
  }
}

/** Modification time in ms; +Infinity when the file is gone (so it is never "old"). */
async function mtimeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch (err) {
    ignoreMissing(err as NodeJS.ErrnoException);
    return Number.POSITIVE_INFINITY;
  }
}
