#!/usr/bin/env bash
# councilplan's one entry point for newcomers and CI.
#   ./go demo      set up (first run only) and serve the demo on http://127.0.0.1:8000
#   ./go test      set up (first run only) and run the checks and the whole test suite
#   ./go cli ...   run any councilplan command inside the project's environment
# Set-up is idempotent: it reinstalls only when pyproject.toml or package.json changed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
venv="$here/.venv"

say() { printf '==> %s\n' "$*" >&2; }

find_python() {
  local candidate version
  for candidate in "${COUNCILPLAN_PYTHON:-}" python3.13 python3.12 python3 \
      "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[3-9]*/bin/python3 \
      "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3 /usr/bin/python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ] || continue
    version=$("$candidate" -c 'import sys; print("%d%02d" % sys.version_info[:2])' 2>/dev/null) || continue
    if [ "$version" -ge 312 ]; then echo "$candidate"; return 0; fi
  done
  echo "councilplan needs Python 3.12 or newer and none was found (tried python3.13, python3.12, python3 and pyenv versions). Install one, or set COUNCILPLAN_PYTHON to its path." >&2
  return 1
}

system_packages() {
  # Debian packages the reports (WeasyPrint) and the browser tests (chromium) need.
  local wanted=(chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core fonts-noto-color-emoji poppler-utils)
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    say "missing Debian packages: ${missing[*]} (run as root, or install them: apt-get install ${missing[*]})"
    return 1
  fi
  say "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_environment() {
  local stamp="$venv/.installed" digest
  digest=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then return 0; fi
  if [ ! -x "$venv/bin/python" ]; then
    local python; python=$(find_python)
    say "creating the Python environment in .venv with $python"
    "$python" -m venv "$venv"
  fi
  say "installing councilplan and its dependencies (about a minute the first time)"
  "$venv/bin/pip" install -q --disable-pip-version-check -e ".[dev]" 2>&1 | grep -v "^WARNING: Location" >&2 || true
  "$venv/bin/python" -c "import django, councilplan" || { say "the Python install failed"; return 1; }
  echo "$digest" > "$stamp"
}

frontend_assets() {
  # GOV.UK Frontend styles compiled from Sass with a system font; served locally, never from a CDN.
  [ -f package.json ] || return 0
  local stamp="node_modules/.installed" digest
  digest=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    say "installing front-end packages (npm)"
    if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund >&2; else npm install --silent --no-audit --no-fund >&2; fi
    echo "$digest" > "$stamp"
  fi
  if [ -f scripts/build-assets.sh ]; then bash scripts/build-assets.sh >&2; fi
}

setup() {
  python_environment
  frontend_assets
}

command="${1:-help}"
shift || true
case "$command" in
  demo)
    setup
    exec "$venv/bin/councilplan" demo "$@"
    ;;
  test)
    system_packages
    setup
    export PATH="$venv/bin:$PATH"
    say "ruff"
    ruff check .
    ruff format --check .
    say "mypy (the pure code: domain and imports)"
    mypy
    say "migrations are up to date"
    DJANGO_SETTINGS_MODULE=councilplan.config.settings.test python -m django makemigrations --check --dry-run
    say "pytest (database: ${DATABASE_URL:-sqlite})"
    exec python -m pytest "$@"
    ;;
  cli)
    setup
    exec "$venv/bin/councilplan" "$@"
    ;;
  setup)
    system_packages
    setup
    ;;
  help|-h|--help)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "unknown command '$command': use ./go demo, ./go test, ./go cli ... or ./go setup" >&2
    exit 2
    ;;
esac
