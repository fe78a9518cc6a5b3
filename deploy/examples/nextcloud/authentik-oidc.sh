#!/bin/sh
# Nextcloud logs in through authentik, configured again on every container start.
#
# A hook for the official Nextcloud image: mount it into /docker-entrypoint-hooks.d/before-starting/ (executable;
# compose.snippet.yml). The image's entrypoint runs it on every start, before Apache or PHP-FPM, as the web server
# user (www-data) in /var/www/html, with the container's environment (entrypoint.sh: run_path before-starting,
# run_as = su -p "$user"); a failing hook stops the start.
#
# It asks authentik-provisioner for this Nextcloud's OIDC client (POST /apps/oidc, preset nextcloud), waiting while
# authentik starts, then enables the user_oidc app and runs the occ commands of the answer's setup, each with its
# arguments as given (no shell splits them). A second start changes nothing: the provisioner answers the same client
# id and secret every time, and `occ user_oidc:provider` updates the provider of that name in place (user_oidc
# lib/Command/UpsertProvider.php, ProviderMapper::createOrUpdateProvider).
#
# Not held hostage: when Nextcloud already holds the provider (a start after the first), the hook waits at most
# PROVISIONER_WAIT_CONFIGURED_SECONDS and then lets Nextcloud start with what it holds, saying why. Only a first
# configuration may stop the start, after PROVISIONER_WAIT_SECONDS, naming what it last got.
#
# The client secret never appears in a process's arguments (ps shows them to every user of the host): it reaches
# user_oidc in the environment of its one call, --clientsecret-env (user_oidc 8.4.0 and later,
# lib/Command/UpsertProvider.php getClientSecretInput).
#
#   PROVISIONER_URL                     the provisioner as this container reaches it, e.g. http://authentik-provisioner:8080
#   PROVISIONER_API_TOKEN               its bearer token (never printed)
#   NEXTCLOUD_URL                       where browsers reach this Nextcloud, e.g. https://nc.example.com
#   PROVISIONER_OIDC_REQUEST            optional: the whole POST /apps/oidc body instead (preset nextcloud)
#   PROVISIONER_WAIT_SECONDS            how long a first configuration waits for authentik before failing (default 300)
#   PROVISIONER_WAIT_CONFIGURED_SECONDS how long a start with a stored configuration waits (default 30)
#   PROVISIONER_RETRY_DELAY             seconds between tries while the provisioner itself is unreachable (default 5)
#   NEXTCLOUD_DIR                       the directory holding occ (default /var/www/html)
set -eu
me=authentik-oidc

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

# occ ARG...: php occ with exactly these arguments; nothing to answer on stdin.
occ() { php occ "$@" < /dev/null; }

# The identifier of the provider the provisioner's setup creates (oidc/OidcSetup.java IDENTITY_PROVIDER_NAME).
provider=Authentik
# user_oidc reads the client secret from this variable (--clientsecret-env), set for that one call only.
secret_variable=AUTHENTIK_OIDC_CLIENT_SECRET

# run_command: runs the command whose arguments stdin holds, one a line. Only `php occ` commands are run; a
# --clientsecret=... argument becomes --clientsecret-env=AUTHENTIK_OIDC_CLIENT_SECRET, the secret going into that
# variable of this one call's environment. 0, or 1 with what failed in $failure.
run_command() {
    set --
    secret=
    while IFS= read -r arg; do
        case $arg in
            --clientsecret=*) secret=${arg#--clientsecret=}; arg="--clientsecret-env=$secret_variable" ;;
        esac
        set -- "$@" "$arg"
    done
    if [ "$#" -lt 3 ] || [ "$1" != php ] || [ "$2" != occ ]; then
        die "refusing a setup command that is not 'php occ ...'"
    fi
    shift 2
    log "php occ $1 (its other arguments are not printed: the setup holds the client secret)"
    if [ -n "$secret" ]; then
        (export "$secret_variable=$secret"; occ "$@") && return 0
        failure="php occ $1 failed (user_oidc 8.4.0 or later reads the client secret from the environment: \
php occ app:update $app)"
        return 1
    fi
    occ "$@" && return 0
    failure="php occ $1 failed"
    return 1
}

# give_up REASON: the end of a start that could not configure OIDC. With a stored configuration Nextcloud starts
# with it; without one it must not start (logins would fail), and the next start tries again.
give_up() {
    if [ "$stored" = yes ]; then
        log "starting with the OIDC configuration Nextcloud already holds (provider $provider), not updated: $1"
        exit 0
    fi
    die "$1; Nextcloud holds no OIDC configuration yet, so it does not start without one (the next start tries again)"
}

cd "${NEXTCLOUD_DIR:-/var/www/html}" || die "no Nextcloud directory ${NEXTCLOUD_DIR:-/var/www/html}"

# before-starting also runs while a new Nextcloud waits for its web installer: nothing to configure yet then.
occ status --output=json > "$work/status" 2> /dev/null || die "php occ status failed"
sed -n '/^{/p' "$work/status" > "$work/status.json"
installed=$(leaf installed "$work/status.json" 2> /dev/null) || die "php occ status answered no JSON"
if [ "$installed" != true ]; then
    log "Nextcloud is not installed yet: OIDC login is set up on the first start after the installation"
    exit 0
fi

# What Nextcloud already holds: user_oidc answers for a provider of that name only when it has one (and only while
# the app is enabled); nothing of it is printed.
if occ user_oidc:provider "$provider" > /dev/null 2>&1; then
    stored=yes
else
    stored=no
fi
wait_bound "$stored"
if [ "$stored" = yes ]; then
    log "Nextcloud holds an OIDC configuration (provider $provider): waiting at most $wait_seconds s for an update"
fi

if [ -n "${PROVISIONER_OIDC_REQUEST:-}" ]; then
    request=$PROVISIONER_OIDC_REQUEST
else
    [ -n "${NEXTCLOUD_URL:-}" ] || die "NEXTCLOUD_URL is required: where browsers reach Nextcloud, e.g. https://nc.example.com"
    request="{\"preset\":\"nextcloud\",\"baseUrl\":$(json_string "$NEXTCLOUD_URL")}"
fi
log "asking ${PROVISIONER_URL:-the provisioner} for this Nextcloud's OIDC client"
provisioner_post /apps/oidc "$request" "$work/answer" || give_up "$failure"

[ "$(leaf preset "$work/answer")" = nextcloud ] || die "the answer is not one for the nextcloud preset"
json_leaves setup. "$work/answer" > "$work/setup" || die "the answer's setup cannot be read"
app=$(sed -n "s/^setup\.app$tab//p" "$work/setup")
[ -n "$app" ] || die "the answer has no setup (a dry run?)"

# Current Nextcloud's app:enable downloads a missing app (core/Command/App/Enable.php) and answers "already enabled"
# with success; older ones answer "not found" for an app not yet downloaded, which app:install then fetches.
occ app:enable "$app" || occ app:install "$app" || give_up "cannot enable the $app app"

i=0
while grep -q "^setup\.commands\.$i\.0$tab" "$work/setup"; do
    sed -n "s/^setup\.commands\.$i\.[0-9][0-9]*$tab//p" "$work/setup" > "$work/command"
    run_command < "$work/command" || give_up "$failure"
    i=$((i + 1))
done
[ "$i" -gt 0 ] || die "the answer's setup has no commands"
log "done: Nextcloud logs in through authentik (client id $(leaf clientId "$work/answer"))"
