#!/bin/bash
# The image's entry point: kc.sh, but only when every placeholder ${NAME} (capitals, digits, _) of the realms to import
# names a set, non-empty environment variable. Keycloak's import replaces ${NAME} with the variable's value but leaves
# an unset one as it is (a client secret "${PARTNER_API_WAR_CLIENT_SECRET}"), so this refuses to start instead, naming
# what is missing. (Keycloak's own message keys such as ${profileScopeConsentText} are not in capitals.)
set -euo pipefail

keycloak_home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
missing=()
for realm in "$keycloak_home"/data/import/*.json; do
  [[ -e "$realm" ]] || continue
  rest="$(<"$realm")"
  while [[ "$rest" =~ \$\{([A-Z_][A-Z0-9_]*)\} ]]; do
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
