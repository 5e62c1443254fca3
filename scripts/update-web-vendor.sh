#!/usr/bin/env bash
# Fetches the exact browser libraries the HTML report inlines, with their licences, from the npm registry, and puts
# them under report/src/main/resources/io/ultrafleet/report/web/vendor/. Run it after changing a version below, then
# commit the files it wrote. Needs node and npm; nothing else in the build uses them.
set -euo pipefail
ECHARTS_VERSION=6.1.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/report/src/main/resources/io/ultrafleet/report/web/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "echarts@$ECHARTS_VERSION" >/dev/null && tar -xzf "echarts-$ECHARTS_VERSION.tgz")
rm -rf "$dest/echarts"
mkdir -p "$dest/echarts"
cp "$tmp/package/dist/echarts.min.js" "$tmp/package/LICENSE" "$tmp/package/NOTICE" "$dest/echarts/"
echo "$ECHARTS_VERSION" > "$dest/echarts/VERSION"
(cd "$dest/echarts" && sha256sum echarts.min.js LICENSE NOTICE VERSION > SHA256SUMS)
echo "echarts $ECHARTS_VERSION -> ${dest#"$root/"}/echarts"
ls -l "$dest/echarts"
