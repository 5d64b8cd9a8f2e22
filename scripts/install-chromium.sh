#!/usr/bin/env bash
# Installs Debian's Chromium and a Chinese font (WenQuanYi Zen Hei, so that screenshots show the Chinese UI), the browser of the graph explorer's end-to-end test (app ExplorerBrowserTest, driven by
# playwright-core, which downloads no browser itself), when it is missing. Installs only under CI=true as root;
# elsewhere it says how. Never fails the caller by itself: the test skips loudly without Chromium, or fails under
# CI=true.
set -u
say() { echo "services: $*" >&2; }

[ -x /usr/bin/chromium ] && [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] && exit 0
if [ "${CI:-}" != "true" ] || [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  say "Chromium or its Chinese font is not installed; the explorer's browser test will be skipped" \
      "(install it with: apt-get install --no-install-recommends chromium fonts-wqy-zenhei)"
  exit 0
fi
say "installing chromium for the explorer's browser test"
if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
       && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-zenhei; } >&2; then
  say "could not install chromium; the explorer's browser test will fail under CI=true"
fi
exit 0
