# syntax=docker/dockerfile:1

# Baleia itself, as a container: the Discord bot with its SQLite database in a volume.

# Build stage: production dependencies, with better-sqlite3 compiled here (it needs a
# compiler and Python) so the final image carries none of the toolchain.
FROM node:20-bookworm-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
ENV npm_config_build_from_source=true
RUN npm ci --omit=dev && npm cache clean --force

# Final stage: Node, the DejaVu fonts the /host picture is drawn with, the app, a non-root user.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    DATABASE_PATH=/data/baleia.db
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY commands ./commands
COPY data ./data
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
# Node runs as PID 1's child under `init: true` (compose) and receives SIGTERM directly,
# so the bot stops gracefully: in-flight replies finish and the database closes.
CMD ["node", "--import", "tsx", "src/main.ts"]
