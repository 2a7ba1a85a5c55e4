#!/usr/bin/env bash
# Set up a fresh Debian 12 machine to run or test Waystation from source.
# Idempotent: installs only what is missing. Needs root (or sudo) for apt.
#   bash build/setup.sh          # system packages, .venv, the project and its test tools
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-dev gcc pkg-config       # Python 3.11 and a compiler for pyscard
  espeak-ng libespeak-ng1 alsa-utils sox               # speech: engines (command, pyttsx3), playback, checks
  fonts-noto-cjk fontconfig                             # Chinese text
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
  libxcb-render-util0 libxcb-xinerama0 libxcb-image0 libglib2.0-0   # Qt's xcb platform
  xvfb xauth                                            # a virtual screen for screenshots and demos
  xserver-xorg-core xserver-xorg-video-dummy xdotool x11-xkb-utils xkb-data   # test of build/xorg/ settings
  pcscd vsmartcard-vpcd libpcsclite-dev swig            # PC/SC smart cards (and building pyscard)
  poppler-utils                                         # pdftoppm, to look at receipt PDFs
  dbus-daemon libglib2.0-bin                            # outreach: a private D-Bus and gdbus for the screen-lock test
  binutils dpkg-dev                                     # build/package.sh: PyInstaller needs binutils; dpkg-shlibdeps
  cage xwayland grim libwayland-cursor0 libwayland-egl1 libpam-systemd adduser   # the .deb's kiosk session (it depends on
                                                        # them) and its test under cage with a grim screenshot
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Installing pcscd on a machine without systemd starts its daemon through /etc/init.d; the PC/SC
  # tests run a pcscd of their own with a virtual reader, so stop the one this install just started.
  if [[ " ${missing[*]} " == *" pcscd "* ]] && pgrep -x pcscd >/dev/null; then
    $SUDO /etc/init.d/pcscd stop >/dev/null 2>&1 || $SUDO pkill -x pcscd || true
  fi
fi

PYTHON=$(command -v python3.11 || command -v python3)
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
  || { echo "setup: Python 3.11 is required" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test,central,pcsc,build]"   # build: PyInstaller, for build/package.sh
# Real face photos for the face-matching tests (the face_recognition source package's test images,
# downloaded with pip into .cache/test-photos, never installed): see tests/face_photos.py.
.venv/bin/python tests/face_photos.py
echo "setup: ready (.venv/bin/waystation)"
