#!/bin/sh
# Remove fieldapp for this user. The data (store, photos, backups, downloaded updates)
# stays unless --remove-data is given.
set -eu
dest="$HOME/.local/opt/fieldapp"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
rm -rf "$dest" "$dest.previous" "$apps/fieldapp.desktop"
if [ -L "$HOME/.local/bin/fieldapp-gui" ]; then rm -f "$HOME/.local/bin/fieldapp-gui"; fi
if [ "${1:-}" = "--remove-data" ]; then
  data="${XDG_DATA_HOME:-$HOME/.local/share}/fieldapp"
  rm -rf "$data" "${XDG_CONFIG_HOME:-$HOME/.config}/fieldapp" \
    "${XDG_STATE_HOME:-$HOME/.local/state}/fieldapp" "${XDG_CACHE_HOME:-$HOME/.cache}/fieldapp"
  echo "fieldapp and its data removed"
else
  echo "fieldapp removed; its data is kept in ${XDG_DATA_HOME:-$HOME/.local/share}/fieldapp"
fi
