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
# The image holds only the built code and the production dependencies, runs as
# the unprivileged `node` user, and keeps all state (certificate, users,
# schema cache) in the /var/lib/thincim volume. Alpine is the smallest Node
# base (about 130 MB against about 200 MB for bookworm-slim): thincim has no
# native module, so musl changes nothing for it.

FROM node:20-alpine AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY providers ./providers
COPY scripts/prune-production.sh ./scripts/
RUN npm run build \
 && npm ci --omit=dev --ignore-scripts \
 && sh scripts/prune-production.sh node_modules dist

FROM node:20-alpine
# ipmitool reads the BMC through /dev/ipmi0 when the device is passed in.
RUN apk add --no-cache ipmitool \
 && mkdir -p /var/lib/thincim \
 && chown node:node /var/lib/thincim \
 && chmod 700 /var/lib/thincim
WORKDIR /opt/thincim
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY bin ./bin
COPY schemas ./schemas
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
