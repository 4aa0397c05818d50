/** `zhkh`: finds the command by its words, parses its options, runs it, and exits with its code. */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { createLogger, describeError } from '../logger.js';
import { systemClock } from '../services/context.js';
import { commands, type Command } from './commands.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, exitCodeOf } from './exit-codes.js';

function usage(): string {
  const lines = commands.map((c) => {
    const opts = Object.keys(c.options).map((o) => (c.required?.includes(o) ? `--${o} …` : `[--${o} …]`));
    return `  zhkh ${[...c.words, ...opts].join(' ')}\n      ${c.summary}`;
  });
  return `Использование:\n${lines.join('\n')}\n\nКоды выхода: 0 — готово, 1 — ошибка, 2 — неверный вызов или данные.`;
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const matches = commands.filter((c) => c.words.every((w, i) => argv[i] === w));
  const command = matches.sort((a, b) => b.words.length - a.words.length)[0];
  return command && { command, rest: argv.slice(command.words.length) };
}

export async function main(argv: string[]): Promise<number> {
  const found = findCommand(argv);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return EXIT_OK;
  }
  if (!found) {
    console.error(`${argv.length > 0 ? `Неизвестная команда: ${argv.join(' ')}\n\n` : ''}${usage()}`);
    return EXIT_USAGE;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({
      args: found.rest,
      options: found.command.options,
      strict: true,
      allowPositionals: found.command.positional !== undefined,
    });
    values = parsed.values as typeof values;
    if (parsed.positionals.length > 1)
      throw new Error(`Лишние аргументы: ${parsed.positionals.slice(1).join(' ')}`);
    const positional = found.command.positional;
    if (positional && parsed.positionals[0] !== undefined) values[positional] ??= parsed.positionals[0];
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  const missing = (found.command.required ?? []).filter((o) => values[o] === undefined);
  if (missing.length > 0) {
    console.error(`Не хватает параметров: ${missing.map((o) => `--${o}`).join(', ')}`);
    return EXIT_USAGE;
  }
  try {
    const config = loadConfig();
    const logger = createLogger(found.command.words[0] === 'serve' ? config.logLevel : 'warn');
    return await found.command.run(values, {
      config,
      clock: systemClock,
      logger,
      out: (line) => console.log(line),
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return EXIT_USAGE;
    }
    if (err instanceof DomainError) {
      console.error(`Ошибка (${err.code}): ${err.message}`);
      for (const d of err.details) console.error(`  ${d.field}: ${d.problem}`);
      return exitCodeOf(err.code);
    }
    console.error('Сбой:', describeError(err));
    return EXIT_FAILED;
  }
}
