import { Histogram, type Registry } from 'prom-client';

export type HttpDurationHistogram = Histogram<'method' | 'route' | 'status_code'>;

export function createHttpDurationHistogram(registry: Registry): HttpDurationHistogram {
  return new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
}
