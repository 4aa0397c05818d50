/** A progress bar on stderr: redrawn in place on a terminal, a line per tenth when piped to a log. */
import type { Progress } from '../services/progress.js';

export function progressBar(
  title: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress & { finish(): void } {
  let lastTenth = -1;
  let drawn = false;
  const width = 30;
  const bar = ((done: number, total: number, label: string) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const percent = Math.floor(ratio * 100);
    if (stream.isTTY) {
      const filled = Math.round(ratio * width);
      stream.write(
        `\r${title} [${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total} ${label}`
          .slice(0, (stream.columns || 120) - 1)
          .padEnd(Math.min(stream.columns || 120, 120) - 1),
      );
      drawn = true;
    } else if (Math.floor(percent / 10) !== lastTenth) {
      lastTenth = Math.floor(percent / 10);
      stream.write(`${title}: ${percent}% (${done}/${total}) ${label}\n`);
    }
  }) as Progress & { finish(): void };
  bar.finish = () => {
    if (drawn) stream.write('\n');
  };
  return bar;
}
