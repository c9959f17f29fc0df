#!/usr/bin/env bash
# Runs a command inside a fresh network namespace with only loopback up, so every packet of the
# lab (SIP, WebSocket, RTP, HTTP) stays on this machine and Chromium cannot pick an outside
# address. Needs root and unshare; otherwise runs the command on the host's loopback and says so.
#   test/lab/netns.sh <command> [args...]
# DIALBAR_NO_NETNS=1 skips the namespace. Inside, DIALBAR_NETNS=1 is set.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

if [ "${DIALBAR_NETNS:-}" = "1" ]; then
  # Already inside (or re-entered): nothing to do.
  exec "$@"
fi

if [ "${DIALBAR_NO_NETNS:-}" = "1" ]; then
  echo "[lab] DIALBAR_NO_NETNS=1: running on the host's loopback (no network namespace)" >&2
  exec "$@"
fi

reason=""
if [ "$(id -u)" != "0" ]; then
  reason="not root"
elif ! command -v unshare >/dev/null 2>&1; then
  reason="unshare not found (util-linux)"
elif ! command -v ip >/dev/null 2>&1; then
  reason="ip not found (apt-get install -y iproute2)"
elif ! unshare -n true >/dev/null 2>&1; then
  reason="unshare -n not permitted here"
fi

if [ -n "$reason" ]; then
  echo "[lab] no network namespace ($reason): running on the host's loopback" >&2
  exec "$@"
fi

echo "[lab] running in a fresh network namespace (unshare -n): loopback only" >&2
exec unshare -n -- env DIALBAR_NETNS=1 bash -c 'ip link set lo up && exec "$@"' netns "$@"
