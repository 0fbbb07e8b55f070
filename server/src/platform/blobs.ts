// Content-addressed file storage (sha256) behind a small interface, so S3 or similar can be added.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobStore {
  /** Stores a stream; fails with BlobTooLargeError past maxBytes (nothing is kept then). */
  put(source: Readable, maxBytes: number): Promise<StoredBlob>;
  get(sha256: string): Promise<Readable | null>;
  /** Forgets a blob no attachment refers to any more (nothing happens when it is already gone). */
  remove(sha256: string): Promise<void>;
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
      const final = pathOf(sha256);
      await mkdir(path.dirname(final), { recursive: true });
      await rename(tmp, final);
      return { sha256, size };
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
      await unlink(pathOf(sha256)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    },
  };
}
