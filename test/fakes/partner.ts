import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * An integration partner's webhook receiver on 127.0.0.1: records every request and answers
 * with the next scripted status (200 once the script runs out), or not at all for 'hang'.
 */
export class FakePartner {
  readonly received: Received[] = [];
  private script: (number | 'hang')[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '/', headers: req.headers, body });
        const next = this.script.shift() ?? 200;
        if (next === 'hang') return;
        res.writeHead(next, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The statuses of the next answers, in order. */
  answer(...statuses: (number | 'hang')[]): void {
    this.script.push(...statuses);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
