import type { OutputStream } from './cli-io.js';
import { groupDigits } from './format.js';

const BAR_WIDTH = 30;
/** A terminal is redrawn at most this often (ms); other streams get a line at most this often. */
const TTY_EVERY_MS = 100;
const LINE_EVERY_MS = 2_000;

/**
 * A progress bar on stderr: on a terminal one line redrawn in place
 * (`[#######.......]  42%  123,000 events  5,300/s`); on a pipe or file (`--progress`) a plain
 * line every two seconds. `done()` ends it with a newline (terminal) or a last line.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly totalBytes: number,
  ) {}

  /** Reports `bytes` of the file read and `events` handled so far; draws when it is time to. */
  update(bytes: number, events: number, force = false): void {
    const now = performance.now();
    const tty = this.stream.isTTY === true;
    if (!force && now - this.lastDraw < (tty ? TTY_EVERY_MS : LINE_EVERY_MS)) return;
    this.lastDraw = now;
    const fraction = this.totalBytes > 0 ? Math.min(1, bytes / this.totalBytes) : 1;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(events / seconds) : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    const text =
      `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ` +
      `${groupDigits(events)} events  ${groupDigits(rate)}/s`;
    this.stream.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
    this.drawn = true;
  }

  /** Clears the bar from a terminal line so other stderr lines (errors) print cleanly; the next update redraws it. */
  clear(): void {
    if (!this.drawn || this.stream.isTTY !== true) return;
    this.stream.write('\r\u001b[K');
    this.lastDraw = Number.NEGATIVE_INFINITY;
  }

  /** Draws the final state and ends the line. */
  done(bytes: number, events: number): void {
    this.update(bytes, events, true);
    if (this.drawn && this.stream.isTTY === true) this.stream.write('\n');
  }
}
