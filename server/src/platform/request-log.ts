// One concise log line per request, at debug. Fastify's default writes two info lines per request
// ("incoming request", "request completed"), which buries the start-up banner (the one-time
// administrator password) within minutes. LOG_LEVEL=debug shows every request; a request that
// failed in a way Fastify sees (a broken reply) still logs at error, and sendProblem logs 500s.
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    const text = `${request.method} ${request.url} ${reply.statusCode}`;
    if (error) reply.log.error({ ...line, err: error }, text);
    else reply.log.debug(line, text);
  }
}
