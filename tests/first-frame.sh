#!/bin/sh
# Launch to first drawn chart of a cached market (README "Performance").
#
#   tests/first-frame.sh [BUILD_DIR] [RUNS]
#
# Fills a fresh cache with four weeks of 5m Binance BTCUSDT from the fake
# exchange (FAKE_EXCHANGE, default ../shared/tools/fake_exchange.py; it
# serves 5m and 1h, no 1m), then starts the app offline under xvfb RUNS
# times with PERPSCOPE_DEBUG_FIRST_FRAME=1, which prints the time from the
# process's start to each price frame drawn with a new series: the first
# line of a run is the figure.
#
# A11Y=warm starts the accessibility bus in the session before the app, as
# a desktop session has it running (GNOME starts it at login);
# dbus-run-session alone starts it on the app's first call, and the app
# waits ~25 ms for it. The default, A11Y=cold, keeps that wait in.
set -eu

build=${1:-build-rel}
runs=${2:-3}
fake=${FAKE_EXCHANGE:-../shared/tools/fake_exchange.py}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/cache/perpscope" "$tmp/config/glib-2.0/settings"
python3 "$fake" --port 0 >"$tmp/fake.out" 2>&1 &
fake_pid=$!
for i in $(seq 100); do grep -q '^PORT ' "$tmp/fake.out" && break; sleep 0.1; done
port=$(awk '/^PORT /{print $2; exit}' "$tmp/fake.out")
PERPSCOPE_BINANCE_REST=http://127.0.0.1:$port PERPSCOPE_BINANCE_WS=ws://127.0.0.1:$port \
  "$build/src/perpscope" fetch --interval 5m --from 2026-05-25 --to 2026-06-22 \
  --cache "$tmp/cache/perpscope/cache.db"
kill "$fake_pid"
wait "$fake_pid" || true

# The settings the window opens with: the cached interval and span. Offline
# (a closed port), the recent range falls back on the latest cached span.
printf "[io/github/perpscope/Perpscope]\ninterval='5m'\nrange-days=uint32 28\n" \
  >"$tmp/config/glib-2.0/settings/keyfile"
warm=true
[ "${A11Y:-cold}" = warm ] &&
  warm='dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
          org.a11y.Bus.GetAddress >/dev/null 2>&1; sleep 0.5'
for r in $(seq "$runs"); do
  xvfb-run -a -s "-screen 0 1366x768x24" dbus-run-session -- sh -c "$warm; exec \"\$@\"" sh \
    env GDK_BACKEND=x11 GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config" \
    XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data" \
    PERPSCOPE_BINANCE_REST=http://127.0.0.1:9 PERPSCOPE_BINANCE_WS=ws://127.0.0.1:9 \
    PERPSCOPE_DEBUG_FIRST_FRAME=1 timeout 8 "$build/src/perpscope" 2>&1 |
    grep 'first frame' | head -1 || true
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); accessibility bus ${A11Y:-cold}"
