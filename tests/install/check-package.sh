#!/usr/bin/env bash
# The package test: cpack builds the DEB and TGZ from the build tree; each is unpacked into a temporary root
# and checked there. Usage: check-package.sh BUILD_DIR VERSION
set -euo pipefail
build=$(cd "$1" && pwd)
version=$2
app_id=io.github.egress_studio.EgressStudio
work=$(mktemp -d)
gui_pid=
cleanup() {
  if [ -n "$gui_pid" ]; then kill "$gui_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "cpack -G DEB;TGZ"
(cd "$work" && cpack --config "$build/CPackConfig.cmake" -G "DEB;TGZ" -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$work"/out/egress-studio_"$version"_*.deb 2>/dev/null | head -1)
tgz=$(ls "$work"/out/egress-studio-"$version"-*.tar.gz 2>/dev/null | head -1)
[ -f "$deb" ] || { ls "$work/out" >&2; fail "no egress-studio_${version}_*.deb"; }
[ -f "$tgz" ] || { ls "$work/out" >&2; fail "no egress-studio-${version}-*.tar.gz"; }

step "DEB control fields"
[ "$(dpkg-deb -f "$deb" Package)" = egress-studio ] || fail "Package field"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version field is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# dpkg-shlibdeps found the libraries the programs link (with versions), not just the explicit ones.
for lib in libc6 libstdc++6 libyaml-cpp0.7; do
  grep -q "$lib (>=" <<<"$depends" || fail "Depends lacks a versioned $lib"
done
root=$work/deb
dpkg-deb -x "$deb" "$root"
prefix=$root/usr
has_gui=0
if [ -x "$prefix/bin/egress-studio" ]; then has_gui=1; fi
if [ $has_gui = 1 ]; then
  for dep in libqt6widgets6 qt6-qpa-plugins; do grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep"; done
fi

step "install layout"
for f in bin/egress-cli share/egress-studio/examples/partner-api.egress.json \
         share/applications/$app_id.desktop share/metainfo/$app_id.metainfo.xml \
         share/mime/packages/egress-studio.xml share/icons/hicolor/scalable/apps/egress-studio.svg; do
  [ -f "$prefix/$f" ] || fail "missing /usr/$f"
done
for size in 16 22 24 32 48 64 128 256 512; do
  png=$prefix/share/icons/hicolor/${size}x${size}/apps/egress-studio.png
  [ -f "$png" ] || fail "missing ${size}x${size} icon"
  file "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a ${size}x${size} PNG"
done
! find "$root" -name '*.a' -o -name 'tst_*' -o -name 'bench_*' -o -name 'egress-render-icon' | grep -q . ||
  fail "build-only files in the package"

step "installed egress-cli on the installed example"
cli_version=$(env -u EGRESS_RESOURCES "$prefix/bin/egress-cli" --version)
[ "$cli_version" = "egress-cli $version" ] || fail "egress-cli --version says '$cli_version'"
example=$prefix/share/egress-studio/examples/partner-api.egress.json
(cd "$work" && env -u EGRESS_RESOURCES "$prefix/bin/egress-cli" validate "$example") || fail "validate the example"
env -u EGRESS_RESOURCES "$prefix/bin/egress-cli" export-asl "$example" -o "$work/example.asl.json" ||
  fail "export-asl the example"
[ -s "$work/example.asl.json" ] || fail "export-asl wrote nothing"
if "$prefix/bin/egress-cli" --help | grep -q '^  cost'; then
  (cd / && env -u EGRESS_RESOURCES "$prefix/bin/egress-cli" cost "$example" >"$work/cost.txt") ||
    fail "cost on the example with the installed price tables"
  # The price tables must come from the installed share/egress-studio, not from the source tree the
  # binary was built from: break the installed copies and the installed egress-cli must notice.
  pricing=$prefix/share/egress-studio/pricing
  [ -n "$(ls "$pricing"/*.json 2>/dev/null)" ] || fail "no price tables installed"
  cp -r "$pricing" "$work/pricing.saved"
  for table in "$pricing"/*.json; do echo '{ broken' >"$table"; done
  if (cd / && env -u EGRESS_RESOURCES "$prefix/bin/egress-cli" cost "$example" >"$work/cost-broken.txt" 2>&1); then
    fail "egress-cli cost ignored the installed price tables (does it read the build tree's?)"
  fi
  grep -q "$pricing" "$work/cost-broken.txt" || { cat "$work/cost-broken.txt" >&2; fail "the error does not name the installed table"; }
  rm -rf "$pricing" && cp -r "$work/pricing.saved" "$pricing"
fi

step "desktop entry, AppStream, MIME"
desktop-file-validate "$prefix/share/applications/$app_id.desktop" || fail "desktop-file-validate"
grep -q "^Exec=egress-studio /usr/share/egress-studio/examples/partner-api.egress.json$" \
  "$prefix/share/applications/$app_id.desktop" || fail "the open-example action does not name the installed example"
appstreamcli validate --no-net --explain "$prefix/share/metainfo/$app_id.metainfo.xml" ||
  fail "appstreamcli validate"
grep -q "<release version=\"$version\"" "$prefix/share/metainfo/$app_id.metainfo.xml" ||
  fail "metainfo release is not $version"
cp -r "$prefix/share/mime" "$work/mime"
update-mime-database "$work/mime" >/dev/null 2>&1 || fail "update-mime-database"
grep -q 'application/vnd.egress-studio.project+json:\*\.egress\.json' "$work/mime/globs2" ||
  fail "*.egress.json is not mapped to the project MIME type"

step "TGZ is relocatable"
mkdir "$work/tgz"
tar -xzf "$tgz" -C "$work/tgz"
tgz_root=$(find "$work/tgz" -mindepth 1 -maxdepth 1 -type d | head -1)
(cd / && env -u EGRESS_RESOURCES "$tgz_root/bin/egress-cli" validate \
  "$tgz_root/share/egress-studio/examples/partner-api.egress.json") || fail "egress-cli from the TGZ"

if [ $has_gui = 1 ]; then
  step "installed egress-studio starts offscreen and closes"
  gui_version=$(QT_QPA_PLATFORM=offscreen timeout 20 "$prefix/bin/egress-studio" --version 2>/dev/null || true)
  grep -q "$version" <<<"$gui_version" || fail "egress-studio --version says '$gui_version'"
  export XDG_RUNTIME_DIR=$work/runtime XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
  mkdir -m 700 -p "$XDG_RUNTIME_DIR"
  env -u EGRESS_RESOURCES QT_QPA_PLATFORM=offscreen "$prefix/bin/egress-studio" "$example" >"$work/gui.log" 2>&1 &
  gui_pid=$!
  sleep 4
  kill -0 "$gui_pid" 2>/dev/null || { cat "$work/gui.log" >&2; fail "egress-studio exited on start"; }
  kill -TERM "$gui_pid"
  wait "$gui_pid" || true
  gui_pid=
else
  echo "(no egress-studio in this build: GUI checks skipped)"
fi
echo "package OK: $(basename "$deb"), $(basename "$tgz")"
