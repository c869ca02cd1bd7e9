# thincim: a thin CIM/WBEM hardware-health agent.
#
#   docker build -t thincim .
#   docker run -d --name thincim -p 5989:5989 \
#     -v thincim-state:/var/lib/thincim \
#     -v /sys:/host/sys:ro \
#     --device /dev/ipmi0 \
#     thincim
#   docker exec -it thincim thincim passwd --role admin admin
#
# The image holds only the package as `npm pack` makes it (the bundle in dist/,
# which needs no node_modules, the schemas and the page's assets), runs as the
# unprivileged `node` user, and keeps all state (certificate, users, schema
# cache) in the /var/lib/thincim volume. Alpine is the smallest Node base
# (about 130 MB against about 200 MB for bookworm-slim): thincim has no native
# module, so musl changes nothing for it.

FROM node:20-alpine AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json README.md ./
COPY scripts/bundle.mjs ./scripts/
COPY bin ./bin
COPY schemas ./schemas
COPY src ./src
COPY providers ./providers
RUN npm run build \
 && npm pack --ignore-scripts \
 && mkdir /opt/thincim \
 && tar -xzf thincim-*.tgz -C /opt/thincim --strip-components=1

FROM node:20-alpine
# ipmitool reads the BMC through /dev/ipmi0 when the device is passed in.
RUN apk add --no-cache ipmitool \
 && mkdir -p /var/lib/thincim \
 && chown node:node /var/lib/thincim \
 && chmod 700 /var/lib/thincim
WORKDIR /opt/thincim
COPY --from=build /opt/thincim ./
RUN ln -s /opt/thincim/bin/thincim.js /usr/local/bin/thincim
ENV NODE_ENV=production \
    THINCIM_STATE_DIR=/var/lib/thincim \
    THINCIM_HWMON_ROOT=/host/sys
USER node
VOLUME /var/lib/thincim
EXPOSE 5988 5989
# Plain HTTP listens on the container's loopback only: the health check uses it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:5988/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/opt/thincim/bin/thincim.js"]
CMD ["serve"]
