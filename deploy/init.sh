#!/usr/bin/env bash
# Prepares this folder for `docker compose up`: creates .env with fresh secrets and the traefik network.
#   ./init.sh example.com
set -euo pipefail
cd "$(dirname "$0")"

domain="${1:-}"
if [ -z "$domain" ]; then
  read -r -p "Your domain (authentik will answer at auth.<domain>): " domain
fi
case "$domain" in
  ""|*/*|*:*|*" "*) echo "init: '$domain' is not a bare domain name such as example.com" >&2; exit 1 ;;
esac

secret() { openssl rand "$1" | base64 | tr -d '\n/+=' | cut -c1-"$2"; }

if [ -f .env ]; then
  echo "init: .env exists, keeping its secrets"
  # an .env from before the service had its own token: add one, so akadmin can be retired without locking it out
  if ! grep -q '^AUTHENTIK_SERVICE_TOKEN=' .env; then
    printf '\nAUTHENTIK_SERVICE_TOKEN=%s\n' "$(secret 48 60)" >> .env
    echo "init: added AUTHENTIK_SERVICE_TOKEN to .env"
  fi
  # an .env from before each caller had its own token: add the missing ones
  for name in PROVISIONER_TRAEFIK_TOKEN PROVISIONER_NEXTCLOUD_TOKEN PROVISIONER_IMMICH_TOKEN; do
    if ! grep -q "^${name}=" .env; then
      printf '%s=%s\n' "$name" "$(secret 48 48)" >> .env
      echo "init: added ${name} to .env"
    fi
  done
  # an .env from before the apps' host names lived in it: add the guide's, under this domain
  [ -f .env.example ] && grep -E '^[A-Z_]+_HOST=.*example\.com$' .env.example | while IFS='=' read -r name value; do
    if ! grep -q "^${name}=" .env; then
      printf '%s=%s\n' "$name" "${value%example.com}${domain}" >> .env
      echo "init: added ${name}=${value%example.com}${domain} to .env"
    fi
  done
else
  cp .env.example .env
  sed -i \
    -e "s|^DOMAIN=.*|DOMAIN=${domain}|" \
    -e "s|^PG_PASS=.*|PG_PASS=$(secret 36 40)|" \
    -e "s|^AUTHENTIK_SECRET_KEY=.*|AUTHENTIK_SECRET_KEY=$(secret 60 60)|" \
    -e "s|^AUTHENTIK_BOOTSTRAP_PASSWORD=.*|AUTHENTIK_BOOTSTRAP_PASSWORD=$(secret 24 24)|" \
    -e "s|^AUTHENTIK_BOOTSTRAP_TOKEN=.*|AUTHENTIK_BOOTSTRAP_TOKEN=$(secret 48 60)|" \
    -e "s|^PROVISIONER_API_TOKEN=.*|PROVISIONER_API_TOKEN=$(secret 48 48)|" \
    -e "s|^PROVISIONER_TRAEFIK_TOKEN=.*|PROVISIONER_TRAEFIK_TOKEN=$(secret 48 48)|" \
    -e "s|^PROVISIONER_NEXTCLOUD_TOKEN=.*|PROVISIONER_NEXTCLOUD_TOKEN=$(secret 48 48)|" \
    -e "s|^PROVISIONER_IMMICH_TOKEN=.*|PROVISIONER_IMMICH_TOKEN=$(secret 48 48)|" \
    -e "s|^AUTHENTIK_SERVICE_TOKEN=.*|AUTHENTIK_SERVICE_TOKEN=$(secret 48 60)|" \
    -e "s|^ADMIN_EMAIL=.*|ADMIN_EMAIL=admin@${domain}|" \
    -e "s|^\([A-Z_]*_HOST\)=\(.*\.\)example\.com$|\1=\2${domain}|" \
    -e "s|^ADMIN_PASSWORD=.*|ADMIN_PASSWORD=$(secret 24 24)|" \
    .env
  chmod 600 .env
  echo "init: wrote .env for auth.${domain} (admin password and tokens are in it)"
fi

# The provisioner's API clients, from the tokens in .env: only their SHA-256 goes to clients/clients.yaml (which the
# service reads, and reads again when it changes: change a token in .env and run this again to rotate it). Traefik's
# token goes to traefik.env, for your Traefik container (env_file), as its HTTP provider's Authorization header.
value() { sed -n "s/^$1=//p" .env | tail -n 1; }
sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
client() { printf -- '- name: %s\n  sha256: %s\n  scopes: [%s]\n' "$1" "$(sha "$(value "$2")")" "$3"; }
mkdir -p clients
umask 077
{
  echo "# Written by init.sh from the tokens in .env (only their SHA-256); scopes: README, \"Who may call what\"."
  client admin PROVISIONER_API_TOKEN admin
  client traefik PROVISIONER_TRAEFIK_TOKEN traefik
  client nextcloud PROVISIONER_NEXTCLOUD_TOKEN apps/oidc/nextcloud
  client immich PROVISIONER_IMMICH_TOKEN apps/oidc/immich
} > clients/clients.yaml.new
mv clients/clients.yaml.new clients/clients.yaml
chmod 644 clients/clients.yaml
{
  echo "# For your Traefik container (env_file): its HTTP provider, with Traefik's token only (README, \"Traefik\")."
  echo "TRAEFIK_PROVIDERS_HTTP_ENDPOINT=http://authentik-provisioner:8080/traefik/dynamic-config"
  echo "TRAEFIK_PROVIDERS_HTTP_HEADERS_AUTHORIZATION=Bearer $(value PROVISIONER_TRAEFIK_TOKEN)"
} > traefik.env
chmod 600 traefik.env
umask 022
echo "init: wrote clients/clients.yaml (hashes only) and traefik.env (Traefik's token, for your Traefik container)"

mkdir -p data certs custom-templates
[ -f desired-state.yaml ] || cp desired-state.example.yaml desired-state.yaml
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  docker network inspect traefik >/dev/null 2>&1 || docker network create traefik >/dev/null
  echo "init: docker network 'traefik' is ready"
else
  echo "init: no Docker engine reachable; create the network later with 'docker network create traefik'"
fi
echo "init: next, 'docker compose up -d': the provisioner then moves to its own token (AUTHENTIK_SERVICE_TOKEN);"
echo "  make your own admin and retire akadmin with PUT /admins/<you> {\"name\": ..., \"deactivateAkadmin\": true}"
echo "  (or keep desired-state.yaml applied, whose first entry does it with the ADMIN_* values of .env), then e.g."
# The provisioner publishes no port and its name resolves only on the traefik network, so the call runs in a
# container there; the token goes from .env to curl through a pipe (-H @-), never into a command line.
echo "  from this folder (the provisioner answers only on the traefik network; the token stays out of ps):"
echo "  sed -n 's/^PROVISIONER_API_TOKEN=/Authorization: Bearer /p' .env | docker run -i --rm --network traefik \\"
echo "    curlimages/curl -sS -H @- -H 'Content-Type: application/json' -X PUT -d '{\"cookieDomain\": \"${domain}\"}' \\"
echo "    http://authentik-provisioner:8080/forward-auth"
