#!/usr/bin/env bash
# Build councilplan's front-end assets from node_modules into the web app's static folder:
#   - application.css: our Sass entry, which compiles GOV.UK Frontend with a system font
#     (councils are not on GOV.UK: no GDS Transport) and assets served from our static URL;
#   - govuk-frontend.min.js: GOV.UK Frontend's components (pages also work without it).
# No crown, no crest, no GDS Transport font is copied. See docs/adr/0003-govuk-frontend-assets.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
frontend="node_modules/govuk-frontend/dist"
out="src/councilplan/web/static/councilplan"
if [ ! -d "$frontend/govuk" ]; then
  echo "build-assets: $frontend is missing; run 'npm ci' (or ./go setup) first" >&2
  exit 1
fi
mkdir -p "$out"
node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps \
  --load-path="$frontend" \
  src/councilplan/web/sass/application.scss "$out/application.css"
cp "$frontend/govuk/govuk-frontend.min.js" "$frontend/govuk/govuk-frontend.min.js.map" "$out/"
echo "build-assets: wrote $out/application.css and $out/govuk-frontend.min.js" >&2
