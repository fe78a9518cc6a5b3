#!/usr/bin/env bash
# Checks the authentik reference files the tests and the dev-mode emulator read (default ../shared/authentik next to
# this checkout, or AUTHENTIK_REFERENCE_DIR, or the first argument): authentik 2026.2.2's schema.yml and the system
# and default blueprints the emulator applies, byte for byte as pinned in scripts/authentik-reference.sha256, and no
# other blueprint in those two folders (the emulator would apply it). Exit 0 when they match; otherwise 1, naming
# each file that differs, is missing or is extra, and the command that fetches the pinned files.
#   scripts/verify-authentik-reference.sh [DIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
sums="$repo/scripts/authentik-reference.sha256"
dir=${1:-${AUTHENTIK_REFERENCE_DIR:-$repo/../shared/authentik}}
fetch="scripts/fetch-authentik-reference.sh${1:+ $1}"

if command -v sha256sum > /dev/null; then
    sha256() { sha256sum "$1" | cut -d' ' -f1; }
else
    sha256() { shasum -a 256 "$1" | cut -d' ' -f1; }
fi

if [ ! -f "$dir/schema.yml" ] || [ ! -d "$dir/blueprints" ]; then
    echo "authentik reference files missing: no $dir/schema.yml and blueprints/ (authentik's API schema and" \
        "default blueprints, kept out of this repository). Fetch them: $fetch" >&2
    exit 1
fi

problems=()
while read -r expected path; do
    if [ ! -f "$dir/$path" ]; then
        problems+=("missing: $path")
    elif [ "$(sha256 "$dir/$path")" != "$expected" ]; then
        problems+=("differs from authentik 2026.2.2's: $path (SHA-256 $(sha256 "$dir/$path"), pinned $expected)")
    fi
done < "$sums"
for folder in system default; do
    [ -d "$dir/blueprints/$folder" ] || continue
    while IFS= read -r file; do
        path="blueprints/$folder/$file"
        grep -q "  $path\$" "$sums" || problems+=("not authentik 2026.2.2's (the emulator would apply it): $path")
    done < <(cd "$dir/blueprints/$folder" && find . -maxdepth 1 -type f -name '*.yaml' | sed 's|^\./||' | LC_ALL=C sort)
done

if [ "${#problems[@]}" -gt 0 ]; then
    echo "authentik reference files in $dir do not match the pinned release (scripts/authentik-reference.sha256):" >&2
    printf '  %s\n' "${problems[@]}" >&2
    echo "Fetch the pinned files: $fetch" >&2
    exit 1
fi
echo "authentik reference files in $dir match authentik 2026.2.2 ($(wc -l < "$sums" | tr -d ' ') files)"
