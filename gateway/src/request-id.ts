import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { markReceived } from './request-deadline.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Reuses a caller's well-formed X-Request-Id (for tracing across systems) or makes one; notes when the request arrived. */
export const requestId: RequestHandler = (req, res, next) => {
  markReceived(res);
  const incoming = req.get('x-request-id');
  const id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};
