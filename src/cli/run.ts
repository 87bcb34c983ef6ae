import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfigError } from '../server/env';

/**
 * Parses `--flags` strictly; unknown flags are an error with the usage line. `--help` (or `-h`) anywhere prints
 * the usage and exits 0 before anything runs.
 */
export function cliArgs<T extends NonNullable<ParseArgsConfig['options']>>(options: T, usage: string) {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(`usage: ${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ options, allowPositionals: true, strict: true });
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\nusage: ${usage}`);
  }
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Runs a CLI's main: one clear line on failure, exit code 1. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
      process.stderr.write(`${message}\n`);
      process.exit(1);
    },
  );
}
