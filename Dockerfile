# The SPL node image, for Docker users. At the repository root:
#
#   docker build -t localhost/spl-node:0.1.0 .
#   docker run --rm --network host localhost/spl-node:0.1.0 --http 7410 --id my-node
#
# It cannot be built on this project's own machines and CI: nothing can be pulled there, not
# even node:20-slim. There, scripts/build-node-image.mjs builds the same image with
# `podman import` from the local build. Both follow electron/runtime/containers/node-image.ts
# (entrypoint, folders, port, labels); electron/runtime/containers/node-image.test.ts keeps this
# file in step with it. Tag it with package.json's version: a node starts
# localhost/spl-node:<version> unless told another image.

FROM node:20-slim AS build
WORKDIR /app
# A node needs no Electron binary.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
# better-sqlite3 compiles from source where its prebuilt binary cannot be downloaded.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build the whole studio; the runtime alone is built below.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json index.ts ./
COPY shared shared
COPY electron electron
COPY definitions definitions
RUN npx tsc -p tsconfig.build.json

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# The native module compiled in the build stage (the same Node and libc as this stage).
COPY --from=build /app/node_modules/better-sqlite3/build/Release/better_sqlite3.node node_modules/better-sqlite3/build/Release/
COPY --from=build /app/dist dist
COPY bin bin
COPY definitions definitions
COPY assets/modules assets/modules
RUN mkdir -p /var/lib/spl
EXPOSE 7410
LABEL spl.avro.services="spl.execute.SPLExecuteService,spl.data.SPLDataService,spl.pipeline.SPLPipelineService,spl.node.SPLNodeService,spl.container.SPLContainerService"
# A node that starts this image appends `--http PORT --id NAME` (replacing CMD) and runs it with
# host networking, so the node inside answers on the host's 127.0.0.1:PORT.
ENTRYPOINT ["node", "/app/bin/spl.js", "node", "--data", "/var/lib/spl", "--modules", "/app/assets/modules"]
CMD ["--http", "7410"]
