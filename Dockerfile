# The production image of coffer-server: the bundle of packages/server/scripts/build.mjs run by
# plain node (no tsx, no TypeScript at run time) beside the server's runtime packages only.
#   docker build -t coffer:latest .
#   docker run --rm -p 8080:8080 -v coffer-data:/data coffer:latest     # embedded default
# Every argument goes to coffer-server: `docker run coffer:latest --list-targets`, `... migrate`.
FROM node:20-slim AS base
RUN npm i -g pnpm@12.4.2
WORKDIR /app
COPY . .

FROM base AS build
# The server and the workspace packages it bundles, with their dev dependencies (esbuild).
RUN pnpm install --frozen-lockfile --filter @coffer/server... && pnpm --filter @coffer/server build

FROM base AS runtime-packages
# The bundle holds the workspace's own code and imports every other package from
# packages/server/node_modules: the server's production dependencies are all it needs.
RUN pnpm install --frozen-lockfile --prod --filter @coffer/server

FROM node:20-slim
# COFFER_HTTP_HOST: the gateway must be reachable from outside the container.
ENV NODE_ENV=production COFFER_HTTP_HOST=0.0.0.0 COFFER_DATA_DIR=/data
WORKDIR /app
COPY --from=runtime-packages /app/node_modules ./node_modules
COPY --from=runtime-packages /app/packages/server/node_modules ./packages/server/node_modules
# Its "type": "module" makes node load the bundle as ESM.
COPY packages/server/package.json ./packages/server/
COPY --from=build /app/packages/server/dist ./packages/server/dist
RUN mkdir /data && chown node:node /data
USER node
EXPOSE 8080
ENTRYPOINT ["node", "packages/server/dist/coffer-server.js"]
