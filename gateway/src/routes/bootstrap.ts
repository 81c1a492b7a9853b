import { Router } from 'express';
import { unary } from '@coffer/grpc';
import type { Backends } from '../backends.js';
import { callContext } from '../context.js';
import { sendData } from '../envelope.js';
import { bootstrapBody, emptyQuery } from '../schemas.js';
import { parse } from '../validate.js';

/** `POST /bootstrap`: first-run setup, answered 409 once anything exists. No token, by nature. */
export function bootstrapRoutes({ backends, deadlineMs }: { backends: Backends; deadlineMs: number }): Router {
  const router = Router();
  router.post('/bootstrap', async (req, res) => {
    parse(emptyQuery, req.query, 'query');
    const body = parse(bootstrapBody, req.body ?? {}, 'body');
    const result = await unary(
      backends.auth,
      'Bootstrap',
      { orgSlug: body.org, orgName: body.orgName ?? '', projectSlug: body.project, projectName: body.projectName ?? '' },
      { ctx: callContext(res), deadlineMs },
    );
    res.setHeader('Cache-Control', 'no-store');
    sendData(res, result, 201);
  });
  return router;
}
