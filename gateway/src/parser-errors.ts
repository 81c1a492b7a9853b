import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorEnvelope, httpStatusOf, type ErrorCode } from '@coffer/contract';
import { SECURITY_HEADERS } from './security-headers.js';

/** How long a socket answered here is still read from before it is destroyed (see `endWith`). */
const LINGER_MS = 1_000;

/**
 * A complete HTTP/1.1 error answer, written straight to a socket: what Express would send for the
 * same code, and `Connection: close`. Nothing in it comes from the request.
 */
export function rawErrorAnswer(code: ErrorCode, message: string): Buffer {
  const status = httpStatusOf(code);
  const body = JSON.stringify(errorEnvelope(code, message));
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    `X-Request-Id: ${randomUUID()}`,
    ...SECURITY_HEADERS.map(([name, value]) => `${name}: ${value}`),
  ];
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}`);
}

type ParserError = Error & { code?: string; rawPacket?: Buffer };

/** A method is a token followed by a space: `FOO / HTTP/1.1` is a method Node does not know, TLS or random bytes are not HTTP at all. */
const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ /;

/** The code and message for a request Node's HTTP parser (or its timers) refused, by the error's code. */
export function describeParserError(err: ParserError): { code: ErrorCode; message: string } {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'HEADERS_TOO_LARGE', message: 'the request line and headers are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'REQUEST_TIMEOUT', message: 'the request was not received in time' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'PAYLOAD_TOO_LARGE', message: 'the chunk extensions of the request body are too large' };
    case 'HPE_INVALID_METHOD':
      return METHOD_TOKEN.test(err.rawPacket?.subarray(0, 64).toString('latin1') ?? '')
        ? { code: 'UNIMPLEMENTED', message: 'this method is not supported' }
        : { code: 'INVALID_ARGUMENT', message: 'the request is not HTTP/1.1' };
    case 'HPE_PAUSED_H2_UPGRADE':
      return { code: 'INVALID_ARGUMENT', message: 'HTTP/2 without TLS is not supported: use HTTP/1.1' };
    case 'HPE_INVALID_CHUNK_SIZE':
      return { code: 'INVALID_ARGUMENT', message: 'the chunked request body is malformed' };
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
      // Content-Length with Transfer-Encoding, twice, or malformed: two readers could frame the body differently.
      return { code: 'INVALID_ARGUMENT', message: 'the length of the request body is ambiguous or malformed (Content-Length, Transfer-Encoding)' };
    case 'HPE_INVALID_HEADER_TOKEN':
      return { code: 'INVALID_ARGUMENT', message: 'a request header is malformed' };
    case 'HPE_INVALID_URL':
      return { code: 'INVALID_ARGUMENT', message: 'the request target is malformed' };
    default:
      return { code: 'INVALID_ARGUMENT', message: 'the request is not valid HTTP/1.1' };
  }
}

const answered = new WeakSet<Duplex>();

/**
 * Ends the connection with `answer`. The client may still be sending (the rest of oversized
 * headers): closing on unread bytes would reset the connection and lose the answer, so the socket
 * is read a little longer and then destroyed.
 */
function endWith(socket: Duplex, answer: Buffer): void {
  answered.add(socket);
  socket.on('error', () => socket.destroy());
  socket.end(answer);
  socket.resume();
  const linger = setTimeout(() => socket.destroy(), LINGER_MS);
  linger.unref();
  socket.once('close', () => clearTimeout(linger));
}

/**
 * The server's `clientError` listener: Node's own answers to these have no body. A parser that
 * failed once fails again on the next bytes, so a socket is answered once.
 */
export function answerClientError(err: ParserError, socket: Duplex): void {
  if (answered.has(socket)) return;
  // Node's own handler checks the same: an answer to an earlier request on this socket may be half written.
  const inProgress = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || !socket.writable || inProgress?.headersSent) {
    socket.destroy();
    return;
  }
  const { code, message } = describeParserError(err);
  endWith(socket, rawErrorAnswer(code, message));
}

/** The server's `connect` listener: without one Node drops a CONNECT request with no answer at all. */
export function refuseConnect(_req: IncomingMessage, socket: Duplex): void {
  endWith(socket, rawErrorAnswer('UNIMPLEMENTED', 'CONNECT is not supported'));
}
