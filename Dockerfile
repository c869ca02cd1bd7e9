# thincim: a thin CIM/WBEM hardware-health agent.
#
#   docker build -t thincim .
#   docker run -d --name thincim -p 5989:5989 --hostname "$(hostname)" \
#     -v thincim-state:/var/lib/thincim \
#     -v /sys:/host/sys:ro \
#     thincim
#   docker exec -it thincim thincim passwd --role admin admin
#   docker kill -s HUP thincim          # the running server reads the new user
#
# --hostname: the host's name, not the container's id, is the SystemName, the
# certificate's name and the SNMP engine ID. On a host with a BMC only, add
# `--device /dev/ipmi0 --group-add <group of /dev/ipmi0>` (the image runs as
# `node`, which must be able to open the device; see the README).
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
COPY scripts ./scripts
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
# tini is PID 1: it reaps orphaned processes (Node.js waits only for its own
# children, so a provider command's leftover child stayed a zombie) and
# forwards signals to node, whose exit status it returns.
RUN apk add --no-cache ipmitool tini \
 && mkdir -p /var/lib/thincim \
 && chown node:node /var/lib/thincim \
 && chmod 700 /var/lib/thincim
WORKDIR /opt/thincim
COPY --from=build /opt/thincim ./
RUN ln -s /opt/thincim/bin/thincim.js /usr/local/bin/thincim
ENV NODE_ENV=production \
    THINCIM_STATE_DIR=/var/lib/thincim \
    THINCIM_HWMON_ROOT=/host/sys
# Numeric: Kubernetes' runAsNonRoot cannot check a name ("image has non-numeric user (node),
# cannot verify user is non-root"). 1000:1000 is the base image's node user.
USER 1000:1000
VOLUME /var/lib/thincim
EXPOSE 5988 5989
# Plain HTTP listens on the container's loopback only: the health check uses
# it, or HTTPS (/healthz is open there by default) when THINCIM_HTTP_PORT is 0.
# Ports set in a configuration file instead of these variables need their own
# HEALTHCHECK. busybox's wget, not node: a check that started Node.js took
# ~40 MB of the container's memory limit for a moment every 30 s. -Y off: no
# proxy (Docker passes its client's http_proxy on; busybox ignores no_proxy).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s \
  CMD port="${THINCIM_HTTP_PORT:-5988}"; \
      if [ "$port" = 0 ]; then url="https://127.0.0.1:${THINCIM_HTTPS_PORT:-5989}/healthz"; else url="http://127.0.0.1:$port/healthz"; fi; \
      wget -Y off -q --no-check-certificate -O /dev/null "$url"
# -s: a subreaper too under `docker run --init`, where it is not PID 1.
ENTRYPOINT ["/sbin/tini", "-s", "--", "node", "/opt/thincim/bin/thincim.js"]
CMD ["serve"]
