#!/bin/sh
# Writes docker/.env with a random value for every secret named in docker/.env.example
# (32 letters and digits from /dev/urandom each), readable by its owner only.
#   docker/make-env.sh [--force]      # --force replaces an existing docker/.env
set -eu
here=$(cd "$(dirname "$0")" && pwd)
env="$here/.env"
if [ -e "$env" ] && [ "${1:-}" != "--force" ]; then
  echo "$env exists; keep it, or run with --force to replace every secret" >&2
  exit 1
fi
random() {
  LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 32
}
umask 077
tmp="$env.tmp.$$"
: > "$tmp"
while IFS= read -r line; do
  case "$line" in
    ''|'#'*) printf '%s\n' "$line" >> "$tmp" ;;
    *=) printf '%s%s\n' "$line" "$(random)" >> "$tmp" ;;
    *) printf '%s\n' "$line" >> "$tmp" ;;
  esac
done < "$here/.env.example"
mv "$tmp" "$env"
echo "wrote $env with random secrets (mode 600)"
