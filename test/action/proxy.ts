/**
 * A tiny HTTP proxy on 127.0.0.1 for the transport tests, as a corporate egress proxy behaves:
 * it tunnels CONNECT requests and forwards absolute-URI requests, and it alone resolves the
 * host names it is given (e.g. `api.github.test` -> the fake API's port); any other host gets
 * a 502, as an unknown name would. It records what it was asked for.
 */
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface TestProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `CONNECT host:port` and `GET http://host/path` lines, in order. */
  seen: string[];
  /** The Proxy-Authorization header of each of those (undefined when none). */
  auth: (string | undefined)[];
  close(): Promise<void>;
}

export async function startProxy(hosts: Record<string, number>): Promise<TestProxy> {
  const seen: string[] = [];
  const auth: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const resolve = (host: string): number | undefined => hosts[host.toLowerCase()];

  const server = createServer((req, res) => {
    // Forward proxying: the request line carries the absolute URL.
    seen.push(`${String(req.method)} ${String(req.url)}`);
    auth.push(req.headers['proxy-authorization']);
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const port = resolve(target.hostname);
    if (port === undefined) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: cannot resolve ${target.hostname}`);
      return;
    }
    const up = httpRequest({ host: '127.0.0.1', port, method: req.method, path: target.pathname + target.search, headers: req.headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${String(req.url)}`);
    auth.push(req.headers['proxy-authorization']);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const [host] = (req.url ?? '').split(':');
    const port = resolve(host);
    if (port === undefined) {
      client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const up = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    sockets.add(up);
    up.on('close', () => sockets.delete(up));
    up.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    auth,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
