/** A stream the command writes to: `process.stdout` / `process.stderr`, or a test double. */
export interface OutputStream {
  write(chunk: string): boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'drain' | 'close' | 'error', listener: (...args: unknown[]) => void): unknown;
  off(event: 'drain' | 'close' | 'error', listener: (...args: unknown[]) => void): unknown;
  isTTY?: boolean;
  destroyed?: boolean;
}

/** Where a command writes: decisions and reports to `stdout`, errors and progress to `stderr`. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
}

/** The real process streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}

const CHUNK = 64 * 1024;

/**
 * Buffered line output with back-pressure. A closed pipe (`allot simulate … | head`) is not an
 * error: `closed` turns true, further writes are dropped, and the command ends quietly.
 */
export class LineSink {
  private parts: string[] = [];
  private size = 0;
  private failure: Error | null = null;
  /** True once the reader went away (EPIPE); callers should stop producing. */
  closed = false;

  constructor(private readonly stream: OutputStream) {
    stream.on('error', (error: Error) => {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') this.closed = true;
      else this.failure = error;
    });
  }

  /** Queues one line (without its newline); flushes when the buffer is full. */
  async line(text: string): Promise<void> {
    if (this.closed) return;
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= CHUNK) await this.flush();
  }

  /** Writes what is buffered and waits for the stream to drain when it asks to. */
  async flush(): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (this.closed || this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk) && this.stream.destroyed !== true) await this.drained();
    // Give the event loop a turn so an EPIPE from the reader going away is seen promptly.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.failure !== null) throw this.failure;
  }

  private drained(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('close', done);
      this.stream.once('error', done);
    });
  }
}

/** Writes whole lines to a stream, ignoring a closed pipe. For short reports and errors. */
export function writeLines(stream: OutputStream, lines: readonly string[]): void {
  if (lines.length === 0) return;
  stream.write(`${lines.join('\n')}\n`);
}
