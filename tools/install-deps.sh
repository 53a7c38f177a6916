#!/usr/bin/env bash
# Installs every Debian package ews-twin needs to build, test and run.
# This is the only place that lists them. Idempotent: packages already present
# are skipped, and apt-get runs only when something is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # C++ libraries of the design card
  libboost-graph-dev libmodbus-dev libeigen3-dev libhdf5-dev
  pybind11-dev libpoco-dev libbenchmark-dev libgtest-dev libgmock-dev
  libhowardhinnant-date-dev tzdata libfmt-dev libspdlog-dev libcli11-dev libyaml-cpp-dev
  # the site database (reports/sitedb) and its command-line shell for inspection
  libsqlite3-dev sqlite3
  # OpenSSL's libcrypto: PBKDF2 hashes of the users' PIN and PUK codes (reports/sitedb)
  libssl-dev
  # Python side (Debian's /usr/bin/python3 only: there is no PyPI here)
  python3 python3-dev python3-numpy python3-pytest python3-h5py python3-pandas
  # notebooks (python/notebooks, run headless by tests/python) and ews.sweep on Dask
  python3-matplotlib python3-nbclient python3-nbformat python3-ipykernel python3-distributed python3-yaml
  # Modbus peers and serial-line tools for interoperability tests
  # (pymodbus only recommends serial-asyncio, which it imports: --no-install-recommends skips it)
  socat mbpoll python3-pymodbus python3-serial-asyncio
  # the Debian package of a live site (cpack -G DEB: dpkg-shlibdeps) and its unit check
  # (systemd-analyze verify in tests/packaging)
  dpkg-dev systemd
  # the web pages (live/web/ui): built at build time by npm and esbuild, tested by node --test
  nodejs
  # the pages in a real headless browser (tests/browser): Debian's chromium, its WebDriver and
  # Selenium for /usr/bin/python3
  chromium chromium-driver python3-selenium
  # the PDF reports (reports/export): cairo's PDF surface, pango for the text, DejaVu embedded;
  # poppler-utils' pdftotext/pdftoppm read them back in the tests and docs/reports.md
  libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils
  # a real SMTP server (plain, STARTTLS, implicit TLS) for the e-mail delivery tests (docs/delivery.md)
  python3-aiosmtpd
  # the Connector (reports/connector): SFTP and SCP through libssh; its tests start a real sshd
  libssh-dev openssh-server
  # the sanitizer step and the fuzz targets (tools/ci-sanitizers.sh, fuzz/): clang with libFuzzer
  # and the sanitizer runtimes, llvm-symbolizer for the reports' stack traces
  clang libclang-rt-dev llvm
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# npm comes inside NodeSource's nodejs package (which conflicts with Debian's npm package) and
# is a package of its own beside Debian's nodejs: asked for only when the command is missing.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
