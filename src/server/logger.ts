// The server log: method, route pattern, status and duration. Never an IP address, a
// query string, a header, a cookie or a body (DESIGN.md: no IP logging).
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.QORGAN_LOG_LEVEL ?? 'info',
      base: undefined,
      serializers: {
        req: () => undefined,
        res: () => undefined,
        err: pino.stdSerializers.err,
      },
      redact: { paths: ['req', 'res', 'remoteAddress', 'ip', 'headers', 'cookie'], remove: true },
    },
    options.destination ?? pino.destination(1),
  );
}
