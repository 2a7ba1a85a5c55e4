#!/usr/bin/env bash
# Build the frozen kiosk (PyInstaller, one folder) and its Debian package into dist/.
# Run from a checkout set up by build/setup.sh (it installs PyInstaller, binutils and dpkg-dev).
#   bash build/package.sh                   # dist/waystation/ and dist/waystation_<version>_<arch>.deb
#   bash build/package.sh --version 0.1.1   # the package version (default: kiosk.__version__)
#   bash build/package.sh --no-freeze       # package dist/waystation/ as it is (a new version of the same build)
#   bash build/package.sh --fast            # gzip -1 instead of xz -6 (tests: 5 s instead of ~4 min; 170 MB not 116)
# The architecture is the build machine's (dpkg --print-architecture): build on arm64 for arm64.
# PyInstaller's work folders are under build/work/ (git-ignored); the package's depends on libraries
# come from dpkg-shlibdeps over every ELF file of the build, plus the programs the kiosk runs.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=""
FREEZE=1
COMPRESS="-Zxz -z6"   # xz: what every dpkg reads (zstd is newer than some target distributions' dpkg)
while (($#)); do
  case "$1" in
    --version) VERSION=${2:?--version needs a value}; shift 2 ;;
    --no-freeze) FREEZE=0; shift ;;
    --fast) COMPRESS="-Zgzip -z1"; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

PY=.venv/bin/python
[ -x "$PY" ] || { echo "package.sh: no .venv here: run bash build/setup.sh first" >&2; exit 2; }
for tool in dpkg-deb dpkg-shlibdeps readelf strip; do
  command -v "$tool" >/dev/null || { echo "package.sh: $tool is missing: run bash build/setup.sh first" >&2; exit 2; }
done
VERSION=${VERSION:-$("$PY" -c 'import kiosk; print(kiosk.__version__)')}
ARCH=$(dpkg --print-architecture)
WORK=$PWD/build/work   # git-ignored
APP=dist/waystation
DEB=dist/waystation_${VERSION}_${ARCH}.deb
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export PYTHONHASHSEED=0
started=$(date +%s)

if ((FREEZE)); then
  "$PY" -c 'import PyInstaller' 2>/dev/null || "$PY" -m pip install -q -e ".[build]"
  echo "package.sh: freezing with PyInstaller into $APP/"
  "$PY" -m PyInstaller --noconfirm --log-level WARN --workpath "$WORK/pyinstaller" --distpath dist \
    build/waystation.spec 2>&1 | grep -v -e "Library user32 required via ctypes" -e "libgtk-3.so.0" -e "libgdk-3.so.0" || true
  [ -x "$APP/waystation" ] || { echo "package.sh: PyInstaller did not make $APP/waystation" >&2; exit 1; }
  # Debian's libpython and standard-library modules keep their symbol tables: ~20 MB of no use here.
  find "$APP/_internal" \( -name 'libpython3*.so*' -o -path '*/lib-dynload/*.so' \) -type f \
    -exec strip --strip-unneeded {} +
  "$PY" -m kiosk.manifest write "$APP" >/dev/null
fi
[ -x "$APP/waystation" ] || { echo "package.sh: no $APP/waystation: build without --no-freeze" >&2; exit 2; }
"$PY" -m kiosk.manifest verify "$APP" >/dev/null \
  || { echo "package.sh: $APP does not match its manifest: build again without --no-freeze" >&2; exit 1; }
frozen=$(date +%s)

# --- the package's file tree -------------------------------------------------------------------
STAGE=$WORK/deb
ROOTFS=$STAGE/root
rm -rf "$STAGE"
mkdir -p "$ROOTFS/DEBIAN" "$ROOTFS/opt" "$ROOTFS/usr/bin" "$ROOTFS/etc/waystation" "$ROOTFS/etc/pam.d" \
  "$ROOTFS/usr/lib/systemd/system" "$ROOTFS/usr/share/doc/waystation"
cp -a "$APP" "$ROOTFS/opt/waystation"   # -a: the one-folder build's symbolic links stay links
ln -s ../../opt/waystation/waystation "$ROOTFS/usr/bin/waystation"
install -m 0640 build/debian/station.toml "$ROOTFS/etc/waystation/station.toml"
install -m 0644 build/debian/pam.d/waystation-kiosk "$ROOTFS/etc/pam.d/waystation-kiosk"
install -m 0644 build/debian/waystation-kiosk.service build/debian/waystation-sync.service \
  "$ROOTFS/usr/lib/systemd/system/"
install -m 0755 build/debian/preinst build/debian/postinst build/debian/prerm build/debian/postrm "$ROOTFS/DEBIAN/"
printf '%s\n' /etc/waystation/station.toml /etc/pam.d/waystation-kiosk > "$ROOTFS/DEBIAN/conffiles"
install -m 0644 README.md "$ROOTFS/usr/share/doc/waystation/README.md"
# Modes as dpkg expects them whatever the umask was: files 0644 (0755 if executable), folders 0755.
chmod -R u+rwX,go+rX,go-w "$ROOTFS/opt" "$ROOTFS/usr"
chmod 0750 "$ROOTFS/etc/waystation"

# --- what it depends on ------------------------------------------------------------------------
# Libraries: dpkg-shlibdeps over every ELF file of the build (the bundle's own libraries found there).
mkdir -p "$STAGE/shlibs/debian"
printf 'Source: waystation\n\nPackage: waystation\nArchitecture: any\n' > "$STAGE/shlibs/debian/control"
find "$ROOTFS/opt/waystation" -type f \( -name '*.so' -o -name '*.so.*' -o -name waystation \) \
  -exec sh -c 'for f; do head -c 4 "$f" | grep -q "ELF" && printf -- "-e%s\n" "$(realpath "$f")"; done' _ {} + \
  > "$STAGE/elf-files"
shlibs=$(cd "$STAGE/shlibs" && dpkg-shlibdeps -O --ignore-missing-info -l"$ROOTFS/opt/waystation/_internal" \
  $(cat ../elf-files) 2>"$STAGE/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p') \
  || { grep error "$STAGE/shlibdeps.log" >&2; exit 1; }
[ -n "$shlibs" ] || { cat "$STAGE/shlibdeps.log" >&2; exit 1; }
# Programs the kiosk runs or loads by name: the compositor (Debian's cage 0.1.4 will not start without
# Xwayland), speech (the espeak-ng command and, for
# pyttsx3, libespeak-ng1), sound (aplay), fonts (fc-list for doctor), the smart-card daemon and its
# client library (pyscard's), logind's PAM module for the kiosk session, adduser for the scripts.
RUNTIME="cage, xwayland, espeak-ng, libespeak-ng1, alsa-utils, fonts-noto-cjk, fontconfig, pcscd, libpcsclite1, libpam-systemd, adduser"
INSTALLED_KB=$(du -sk --apparent-size "$ROOTFS" | cut -f1)

cat > "$ROOTFS/DEBIAN/control" <<EOF
Package: waystation
Version: $VERSION
Architecture: $ARCH
Maintainer: Waystation <it@waystation.invalid>
Installed-Size: $INSTALLED_KB
Depends: $RUNTIME, $shlibs
Suggests: cups-client
Section: misc
Priority: optional
Description: Waystation (驿站) community government-service kiosk
 Self-service kiosk for community government-service stations: residents do
 common services on a touch screen, helpers sit beside them, and the kiosk
 keeps working for days without a network.  The app (a frozen build, no Python
 needed) is in /opt/waystation; it runs full screen under cage on tty1
 (waystation-kiosk.service), and waystation-sync.service keeps sending queued
 applications to the centre while the kiosk restarts.
EOF

mkdir -p dist
rm -f "$DEB"
# shellcheck disable=SC2086 (two words)
dpkg-deb --root-owner-group $COMPRESS --build "$ROOTFS" "$DEB" >/dev/null
done_at=$(date +%s)
echo "package.sh: $DEB ($(du -h "$DEB" | cut -f1), installed $((INSTALLED_KB / 1024)) MB, $ARCH);" \
     "freeze $((frozen - started)) s, package $((done_at - frozen)) s"
