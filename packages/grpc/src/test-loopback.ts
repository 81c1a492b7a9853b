import type * as grpc from '@grpc/grpc-js';
import { afterEach } from 'vitest';
import { bindServer, createGrpcServer, shutdownServer } from './server.js';

interface Closable {
  close(): void;
}

/**
 * gRPC servers on loopback for the tests of one file. Call it at the top level of a test file:
 * after each test every client it made is closed and every server shut down.
 */
export function loopbackServers() {
  const servers: grpc.Server[] = [];
  const clients: Closable[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await Promise.all(servers.splice(0).map((server) => shutdownServer(server, 1_000)));
  });

  /** A server (not yet bound) that is shut down after the test. */
  const server = (options?: grpc.ServerOptions): grpc.Server => {
    const created = createGrpcServer(options);
    servers.push(created);
    return created;
  };
  /** A client that is closed after the test. */
  const client = <C extends Closable>(made: C): C => {
    clients.push(made);
    return made;
  };
  return {
    server,
    client,
    /** Starts a server with what `register` adds, on a free loopback port, and connects a client to it. */
    async serve<C extends Closable>(register: (server: grpc.Server) => void, connect: (address: string) => C, options?: grpc.ServerOptions): Promise<C> {
      const started = server(options);
      register(started);
      const port = await bindServer(started, '127.0.0.1', 0);
      return client(connect(`127.0.0.1:${port}`));
    },
  };
}
