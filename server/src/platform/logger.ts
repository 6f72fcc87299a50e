import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs without personal data: no query strings (searches carry phone numbers),
 * no bodies, no cookies or authorization headers.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
