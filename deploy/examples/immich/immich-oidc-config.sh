#!/bin/sh
# Immich logs in through authentik: writes Immich's config file (IMMICH_CONFIG_FILE) with the oauth section that
# authentik-provisioner answers for the immich preset.
#
# Meant for a one-shot container that Immich's server waits for (compose.snippet.yml): Immich reads the file when
# it starts, merged over its defaults (immich server/src/utils/config.ts, buildConfig: the file may be partial, and
# it is read as YAML, of which JSON is a part). While the file is in use Immich's admin page cannot change settings.
# A second run writes nothing when the answer is the same (the provisioner answers the same client every time).
# Not held hostage: when IMMICH_CONFIG_FILE already holds an oauth section, it waits at most
# PROVISIONER_WAIT_CONFIGURED_SECONDS and then leaves the file as it is and exits 0, saying why, so Immich starts
# with it; only a first configuration fails, after PROVISIONER_WAIT_SECONDS.
#
#   PROVISIONER_URL           the provisioner as this container reaches it, e.g. http://authentik-provisioner:8080
#   PROVISIONER_API_TOKEN     its bearer token (never printed)
#   IMMICH_URL                where browsers reach Immich, e.g. https://immich.example.com
#   IMMICH_CONFIG_FILE        the file to write: the path Immich's server reads (its IMMICH_CONFIG_FILE)
#   IMMICH_CONFIG_BASE        optional: a YAML file with your other Immich settings and no oauth section; the config
#                             file is then that file with the oauth section added
#   PROVISIONER_OIDC_REQUEST  optional: the whole POST /apps/oidc body instead, for more fields (preset immich)
#   PROVISIONER_WAIT_SECONDS  how long a first configuration waits for authentik before failing (default 300)
#   PROVISIONER_WAIT_CONFIGURED_SECONDS  how long to wait when the file already holds an oauth section (default 30)
#   PROVISIONER_RETRY_DELAY   seconds between tries while the provisioner itself is unreachable (default 5)
set -eu
me=immich-oidc-config

# >>> provisioner client: the same block in every example; ExampleScriptsTest checks that the copies agree.
# POSIX sh, curl and awk only: what the official images have (no jq, python or php needed to read JSON).
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

tab=$(printf '\t')
log() { printf '%s: %s\n' "$me" "$*"; }
die() { printf '%s: %s\n' "$me" "$*" >&2; exit 1; }

# json_leaves PREFIX FILE: each string, number, true, false and null below PREFIX as "<path><TAB><value>", the path
# joining names and indexes with dots (setup.commands.0.2), strings decoded; nothing and exit 2 when FILE is no JSON.
# json_raw PATH FILE: the JSON text of the value at PATH; exit 3 when there is none.
# shellcheck disable=SC2016 # an awk program: its $ are awk's
JSON_AWK='
function fail(msg) {
    printf "invalid JSON: %s at byte %d\n", msg, p > "/dev/stderr"
    exit 2
}
function ws() {
    while (p <= n && index(" \t\r\n", substr(s, p, 1)) > 0) p++
}
function child(path, name) {
    return path == "" ? name : path "." name
}
function hex4(h,    v, i) {
    if (h !~ /^[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]$/) fail("bad \\u escape")
    v = 0
    for (i = 1; i <= 4; i++) v = v * 16 + index("0123456789abcdef", tolower(substr(h, i, 1))) - 1
    return v
}
function utf8(c) {
    if (c < 128) return sprintf("%c", c)
    if (c < 2048) return sprintf("%c%c", 192 + int(c / 64), 128 + c % 64)
    if (c < 65536) return sprintf("%c%c%c", 224 + int(c / 4096), 128 + int(c / 64) % 64, 128 + c % 64)
    return sprintf("%c%c%c%c", 240 + int(c / 262144), 128 + int(c / 4096) % 64, 128 + int(c / 64) % 64, 128 + c % 64)
}
function str(    out, c, e, lo) {
    out = ""
    for (p++; ; ) {
        c = substr(s, p, 1)
        if (c == "") fail("unterminated string")
        if (c == "\"") { p++; return out }
        if (c != "\\") {
            if (c < " ") fail("control character in a string")
            out = out c; p++; continue
        }
        e = substr(s, p + 1, 1); p += 2
        if (e == "\"" || e == "\\" || e == "/") out = out e
        else if (e == "b") out = out "\b"
        else if (e == "f") out = out "\f"
        else if (e == "n") out = out "\n"
        else if (e == "r") out = out "\r"
        else if (e == "t") out = out "\t"
        else if (e == "u") {
            c = hex4(substr(s, p, 4)); p += 4
            if (c >= 55296 && c < 56320 && substr(s, p, 2) == "\\u") {
                lo = hex4(substr(s, p + 2, 4))
                if (lo >= 56320 && lo < 57344) { c = 65536 + (c - 55296) * 1024 + lo - 56320; p += 6 }
            }
            if (c == 0 || (c >= 55296 && c < 57344)) fail("unsupported \\u escape")
            out = out utf8(c)
        } else fail("bad escape")
    }
}
function leaf(path, v) {
    if (raw != "" || (prefix != "" && index(path, prefix) != 1)) return
    if (v ~ ctl) fail("control character in the value of " path)
    leaves = leaves path "\t" v "\n"
}
function value(path,    c, start, key, i) {
    ws(); start = p; c = substr(s, p, 1)
    if (c == "{") {
        p++; ws()
        if (substr(s, p, 1) == "}") p++
        else for (;;) {
            ws()
            if (substr(s, p, 1) != "\"") fail("expected a name")
            key = str(); ws()
            if (substr(s, p, 1) != ":") fail("expected a colon")
            p++; value(child(path, key)); ws()
            c = substr(s, p, 1); p++
            if (c == "}") break
            if (c != ",") fail("expected a comma or }")
        }
    } else if (c == "[") {
        p++; ws()
        if (substr(s, p, 1) == "]") p++
        else for (i = 0; ; i++) {
            value(child(path, i)); ws()
            c = substr(s, p, 1); p++
            if (c == "]") break
            if (c != ",") fail("expected a comma or ]")
        }
    } else if (c == "\"") leaf(path, str())
    else if (substr(s, p, 4) == "true" || substr(s, p, 4) == "null") { leaf(path, substr(s, p, 4)); p += 4 }
    else if (substr(s, p, 5) == "false") { leaf(path, "false"); p += 5 }
    else if (match(substr(s, p, 64), /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) { leaf(path, substr(s, p, RLENGTH)); p += RLENGTH }
    else fail(c == "" ? "unexpected end" : "unexpected character")
    if (raw != "" && path == raw) { leaves = substr(s, start, p - start) "\n"; found = 1 }
}
BEGIN { ctl = "[" sprintf("%c", 1) "-" sprintf("%c", 31) "]" }
{ s = s $0 "\n" }
END {
    n = length(s); p = 1
    value(""); ws()
    if (p <= n) fail("text after the document")
    if (raw != "" && !found) exit 3
    printf "%s", leaves
}

'
json_leaves() { LC_ALL=C awk -v prefix="$1" -v raw= "$JSON_AWK" < "$2"; }
json_raw() { LC_ALL=C awk -v prefix= -v raw="$1" "$JSON_AWK" < "$2"; }

# json_string TEXT: TEXT as a JSON string (it must not hold control characters).
json_string() {
    case $1 in *[[:cntrl:]]*) die "a control character in '$1'" ;; esac
    printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

# leaf PATH FILE: the value at PATH (names joined by dots), when it is a string, number, true, false or null.
leaf() { json_leaves "$1" "$2" > "$work/leaf" && sed -n "s/^$1$tab//p" "$work/leaf"; }

# problem FILE: what a problem+json answer says (detail, else title), empty for anything else.
problem() {
    json_leaves '' "$1" 2> /dev/null | sed -n "s/^title$tab//p; s/^detail$tab//p" | tail -n 1
}

# retry_after FILE: the Retry-After seconds of the last answer's headers, else PROVISIONER_RETRY_DELAY; at least 1.
retry_after() {
    seconds=$(tr -d '\r' < "$1" | sed -n 's/^[Rr][Ee][Tt][Rr][Yy]-[Aa][Ff][Tt][Ee][Rr]:[[:space:]]*\([0-9][0-9]*\)[[:space:]]*$/\1/p' | tail -n 1)
    seconds=${seconds:-$retry_delay}
    [ "$seconds" -ge 1 ] || seconds=1
    echo "$seconds"
}

# wait_bound STORED: how long a start may wait for the provisioner, in $wait_seconds and the variable it comes from
# in $wait_name: PROVISIONER_WAIT_SECONDS (300) while the container holds no configuration from it yet (STORED "no"),
# PROVISIONER_WAIT_CONFIGURED_SECONDS (30) when it holds one it can start with (STORED "yes").
wait_bound() {
    if [ "$1" = yes ]; then
        wait_name=PROVISIONER_WAIT_CONFIGURED_SECONDS
        wait_seconds=${PROVISIONER_WAIT_CONFIGURED_SECONDS:-30}
    else
        wait_name=PROVISIONER_WAIT_SECONDS
        wait_seconds=${PROVISIONER_WAIT_SECONDS:-300}
    fi
}

# provisioner_post PATH BODY ANSWER: POSTs BODY to the provisioner; 0 with a 200/201 answer's body in ANSWER.
# While it answers 503/504 (authentik is starting or slow) it waits the Retry-After it sends; while it is
# unreachable (starting itself, or stopped) PROVISIONER_RETRY_DELAY; both at most $wait_seconds in all (wait_bound).
# Otherwise 1, with what it last got in $failure: the caller decides whether its container may start without the
# answer. The token goes to curl in a file, not on its command line.
provisioner_post() {
    [ -n "${PROVISIONER_URL:-}" ] || die "PROVISIONER_URL is required, e.g. http://authentik-provisioner:8080"
    [ -n "${PROVISIONER_API_TOKEN:-}" ] || die "PROVISIONER_API_TOKEN is required"
    retry_delay=${PROVISIONER_RETRY_DELAY:-5}
    deadline=$(($(date +%s) + wait_seconds))
    printf 'Authorization: Bearer %s\n' "$PROVISIONER_API_TOKEN" > "$work/auth"
    printf '%s' "$2" > "$work/request"
    while :; do
        status=$(curl -sS -o "$3" -D "$work/headers" -w '%{http_code}' --connect-timeout 5 --max-time 120 \
            -X POST -H @"$work/auth" -H 'Content-Type: application/json' -H 'Accept: application/json' \
            --data-binary @"$work/request" "${PROVISIONER_URL%/}$1" 2> "$work/curl") || status=000
        case $status in
            200 | 201) return 0 ;;
            503 | 504) wait=$(retry_after "$work/headers"); reason="$status: $(problem "$3")" ;;
            000) wait=$retry_delay; reason="unreachable: $(tail -n 1 "$work/curl")" ;;
            401) failure="POST $1 answered 401: PROVISIONER_API_TOKEN is not the provisioner's token"; return 1 ;;
            *) failure="POST $1 answered $status: $(problem "$3")"; return 1 ;;
        esac
        left=$((deadline - $(date +%s)))
        if [ "$left" -le 0 ]; then
            failure="gave up after ${wait_seconds} s ($wait_name): POST $1 still $reason"
            return 1
        fi
        [ "$wait" -le "$left" ] || wait=$left
        log "the provisioner is not ready ($reason); retrying in $wait s"
        sleep "$wait"
    done
}
# <<< provisioner client

[ -n "${IMMICH_CONFIG_FILE:-}" ] || die "IMMICH_CONFIG_FILE is required: the file Immich reads its settings from"
base=${IMMICH_CONFIG_BASE:-}
if [ -n "$base" ]; then
    [ -r "$base" ] || die "cannot read IMMICH_CONFIG_BASE $base"
    if grep -q '^oauth[[:space:]]*:' "$base"; then
        die "$base has an oauth section: this script writes it, remove it there"
    fi
    if sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' "$base" | head -n 1 | grep -q '^[[:space:]]*[{[]'; then
        die "$base must be YAML in block style (key: value lines), not JSON, so that the oauth section can be added"
    fi
fi

if [ -n "${PROVISIONER_OIDC_REQUEST:-}" ]; then
    request=$PROVISIONER_OIDC_REQUEST
else
    [ -n "${IMMICH_URL:-}" ] || die "IMMICH_URL is required: where browsers reach Immich, e.g. https://immich.example.com"
    request="{\"preset\":\"immich\",\"baseUrl\":$(json_string "$IMMICH_URL")}"
fi
# What Immich already has: an oauth section this script wrote before ({"oauth": … or an oauth: line).
if [ -s "$IMMICH_CONFIG_FILE" ] && grep -q -e '^{"oauth": ' -e '^oauth: ' "$IMMICH_CONFIG_FILE"; then
    stored=yes
else
    stored=no
fi
wait_bound "$stored"
log "asking ${PROVISIONER_URL:-the provisioner} for Immich's OIDC client"
if ! provisioner_post /apps/oidc "$request" "$work/answer"; then
    [ "$stored" = yes ] || die "$failure; no config file with an oauth section yet, so Immich would start without OIDC"
    log "keeping $IMMICH_CONFIG_FILE as it is (its oauth section is not updated): $failure"
    exit 0
fi

[ "$(leaf preset "$work/answer")" = immich ] || die "the answer is not one for the immich preset"
oauth=$(json_raw setup.configFile.oauth "$work/answer") || die "the answer has no setup.configFile.oauth (a dry run?)"

if [ -n "$base" ]; then
    { cat "$base"; printf '\n# added by %s from authentik-provisioner\noauth: %s\n' "$me" "$oauth"; } > "$work/config"
else
    printf '{"oauth": %s}\n' "$oauth" > "$work/config"
fi
client="client id $(leaf clientId "$work/answer")"
if cmp -s "$work/config" "$IMMICH_CONFIG_FILE"; then
    log "$IMMICH_CONFIG_FILE is up to date ($client)"
    exit 0
fi
# a new file beside the old one, then renamed: Immich never reads half a file
cat "$work/config" > "$IMMICH_CONFIG_FILE.new" || die "cannot write $IMMICH_CONFIG_FILE.new"
mv -f "$IMMICH_CONFIG_FILE.new" "$IMMICH_CONFIG_FILE" || die "cannot replace $IMMICH_CONFIG_FILE"
log "wrote $IMMICH_CONFIG_FILE ($client); Immich reads it when it starts"
