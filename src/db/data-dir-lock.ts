import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';

/**
 * PGlite has no lock across processes: two processes on one data directory silently lose writes.
 * We take an exclusive lock file holding our pid; a lock left by a dead process is taken over.
 */
export function lockDataDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'tend.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) {
        throw new AppError(
          'data_dir_locked',
          `The data directory ${dataDir} is in use by process ${holder}. PGlite allows one process per ` +
            'data directory: stop that process, or use DATABASE_URL to share a PostgreSQL server.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('data_dir_locked', `Could not lock the data directory ${dataDir}.`);
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
