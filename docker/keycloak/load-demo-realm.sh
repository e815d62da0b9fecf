#!/bin/bash
# compose --profile demo: replaces the production realm "partners", freshly imported and still without people, with the
# demo realm of the local run and the tests (partners-realm.json next to this script: demo partners, users and their
# passwords), then gives the partner API's service account the secret of the environment again. Refuses to touch a
# realm that already has people in it, and does nothing when the demo is already loaded.
set -euo pipefail

: "${KEYCLOAK_URL:?set KEYCLOAK_URL, the Keycloak to load the demo into}"
: "${KEYCLOAK_ADMIN_USERNAME:?set KEYCLOAK_ADMIN_USERNAME, an administrator of the master realm}"
: "${KEYCLOAK_ADMIN_PASSWORD:?set KEYCLOAK_ADMIN_PASSWORD, that administrator's password}"
: "${PARTNER_API_WAR_CLIENT_SECRET:?set PARTNER_API_WAR_CLIENT_SECRET, the partner API service account's client secret}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
keycloak_home="${KEYCLOAK_HOME:-/opt/keycloak}"
config_dir="$(mktemp -d)"
trap 'rm -rf "$config_dir"' EXIT
kcadm() { "$keycloak_home/bin/kcadm.sh" "$@" --config "$config_dir/kcadm.config"; }

# kcadm reads the password from KC_CLI_PASSWORD: it never appears on a command line.
KC_CLI_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" kcadm config credentials --server "$KEYCLOAK_URL" --realm master \
  --user "$KEYCLOAK_ADMIN_USERNAME"

people="$(kcadm get users -r partners --fields username --format csv --noquotes)"
if [[ $'\n'"$people"$'\n' == *$'\n'platform-admin$'\n'* ]]; then
  echo "The demo realm is already loaded"
  exit 0
fi
if [[ -n "$people" ]]; then
  echo "Not loading the demo: realm partners already has people in it" >&2
  exit 1
fi

kcadm delete realms/partners
kcadm create realms -f "$here/partners-realm.json"

client="$(kcadm get clients -r partners -q clientId=partner-api-war --fields id --format csv --noquotes)"
secret="${PARTNER_API_WAR_CLIENT_SECRET//\\/\\\\}"
secret="${secret//\"/\\\"}"
printf '{"secret":"%s"}' "$secret" | kcadm update "clients/$client" -r partners --merge -f -
echo "Demo realm loaded: demo partners acme and globex, demo users with the passwords of docker/keycloak/realms"
