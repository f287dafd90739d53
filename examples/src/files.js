// File utilities used by the job handlers: synchronous descriptors (node:fs) for tiny reads, closed in `finally`;
// FileHandles (node:fs/promises) for everything that streams, closed by `await using`.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** The first `length` bytes of a file, to tell its type. */
export function readMagic(path, length) {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const bytesRead = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    closeSync(fd);
  }
}

/** The SHA-256 of a file, read in 64 KiB chunks. */
export async function checksum(path) {
  // `await using` closes the FileHandle when the function leaves, however it leaves.
  await using file = await open(path, 'r');
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    hash.update(chunk.subarray(0, bytesRead));
  }
  return hash.digest('hex');
}

/** Reads a small JSON file (a job's manifest) in one go. */
export function readManifest(path) {
  // cleanup: release-in-finally — if fstatSync() or readSync() throws, the descriptor stays open (suggestion only:
  // `buffer` is used after the release).
  const fd = openSync(path, 'r');
  const { size } = fstatSync(fd);
  const buffer = Buffer.alloc(size);
  readSync(fd, buffer, 0, size, 0);
  closeSync(fd);
  return JSON.parse(buffer.toString('utf8'));
}

/** The first line of a text file (a job's header). */
export async function firstLine(path) {
  // cleanup: prefer-using — a `try`/`finally` that only closes the FileHandle is a hand-written `await using`
  // (autofix: `await using file = …`, the `try` unwrapped).
  const file = await open(path, 'r');
  try {
    for await (const line of file.readLines()) return line;
    return '';
  } finally {
    await file.close();
  }
}

/** Claims an output path by creating `<path>.lock`; fails if another job holds it. */
export async function claimOutput(path) {
  // cleanup: no-floating-resource — the FileHandle `open()` resolves to is dropped, so its descriptor is never closed
  // (suggestion: `await using _fileHandle = …`).
  await open(`${path}.lock`, 'wx');
}

/** Appends one line to a log file, creating it if needed. */
export async function appendLine(path, line) {
  await using file = await open(path, 'a');
  await file.appendFile(`${line}\n`, 'utf8');
}
