#!/bin/sh
# Install fieldapp for this user only (no root): the app folder goes to
# ~/.local/opt/fieldapp, a menu entry to ~/.local/share/applications, the command
# fieldapp-gui to ~/.local/bin. The data (platformdirs: ~/.local/share/fieldapp) is
# elsewhere: installing again or updating never touches it. Run from the unpacked folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dest="$HOME/.local/opt/fieldapp"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
bin="$HOME/.local/bin"
if [ "$here" != "$dest" ]; then
  mkdir -p "$(dirname "$dest")"
  rm -rf "$dest.new"
  cp -a "$here" "$dest.new"
  rm -rf "$dest"
  mv "$dest.new" "$dest"
fi
mkdir -p "$apps" "$bin"
cat > "$apps/fieldapp.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=fieldapp
Name[zh_CN]=fieldapp 外勤
Comment=Field sales for deep distribution
Exec=$dest/fieldapp
Terminal=false
Categories=Office;
DESKTOP
ln -sf "$dest/fieldapp" "$bin/fieldapp-gui"
echo "installed in $dest (start: fieldapp-gui, or fieldapp from the menu)"
