#!/bin/sh
# bootstrap.sh: from a fresh Debian machine to a built vecdoc.
#   1. installs the missing build and test dependencies (apt-get, as root
#      or through sudo; otherwise prints the exact command and stops);
#   2. runs autoreconf -fi and ./configure (only when they are out of date;
#      arguments are passed to ./configure, e.g. --enable-sanitizers);
#   3. runs make.
# Re-running it when nothing changed costs a few hundred milliseconds.
set -eu
cd "$(dirname "$0")"

PKGS="gcc make autoconf automake pkg-config
 libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libyaml-dev
 libopenblas-dev liblapacke-dev libutf8proc-dev libpcre2-dev libxxhash-dev
 libmicrohttpd-dev libjansson-dev libfftw3-dev zlib1g-dev libcurl4-openssl-dev hunspell-vi
 python3-numpy python3-scipy python3-gensim python3-sklearn python3-networkx
 nodejs npm
 chromium curl wrk hugo bc"
# Vietnamese text for `vecdoc import`'s evidence (see vecdoc-import(1)):
# documentation only, installed without the office suite it recommends.
TEXTPKGS="manpages-vi maint-guide-vi libreoffice-help-vi"

missing=""
textmissing=""
for p in $TEXTPKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in *" installed") ;; *) textmissing="$textmissing $p" ;; esac
done
for p in $PKGS; do
	# nodejs/npm may come from elsewhere on a developer machine
	case "$p" in
	nodejs) command -v node >/dev/null 2>&1 && continue ;;
	npm) command -v npm >/dev/null 2>&1 && continue ;;
	esac
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in *" installed") ;; *) missing="$missing $p" ;; esac
done
if [ -n "$missing$textmissing" ]; then
	if [ "$(id -u)" -eq 0 ]; then SUDO=""
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"
	else
		echo "bootstrap: missing packages. Install them with:" >&2
		echo "  sudo apt-get install -y$missing" >&2
		exit 1
	fi
	echo "bootstrap: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	if ! { $SUDO apt-get update -qq &&
	    { [ -z "$missing" ] || $SUDO apt-get install -y -qq $missing >/dev/null; } &&
	    { [ -z "$textmissing" ] || $SUDO apt-get install -y -qq \
	        --no-install-recommends $textmissing >/dev/null; }; }; then
		echo "bootstrap: apt-get failed. Install the packages with:" >&2
		echo "  sudo apt-get install -y$missing" >&2
		echo "  sudo apt-get install -y --no-install-recommends$textmissing" >&2
		exit 1
	fi
fi

if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt Makefile.in ] ||
    [ -n "$(find src tests -name local.mk -newer Makefile.in 2>/dev/null | head -1)" ]; then
	mkdir -p m4
	autoreconf -fi
fi
want="$*"
have=""
[ -f config.status ] && have=$(./config.status --config | tr -d "'")
if [ ! -f Makefile ] || [ ! -f config.status ] || [ configure -nt config.status ] || [ "$want" != "$have" ]; then
	./configure "$@"
fi
make -j"$(nproc 2>/dev/null || echo 2)"
