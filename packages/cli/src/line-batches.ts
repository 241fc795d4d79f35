import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliError, EXIT_INVALID } from './cli-error.js';

/** A run of consecutive lines of a file, as JSON Lines text the runtime can ingest. */
export interface LineBatch {
  /** The lines joined with `\n` (blank lines included, so line k of the text is file line `firstLine + k - 1`). */
  text: string;
  /** The file line number of the text's first line (1-based). */
  firstLine: number;
  /** Non-blank lines in the batch. */
  lines: number;
  /** Bytes of the file read up to the end of this batch (for progress). */
  bytesRead: number;
}

/** The size of a readable regular file, or exit 1 naming the file and what is wrong. */
export async function fileSize(file: string, what: string): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new CliError(EXIT_INVALID, `${file}: cannot read ${what}: ${reason}`);
  }
}

/**
 * Reads a UTF-8 file line by line (LF or CRLF; a byte-order mark dropped) and yields batches of
 * `size` non-blank lines, so a file of any length streams in constant memory.
 */
export async function* lineBatches(file: string, size: number): AsyncGenerator<LineBatch> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  let parts: string[] = [];
  let firstLine = 1;
  let lineNo = 0;
  let nonBlank = 0;
  let bytesRead = 0;
  for await (const raw of lines) {
    lineNo++;
    const text = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    bytesRead += Buffer.byteLength(raw, 'utf8') + 1;
    parts.push(text);
    if (text.trim().length > 0) nonBlank++;
    if (nonBlank >= size) {
      yield { text: parts.join('\n'), firstLine, lines: nonBlank, bytesRead };
      parts = [];
      firstLine = lineNo + 1;
      nonBlank = 0;
    }
  }
  if (nonBlank > 0) yield { text: parts.join('\n'), firstLine, lines: nonBlank, bytesRead };
}
