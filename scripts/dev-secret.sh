#!/usr/bin/env bash
# Prints the local development HS256 secret for Tulkki's tokens, creating it
# on first use under .tulkki/ (git-ignored). `make run` and `make token` use
# it when TULKKI_JWT_HS256_SECRET is not set, so locally minted tokens are
# accepted by the locally running server. Never used when the variable is set.
set -euo pipefail
repo_root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
secret_file="$repo_root/.tulkki/dev-jwt-secret"
if [[ ! -s "$secret_file" ]]; then
	mkdir -p "$(dirname -- "$secret_file")"
	umask 077
	head -c 48 /dev/urandom | base64 | tr -d '\n' > "$secret_file"
fi
cat "$secret_file"
