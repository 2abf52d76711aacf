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

/**
 * The address people reach this server at, when QORGAN_PUBLIC_ORIGIN does not say:
 * http://HOST:PORT of the listening socket, so printed links (the receipt's return
 * address, the setup link) carry the port actually in use.
 */
export function listeningOrigin(
  host: string,
  port: number,
  env: NodeJS.ProcessEnv = process.env,
): { publicOrigin: string } | Record<string, never> {
  if (env.QORGAN_PUBLIC_ORIGIN || port === 0) return {};
  const hostForUrl = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return { publicOrigin: `http://${hostForUrl}:${port}` };
}
