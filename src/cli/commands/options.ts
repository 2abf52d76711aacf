import { InvalidArgumentError, type Command } from 'commander';

export const DEFAULT_DATA_DIR = './var';

export function addDataOption(command: Command): Command {
  return command.option(
    '--data <dir>',
    'data folder: embedded database, instance secret (ignored for the database when DATABASE_URL is set)',
    process.env.QORGAN_DATA_DIR ?? DEFAULT_DATA_DIR,
  );
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  }
  return port;
}
