#!/usr/bin/env bash
# make deb: the two Debian packages from the board build, for this machine's architecture (on a
# Raspberry Pi, arm64): `lintel` (the agent, its units, sysusers, udev rules, board files, fonts and
# /etc/lintel/agent.yaml as a conffile) and `lintel-platform` (the platform and its unit). Depends
# are the packages of the shared libraries each binary needs, found with dpkg -S.
# usage: scripts/build-deb.sh LINTEL LINTEL_PLATFORM OUT_DIR
set -euo pipefail
lintel=$1 platform=$2 out=$3
top=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' "$top/Sources/LintelAgent/AgentVersion.swift")
arch=$(dpkg --print-architecture)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# The packages of the libraries a binary links (NEEDED), as a Depends line.
depends() {
  local binary=$1 packages=()
  for lib in $(objdump -p "$binary" | awk '/NEEDED/ { print $2 }'); do
    path=$(ldd "$binary" | awk -v l="$lib" '$1 == l { print $3 }')
    [ -n "$path" ] || continue
    package=$(dpkg -S "$(realpath "$path")" 2>/dev/null | head -1 | cut -d: -f1) || package=$(dpkg -S "$path" | head -1 | cut -d: -f1)
    packages+=("$package")
  done
  printf '%s\n' "${packages[@]}" | sort -u | paste -sd, | sed 's/,/, /g'
}

# lintel
root=$work/lintel
install -D -m 0755 "$lintel" "$root/usr/bin/lintel"
strip --strip-unneeded "$root/usr/bin/lintel"
install -d "$root/usr/share/lintel/fonts" "$root/usr/share/lintel/boards"
install -m 0644 "$top"/assets/fonts/* "$root/usr/share/lintel/fonts/"
for board in "$top"/board-configs/*.yaml; do
  [ "$(basename "$board")" = agent.example.yaml ] || install -m 0644 "$board" "$root/usr/share/lintel/boards/"
done
sed -e 's#/usr/local/bin/lintel#/usr/bin/lintel#' -e 's#LINTEL_ASSETS=/usr/local/share/lintel#LINTEL_ASSETS=/usr/share/lintel#' \
  "$top/systemd/lintel.service" > "$work/lintel.service"
install -D -m 0644 "$work/lintel.service" "$root/usr/lib/systemd/system/lintel.service"
install -D -m 0644 "$top/systemd/lintel.sysusers.conf" "$root/usr/lib/sysusers.d/lintel.conf"
install -D -m 0644 "$top/systemd/60-lintel.rules" "$root/usr/lib/udev/rules.d/60-lintel.rules"
install -D -m 0644 "$top/packaging/agent.yaml" "$root/etc/lintel/agent.yaml"
install -d "$root/DEBIAN"
echo /etc/lintel/agent.yaml > "$root/DEBIAN/conffiles"
cat > "$root/DEBIAN/control" <<CONTROL
Package: lintel
Version: $version
Architecture: $arch
Maintainer: Lintel <lintel@example.invalid>
Depends: $(depends "$lintel"), systemd
Section: misc
Priority: optional
Installed-Size: $(du -sk "$root" | cut -f1)
Description: Meeting-room and desk display agent
 Draws the room or desk panel through DRM/KMS, reads check-in buttons, PIR sensors and a badge
 reader, decides locally against a cached SQLite store, and syncs with lintel-platform.
 Provision with "lintel provision"; diagnose with "lintel status" and "lintel doctor".
CONTROL
cat > "$root/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  systemd-sysusers lintel.conf
  udevadm control --reload 2>/dev/null && udevadm trigger --subsystem-match=gpio --subsystem-match=backlight 2>/dev/null || true
  systemctl daemon-reload 2>/dev/null || true
  systemctl enable lintel.service
  # Restarted on upgrade when it runs; a new install starts once provisioned (lintel provision).
  if [ -n "$2" ]; then systemctl try-restart lintel.service 2>/dev/null || true; fi
fi
SCRIPT
cat > "$root/DEBIAN/prerm" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = remove ]; then
  systemctl stop lintel.service 2>/dev/null || true
  systemctl disable lintel.service 2>/dev/null || true
fi
SCRIPT
cat > "$root/DEBIAN/postrm" <<'SCRIPT'
#!/bin/sh
set -e
# The store and the credential stay on remove; purge wipes them.
if [ "$1" = purge ]; then rm -rf /var/lib/lintel; fi
systemctl daemon-reload 2>/dev/null || true
SCRIPT
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm" "$root/DEBIAN/postrm"
fakeroot dpkg-deb --build -Zxz "$root" "$out/lintel_${version}_${arch}.deb" >/dev/null

# lintel-platform
root=$work/platform
install -D -m 0755 "$platform" "$root/usr/bin/lintel-platform"
strip --strip-unneeded "$root/usr/bin/lintel-platform"
install -D -m 0644 "$top/packaging/lintel-platform.service" "$root/usr/lib/systemd/system/lintel-platform.service"
install -D -m 0644 "$top/packaging/lintel-platform.sysusers.conf" "$root/usr/lib/sysusers.d/lintel-platform.conf"
install -D -m 0644 "$top/packaging/lintel-platform.default" "$root/etc/default/lintel-platform"
install -d "$root/DEBIAN"
echo /etc/default/lintel-platform > "$root/DEBIAN/conffiles"
cat > "$root/DEBIAN/control" <<CONTROL
Package: lintel-platform
Version: $version
Architecture: $arch
Maintainer: Lintel <lintel@example.invalid>
Depends: $(depends "$platform"), systemd
Section: misc
Priority: optional
Installed-Size: $(du -sk "$root" | cut -f1)
Description: Central platform Lintel panels pair with and sync from
 Serves the device API (pairing, pulls with pokes, event pushes), the admin API and the staff
 pages (pairing approvals, devices, bookings), on SQLite for a site or PostgreSQL for a fleet.
CONTROL
cat > "$root/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  systemd-sysusers lintel-platform.conf
  install -d -m 0750 -o root -g lintel-platform /etc/lintel-platform
  if [ ! -e /etc/lintel-platform/admin-token ]; then
    (umask 027; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > /etc/lintel-platform/admin-token)
    chgrp lintel-platform /etc/lintel-platform/admin-token
  fi
  systemctl daemon-reload 2>/dev/null || true
  systemctl enable lintel-platform.service
  systemctl try-restart lintel-platform.service 2>/dev/null || systemctl start lintel-platform.service 2>/dev/null || true
fi
SCRIPT
cat > "$root/DEBIAN/prerm" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = remove ]; then
  systemctl stop lintel-platform.service 2>/dev/null || true
  systemctl disable lintel-platform.service 2>/dev/null || true
fi
SCRIPT
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm"
fakeroot dpkg-deb --build -Zxz "$root" "$out/lintel-platform_${version}_${arch}.deb" >/dev/null
ls -la "$out"/*.deb
