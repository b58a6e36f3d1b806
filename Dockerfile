# Relata server image: Node 20, production dependencies only, runs the TypeScript sources
# through tsx (as `npm start` does). Default datastore: embedded PGlite in the /data volume;
# set RELATA_DATASTORE_URL=postgres://... to use PostgreSQL (see docker-compose.yml).
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY bin ./bin
COPY proto ./proto
COPY src ./src

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
CMD ["node", "bin/relata.js", "serve"]
