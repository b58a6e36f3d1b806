# Relata server image: Node 20, production dependencies only, running the compiled JavaScript
# (`npm run build` in a build stage; the image ships dist/, not src/, so bin/relata.js and the
# CMD run dist/ and tsx is never loaded). Default datastore: embedded PGlite in the /data volume;
# set RELATA_DATASTORE_URL=postgres://... to use PostgreSQL (see docker-compose.yml).
FROM node:20-bookworm-slim AS build

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY bin ./bin
COPY proto ./proto
COPY --from=build /app/dist ./dist

RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]

ENV RELATA_GRPC_ADDR=0.0.0.0:8081 \
    RELATA_METRICS_ADDR=0.0.0.0:9091 \
    RELATA_DATASTORE_URL=pglite:/data \
    RELATA_LOG_LEVEL=info

EXPOSE 8081 9091
USER node

HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:9091/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# `node` is PID 1: it receives SIGTERM directly and drains in-flight calls before exiting.
CMD ["node", "dist/cli/main.js", "serve"]
