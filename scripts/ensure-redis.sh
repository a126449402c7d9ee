#!/usr/bin/env bash
# Installs redis-server from apt when it is missing, so that the Redis
# replay store's tests (examples/redisreplay) run against a real server
# on a fresh machine. Needs root or sudo only when it has to install.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -eq 0 ]; then
	sudo=()
elif command -v sudo >/dev/null 2>&1; then
	sudo=(sudo)
else
	echo "ensure-redis: redis-server is missing, and installing it needs root or sudo" >&2
	exit 1
fi
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server
