// The server log: method, route pattern, status and duration. Never an IP address, a
// query string, a header, a cookie or a body (DESIGN.md: no IP logging).
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(
  options: { level?: string; destination?: pino.DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? process.env.QORGAN_LOG_LEVEL ?? 'info',
      base: undefined,
      serializers: {
        req: () => undefined,
        res: () => undefined,
        err: serializeError,
      },
      redact: { paths: ['req', 'res', 'remoteAddress', 'ip', 'headers', 'cookie'], remove: true },
    },
    options.destination ?? pino.destination(1),
  );
}

/**
 * An error as type, message, stack and code only. The standard serializer copies every
 * property, and database errors carry row values in them ("detail: Failing row contains
 * (…)", key values, query parameters): those must never reach the log on disk.
 */
function serializeError(error: unknown): {
  type: string;
  message: string;
  stack: string;
  code?: string;
} {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error), stack: '' };
  const { type, message, stack } = pino.stdSerializers.err(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return code === undefined ? { type, message, stack } : { type, message, stack, code };
}
