#!/usr/bin/env bash
# shellcheck disable=SC2016  # single-quoted $ are for the stubs and the inner shells
# Builds the Debian package ews-twin with `cpack -G DEB` into a temporary directory and inspects
# it without installing it (docs/deploy.md, "How the package is tested"):
#   * dpkg-deb -c / -I: the command, the register maps, the systemd unit (User=ews,
#     CAP_NET_BIND_SERVICE), /etc/ews/site.yaml as a conffile, Depends, maintainer scripts;
#   * the maintainer scripts run against logging stubs (first install, update, remove, purge);
#   * dpkg-deb -x into a temporary root: the extracted ews runs (--version), validates the
#     extracted site file, and runs the unit's ExecStart= on the extracted tree for a few seconds
#     (register maps loaded, site database seeded, clean stop on SIGTERM);
#   * systemd-analyze verify on the unit, when systemd-analyze exists.
#
# usage: test_deb_package.sh BUILD_DIR SOURCE_DIR [CPACK]
set -euo pipefail

build_dir=${1:?usage: test_deb_package.sh BUILD_DIR SOURCE_DIR [CPACK]}
source_dir=${2:?usage: test_deb_package.sh BUILD_DIR SOURCE_DIR [CPACK]}
cpack=${3:-cpack}

failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
skip() { echo "SKIP: $*"; }
check() {  # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

for tool in "$cpack" dpkg-deb dpkg-shlibdeps; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "FAIL: $tool not found (package dpkg-dev for dpkg-shlibdeps; tools/install-deps.sh)"
    exit 1
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ews-deb-test.XXXXXX")
live_pid=""
cleanup() {
  if [ -n "$live_pid" ] && kill -0 "$live_pid" 2>/dev/null; then kill -KILL "$live_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- build the package --------------------------------------------------------------------------
echo "== cpack -G DEB -B $work/pkg (in $build_dir)"
if ! (cd "$build_dir" && "$cpack" -G DEB -B "$work/pkg") >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  echo "FAIL: cpack -G DEB"
  exit 1
fi
shopt -s nullglob
debs=("$work"/pkg/ews-twin_*.deb)
shopt -u nullglob
if [ ${#debs[@]} -ne 1 ]; then
  cat "$work/cpack.log"
  echo "FAIL: expected one ews-twin_*.deb in $work/pkg, found ${#debs[@]}"
  exit 1
fi
deb=${debs[0]}
pass "cpack made $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# --- contents ----------------------------------------------------------------------------------
dpkg-deb -c "$deb" >"$work/contents.txt"
has_path() { awk '{ print $NF }' "$work/contents.txt" | sed 's|^\./|/|' | grep -qx -- "$1"; }
check "/usr/bin/ews in the package" has_path /usr/bin/ews
check "/usr/bin/ews is executable" grep -qE '^-rwxr-xr-x .* \./usr/bin/ews$' "$work/contents.txt"
maps=$(grep -c '\./usr/share/ews/profiles/.*\.yaml$' "$work/contents.txt" || true)
shipped_maps=$(find "$source_dir/models/profiles/data" -maxdepth 1 -name '*.yaml' | wc -l)
check "register maps in /usr/share/ews/profiles ($maps of $shipped_maps)" \
  test "$maps" -gt 0 -a "$maps" -eq "$shipped_maps"
check "/lib/systemd/system/ews.service in the package" has_path /lib/systemd/system/ews.service
check "/etc/ews/site.yaml in the package" has_path /etc/ews/site.yaml
check "/usr/share/doc/ews-twin/deploy.md in the package" has_path /usr/share/doc/ews-twin/deploy.md
check "nothing under /usr/local" bash -c "! grep -q '\./usr/local' '$work/contents.txt'"

# --- control -----------------------------------------------------------------------------------
dpkg-deb -I "$deb" >"$work/info.txt"
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: ews-twin" test "$(field Package)" = ews-twin
version=$(sed -n 's/^project(ews_twin VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
check "Version: $(field Version) is the project's ($version)" test "$(field Version)" = "$version"
check "Architecture: $(field Architecture) is dpkg's" test "$(field Architecture)" = "$(dpkg --print-architecture)"
check "Maintainer set" test -n "$(field Maintainer)"
check "Section set" test -n "$(field Section)"
depends=$(field Depends)
echo "   Depends: $depends"
check "Depends non-empty" test -n "$depends"
check "Depends has the shared libraries (dpkg-shlibdeps: libc6, libmodbus5)" \
  bash -c "grep -q 'libc6' <<<'$depends' && grep -q 'libmodbus5' <<<'$depends'"
check "Depends has adduser (postinst)" grep -q adduser <<<"$depends"

mkdir -p "$work/control"
dpkg-deb -e "$deb" "$work/control"
check "conffiles marks /etc/ews/site.yaml" grep -qx /etc/ews/site.yaml "$work/control/conffiles"
for script in postinst prerm postrm; do
  check "$script present and executable" test -x "$work/control/$script"
  check "$script passes sh -n" sh -n "$work/control/$script"
done

# --- maintainer scripts, run against stubs -----------------------------------------------------
# The scripts from the package, with their absolute paths (/etc/ews, /var/lib, /run/systemd/system)
# moved under the temporary directory, run by sh with every command that could change the system
# (adduser, systemctl, rm, mkdir, ...) replaced by a stub that only logs its arguments: what they
# would do on first install, update, remove and purge, without doing it.
fake="$work/fake"
stubs="$work/stubs"
mkdir -p "$fake/etc/ews" "$fake/var/lib" "$fake/run-systemd" "$stubs"
for cmd in adduser deluser delgroup useradd userdel groupadd groupdel usermod systemctl deb-systemd-helper \
           mkdir chown chmod rm rmdir mv cp ln install; do
  printf '#!/bin/sh\necho "%s $*" >>"$STUB_LOG"\n' "$cmd" >"$stubs/$cmd"
done
printf '#!/bin/sh\n[ "$FAKE_USER" = yes ] || exit 2\necho "$2:x:999:999::/var/lib/ews:/usr/sbin/nologin"\n' \
  >"$stubs/getent"
printf '#!/bin/sh\necho ews\n' >"$stubs/id"
printf '#!/bin/sh\nprintf " %%s %%s\\n" "$FAKE_SITE" "$FAKE_MD5"\n' >"$stubs/dpkg-query"
chmod +x "$stubs"/*
for script in postinst prerm postrm; do
  sed -e "s|/run/systemd/system|$fake/run-systemd|g" -e "s|/etc/ews|$fake/etc/ews|g" \
      -e "s|/var/lib|$fake/var/lib|g" "$work/control/$script" >"$work/$script.sandboxed"
done
cp "$source_dir/packaging/site.yaml" "$fake/etc/ews/site.yaml"
shipped_md5=$(md5sum "$fake/etc/ews/site.yaml" | cut -d' ' -f1)
run_script() {  # run_script LOG FAKE_USER SCRIPT ARGS...
  local log=$1 user=$2 script=$3
  shift 3
  : >"$log"
  env PATH="$stubs:$PATH" STUB_LOG="$log" FAKE_USER="$user" FAKE_SITE="$fake/etc/ews/site.yaml" \
      FAKE_MD5="$shipped_md5" sh "$work/$script.sandboxed" "$@" >>"$log.out" 2>&1 || echo "exit $?" >>"$log"
}
logged() { grep -qE -- "$2" "$1"; }
not_logged() { ! grep -qE -- "$2" "$1"; }

run_script "$work/install.log" no postinst configure ""
check "postinst (first install): creates the system user ews" \
  logged "$work/install.log" '^adduser --system --group --home [^ ]*/var/lib/ews .* ews$'
check "postinst (first install): enables ews.service" logged "$work/install.log" '^systemctl enable ews.service$'
check "postinst (first install, the shipped example site): does not start it" \
  not_logged "$work/install.log" '^systemctl (start|restart|try-restart)|^exit'
echo "# a site of your own" >>"$fake/etc/ews/site.yaml"
run_script "$work/install-own.log" no postinst configure ""
check "postinst (first install, a site of your own): starts it" logged "$work/install-own.log" '^systemctl start ews.service$'
run_script "$work/upgrade.log" yes postinst configure 0.0.9
check "postinst (update): try-restart" logged "$work/upgrade.log" '^systemctl try-restart ews.service$'
check "postinst (update): no enable, no new user" not_logged "$work/upgrade.log" '^systemctl enable|^adduser --system|^exit'
run_script "$work/prerm-remove.log" yes prerm remove
check "prerm remove: stops ews.service" logged "$work/prerm-remove.log" '^systemctl stop ews.service$'
check "prerm remove: disables ews.service" logged "$work/prerm-remove.log" '^systemctl disable ews.service$'
run_script "$work/prerm-upgrade.log" yes prerm upgrade 0.2.0
check "prerm upgrade: leaves the service running" not_logged "$work/prerm-upgrade.log" '^systemctl|^exit'
mkdir -p "$fake/var/lib/ews"
run_script "$work/postrm-remove.log" yes postrm remove
check "postrm remove: keeps the data folder and the user" not_logged "$work/postrm-remove.log" '^(rm|deluser|userdel)|^exit'
run_script "$work/postrm-purge.log" yes postrm purge
check "postrm purge: deletes the data folder /var/lib/ews" logged "$work/postrm-purge.log" "^rm -rf $fake/var/lib/ews\$"
check "postrm purge: deletes the user ews" logged "$work/postrm-purge.log" '^(deluser|userdel) .*ews$'

# --- extracted tree ----------------------------------------------------------------------------
root="$work/root"
dpkg-deb -x "$deb" "$root"
unit="$root/lib/systemd/system/ews.service"
check "unit: User=ews" grep -qx 'User=ews' "$unit"
check "unit: Group=ews" grep -qx 'Group=ews' "$unit"
check "unit: AmbientCapabilities=CAP_NET_BIND_SERVICE" grep -qx 'AmbientCapabilities=CAP_NET_BIND_SERVICE' "$unit"
check "unit: CapabilityBoundingSet=CAP_NET_BIND_SERVICE" grep -qx 'CapabilityBoundingSet=CAP_NET_BIND_SERVICE' "$unit"
check "unit: NoNewPrivileges=yes" grep -qx 'NoNewPrivileges=yes' "$unit"
check "unit: StateDirectory=ews" grep -qx 'StateDirectory=ews' "$unit"
check "unit: ExecStart runs ews live on the site file with --data /var/lib/ews" \
  grep -qx 'ExecStart=/usr/bin/ews live /etc/ews/site.yaml --data /var/lib/ews --quiet' "$unit"

ews="$root/usr/bin/ews"
site="$root/etc/ews/site.yaml"
if version_out=$("$ews" --version 2>&1); then
  check "extracted ews --version prints $version ($version_out)" grep -q "$version" <<<"$version_out"
else
  fail "extracted ews --version ($version_out)"
fi
if validate_out=$("$ews" validate "$site" 2>&1); then
  pass "extracted ews validate etc/ews/site.yaml: $validate_out"
else
  fail "extracted ews validate etc/ews/site.yaml: $validate_out"
fi

# The service's own command line (the unit's ExecStart=) on the extracted tree: the extracted
# program and site file and a temporary data folder in place of /usr/bin/ews, /etc/ews/site.yaml
# and /var/lib/ews, and the site's gateway pointed at a local port nobody listens on (--gateway).
# It loads the register maps (validate does not), seeds the site database and polls: the devices
# go to communication error, the run goes on. Then SIGTERM, as systemd stops it: exit 0.
read -r -a service_command <<<"$(sed -n 's/^ExecStart=//p' "$unit")"
free_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
live_runs=0
live_run() {  # live_run LABEL PREFIX...: the service's command run under PREFIX (env ..., unshare ...)
  local label=$1
  shift
  live_runs=$((live_runs + 1))
  local data="$work/data-$live_runs" log="$work/live-$live_runs.log" word rc
  local command=()
  for word in "${service_command[@]}"; do
    case "$word" in
      /usr/bin/ews) command+=("$ews") ;;
      /etc/ews/site.yaml) command+=("$site") ;;
      /var/lib/ews) command+=("$data") ;;
      *) command+=("$word") ;;
    esac
  done
  "$@" "${command[@]}" --gateway "$gateway=127.0.0.1:$free_port" >"$log" 2>&1 &
  live_pid=$!
  sleep 3
  if kill -0 "$live_pid" 2>/dev/null; then
    kill -TERM "$live_pid"
    wait "$live_pid" && rc=0 || rc=$?
    live_pid=""
    if [ "$rc" -eq 0 ] && [ -f "$data/ews.db" ]; then
      pass "extracted ews live ($label): loaded the maps, seeded the data folder's ews.db, polled, exit 0 on SIGTERM"
    else
      fail "extracted ews live ($label): exit $rc after SIGTERM, ews.db $([ -f "$data/ews.db" ] && echo written || echo missing): $(cat "$log")"
    fi
    return 0
  fi
  wait "$live_pid" && rc=0 || rc=$?
  live_pid=""
  if [ "$rc" -eq 97 ] || [ "$rc" -eq 98 ]; then
    skip "extracted ews live ($label): could not hide the source tree's maps in a mount namespace (exit $rc)"
  else
    fail "extracted ews live ($label) ended by itself, exit $rc: $(cat "$log")"
  fi
}

if python3 -c 'import yaml' 2>/dev/null; then
  gateway=$(python3 - "$site" <<'EOF'
import sys, yaml
site = yaml.safe_load(open(sys.argv[1]))
print(next(g["name"] for g in site["installation"]["gateways"] if g.get("kind", "physical") == "physical"))
EOF
)
  # 1. The maps through the documented override, EWS_PROFILE_DIR, pointed at the extracted ones.
  live_run "maps from EWS_PROFILE_DIR" env "EWS_PROFILE_DIR=$root/usr/share/ews/profiles"

  # 2. Nothing set, as the service runs it. profiles::defaultProfileDirectory() takes the source
  # tree's maps (a compiled-in path) when they exist, so hide them in a private mount namespace:
  # the extracted binary must then find <root>/usr/share/ews/profiles beside itself.
  if command -v unshare >/dev/null 2>&1 && unshare -rm true 2>/dev/null; then
    live_run "maps beside the binary, source tree hidden" \
      unshare -rm bash -c 'mount -t tmpfs none "$1" || exit 97; [ ! -e "$1/data" ] || exit 98; shift
                           exec env -u EWS_PROFILE_DIR "$@"' _ "$source_dir/models/profiles"
  else
    skip "maps beside the binary: no private mount namespace here (unshare -rm) to hide the source tree's maps"
  fi
else
  skip "ews live on the extracted site: python3-yaml missing (reads the site's gateway name)"
fi

# --- systemd-analyze verify --------------------------------------------------------------------
if command -v systemd-analyze >/dev/null 2>&1; then
  # The unit as shipped, but ExecStart= pointing at the extracted binary: verify checks that the
  # program exists (/usr/bin/ews is not installed here). `--root=` cannot do it: the extracted
  # tree has none of systemd's own units. verify exits 0 on unknown keys and values it ignores,
  # so any output is a failure too.
  sed 's|^ExecStart=/usr/bin/ews |ExecStart='"$root"'/usr/bin/ews |' "$unit" >"$work/ews.service"
  if ! grep -q "^ExecStart=$root/usr/bin/ews live" "$work/ews.service"; then
    fail "systemd-analyze verify: could not point ExecStart= at the extracted binary"
  elif systemd-analyze verify "$work/ews.service" >"$work/verify.log" 2>&1 && [ ! -s "$work/verify.log" ]; then
    pass "systemd-analyze verify ews.service (ExecStart= at the extracted binary): no warning"
  else
    fail "systemd-analyze verify ews.service: $(cat "$work/verify.log")"
  fi
else
  skip "systemd-analyze not found (package systemd): the unit was not verified"
fi

echo
if [ "$failures" -ne 0 ]; then
  echo "test_deb_package: $failures check(s) failed"
  exit 1
fi
echo "test_deb_package: all checks passed"
