# Sourced by scripts/setup and scripts/lock: the Python 3.10 to use, the shared cache, and uv.

UV_VERSION=0.13.8  # pinned; scripts/uv-requirements.txt holds its hashes (./scripts/lock writes both)

find_python() {
  local candidates=()
  [ -n "${IMSA_PYTHON:-}" ] && candidates+=("$IMSA_PYTHON")
  local want; want=$(cat .python-version 2>/dev/null || echo 3.10)
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  candidates+=("$root/versions/$want/bin/python")
  for p in "$root"/versions/3.10.*/bin/python; do candidates+=("$p"); done
  candidates+=(python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10)
  for p in "${candidates[@]}"; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      command -v "$p"; return 0
    fi
  done
  return 1
}

imsa_cache() {
  echo "${IMSA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/imsa-voices}"
}

# Print the path of uv $UV_VERSION, installing it once into the cache with pip (hash-checked
# against scripts/uv-requirements.txt when that exists). Returns 1 when it cannot be had.
ensure_uv() {
  local py="$1" dir; dir="$(imsa_cache)/tools/uv-$UV_VERSION"
  if [ ! -x "$dir/bin/uv" ]; then
    mkdir -p "$(dirname "$dir")"
    local tmp; tmp=$(mktemp -d "$dir.XXXXXX")
    local spec=("uv==$UV_VERSION")
    [ -f scripts/uv-requirements.txt ] && spec=(--require-hashes -r scripts/uv-requirements.txt)
    if ! "$py" -m pip install -q --disable-pip-version-check --root-user-action=ignore --no-deps \
        --target "$tmp" "${spec[@]}" >&2 \
        || ! "$tmp/bin/uv" --version >/dev/null 2>&1; then
      rm -rf "$tmp"; return 1
    fi
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"  # another checkout may have won the race: fine
  fi
  echo "$dir/bin/uv"
}
