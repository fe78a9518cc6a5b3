#!/usr/bin/env bash
# Fetches the authentik files the tests and the dev-mode emulator read, which stay out of this repository: the API
# schema (schema.yml) and the system and default blueprints of authentik 2026.2.2 (tag version/2026.2.2), each from
# GitHub at that release's commit, into DIR (default ../shared/authentik next to this checkout, or
# AUTHENTIK_REFERENCE_DIR). Every file is checked against scripts/authentik-reference.sha256 before anything is
# installed: files that do not match are refused and DIR is left as it was. Then the two public JSON schemas the
# deployment tests validate against (Compose's and SchemaStore's Traefik v3 file provider, each at a pinned commit,
# scripts/reference-schemas.sha256) into DIR's parent, as ../shared/compose/ and ../shared/traefik/, when missing.
#   scripts/fetch-authentik-reference.sh [DIR]
# The build reads the same directory: ./mvnw -Dauthentik.reference.dir=DIR, or AUTHENTIK_REFERENCE_DIR=DIR.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
sums="$repo/scripts/authentik-reference.sha256"
dir=${1:-${AUTHENTIK_REFERENCE_DIR:-$repo/../shared/authentik}}
# authentik's "release: 2026.2.2" commit, which the tag version/2026.2.2 points to
commit=5249546862986202b901c2afd860992ec48c6ef6
raw=${AUTHENTIK_REFERENCE_URL:-https://raw.githubusercontent.com/goauthentik/authentik/$commit}

if command -v sha256sum > /dev/null; then
    sha256() { sha256sum "$1" | cut -d' ' -f1; }
else
    sha256() { shasum -a 256 "$1" | cut -d' ' -f1; }
fi

# the deployment tests' schemas: each fetched to a temporary file, installed only when its checksum matches
schemas() {
    local shared expected path url tmp
    shared=$(dirname "$dir")
    while read -r expected path url; do
        [ -f "$shared/$path" ] && [ "$(sha256 "$shared/$path")" = "$expected" ] && continue
        tmp=$(mktemp)
        # REFERENCE_SCHEMAS_FROM: a folder holding the same paths, instead of the network (tests, mirrors)
        [ -n "${REFERENCE_SCHEMAS_FROM:-}" ] && url="file://$REFERENCE_SCHEMAS_FROM/$path"
        curl -fsSL --retry 3 -o "$tmp" "$url"
        if [ "$(sha256 "$tmp")" != "$expected" ]; then
            rm -f "$tmp"
            echo "refused $url: its SHA-256 is not the pinned $expected" >&2
            exit 1
        fi
        mkdir -p "$(dirname "$shared/$path")"
        mv "$tmp" "$shared/$path"
        echo "fetched $shared/$path"
    done < "$repo/scripts/reference-schemas.sha256"
}

if [ -d "$dir" ] && "$repo/scripts/verify-authentik-reference.sh" "$dir" > /dev/null 2>&1; then
    echo "authentik reference files in $dir already match authentik 2026.2.2; nothing to fetch"
    schemas
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the download: one file at a time, exactly the files the checksums name
while read -r _ path; do
    mkdir -p "$work/$(dirname "$path")"
    curl -fsSL --retry 3 -o "$work/$path" "$raw/$path"
done < "$sums"
# the check, separate from the download: nothing is installed unless every file matches
"$repo/scripts/verify-authentik-reference.sh" "$work" > /dev/null

mkdir -p "$dir/blueprints"
rm -rf "$dir/blueprints/system" "$dir/blueprints/default"
cp -R "$work/blueprints/system" "$work/blueprints/default" "$dir/blueprints/"
cp "$work/schema.yml" "$dir/schema.yml"
"$repo/scripts/verify-authentik-reference.sh" "$dir"
schemas
