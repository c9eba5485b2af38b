#!/usr/bin/env bash
# Installs DAISY Ace (the EPUB accessibility checker run by
# build.TestDefaultEditionAce) and Debian's Chromium for it to drive.
# Idempotent: whatever is already installed at the right version is kept.
# Exits non-zero if anything fails to install or Ace does not run.
#
#   ACE_PREFIX   where npm installs Ace (default /opt/ace; the tests look
#                for /opt/ace/node_modules/.bin/ace-cli)
set -euo pipefail

ACE_VERSION=1.4.6
ACE_PREFIX=${ACE_PREFIX:-/opt/ace}
ACE_CLI="$ACE_PREFIX/node_modules/.bin/ace-cli"
export DEBIAN_FRONTEND=noninteractive

SUDO=
if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
fi

apt_updated=
apt_install() {
	if [ -z "$apt_updated" ]; then
		$SUDO apt-get update -qq
		apt_updated=1
	fi
	$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Chromium: Puppeteer's own browser download is skipped below.
if ! command -v chromium >/dev/null 2>&1; then
	apt_install chromium fonts-dejavu-core fonts-liberation
fi
CHROMIUM=$(command -v chromium)

# Node and npm, for Ace.
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	apt_install nodejs npm
fi

installed=
if [ -x "$ACE_CLI" ]; then
	installed=$(PUPPETEER_EXECUTABLE_PATH=$CHROMIUM "$ACE_CLI" --version 2>/dev/null || true)
fi
if [ "$installed" != "$ACE_VERSION" ]; then
	npm_sudo=
	parent=$(dirname "$ACE_PREFIX")
	if [ "$(id -u)" != 0 ] && ! { [ -w "$ACE_PREFIX" ] || { [ ! -e "$ACE_PREFIX" ] && [ -w "$parent" ]; }; }; then
		npm_sudo=sudo
	fi
	$npm_sudo mkdir -p "$ACE_PREFIX"
	$npm_sudo env PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$ACE_PREFIX" \
		--no-audit --no-fund --loglevel=error "@daisy/ace-cli@$ACE_VERSION"
fi

version=$(PUPPETEER_EXECUTABLE_PATH=$CHROMIUM "$ACE_CLI" --version)
if [ "$version" != "$ACE_VERSION" ]; then
	echo "ace.sh: $ACE_CLI reports version '$version', want $ACE_VERSION" >&2
	exit 1
fi
echo "ace.sh: DAISY Ace $version at $ACE_CLI, Chromium at $CHROMIUM"
