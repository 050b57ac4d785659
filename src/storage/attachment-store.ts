import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors';

export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
}

/**
 * Attachment bytes in a directory (DATA_DIR/attachments by default). Keys are random, never the client's
 * file name, so a name cannot reach outside the directory. Several instances need this directory shared.
 */
export class FileAttachmentStore {
  constructor(private readonly dir: string) {}

  /** Streams an upload to disk, refusing it (and keeping nothing) once it passes `maxBytes`. */
  async receive(source: Readable, maxBytes: number): Promise<StoredFile> {
    const key = `${new Date().toISOString().slice(0, 7)}/${randomUUID()}`;
    const path = this.pathOf(key);
    await mkdir(join(path, '..'), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) {
          callback(
            new AppError(
              'payload_too_large',
              `A file may be at most ${Math.round(maxBytes / 1024 / 1024)} MB.`,
            ),
          );
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { key, size, sha256: hash.digest('hex') };
  }

  async discard(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async open(key: string): Promise<{ stream: ReadStream; size: number }> {
    const path = this.pathOf(key);
    const info = await stat(path).catch(() => null);
    if (!info) throw new AppError('not_found', 'The attachment’s file is missing from the store.');
    return { stream: createReadStream(path), size: info.size };
  }

  private pathOf(key: string): string {
    if (!/^\d{4}-\d{2}\/[0-9a-f-]{36}$/.test(key)) throw new AppError('internal', 'Invalid storage key.');
    return join(this.dir, key);
  }
}
