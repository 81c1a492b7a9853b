#!/usr/bin/env node
// The development form (pnpm dev, the tests): the TypeScript entrypoint through tsx's loader, so there
// is no build step to forget. Production runs the bundle (pnpm build: dist/coffer-server.js).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
