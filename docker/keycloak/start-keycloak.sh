#!/bin/bash
# The image's entry point: kc.sh, but only when every ${env.NAME} placeholder of the realms to import names a set,
# non-empty environment variable. Keycloak itself would import an unresolved placeholder as a literal value (a client
# secret of "${env.PARTNER_API_WAR_CLIENT_SECRET}"), so this refuses to start instead, naming what is missing.
set -euo pipefail

keycloak_home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
missing=()
for realm in "$keycloak_home"/data/import/*.json; do
  [[ -e "$realm" ]] || continue
  rest="$(<"$realm")"
  while [[ "$rest" =~ \$\{env\.([A-Za-z_][A-Za-z0-9_]*)\} ]]; do
    name="${BASH_REMATCH[1]}"
    rest="${rest#*"${BASH_REMATCH[0]}"}"
    if [[ -z "${!name:-}" && " ${missing[*]-} " != *" $name "* ]]; then
      missing+=("$name")
    fi
  done
done
if (( ${#missing[@]} > 0 )); then
  echo "Keycloak not started: set the environment variable(s) ${missing[*]} (used by the realm import in $keycloak_home/data/import)" >&2
  exit 78
fi
exec "$keycloak_home/bin/kc.sh" "$@"
