#!/bin/sh
# Installs inventory from an unpacked release archive (scripts/package copies this file into the
# archive as install.sh). Usage, from the unpacked folder:
#   ./install.sh                      # into /usr/local (root needed)
#   ./install.sh --prefix ~/.local    # or PREFIX=~/.local ./install.sh
# Installs PREFIX/bin/inventory, the man pages (PREFIX/share/man/man1), the bash, zsh and fish
# completions and the README, then checks with ldd that the shared libraries the binary needs
# (libxlsxwriter, libsqlite3, zlib from Debian) are present, and prints the apt-get line if not.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-/usr/local}

while [ $# -gt 0 ]; do
    case $1 in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }
                  prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument $1 (usage: install.sh [--prefix DIR])" >&2; exit 2 ;;
    esac
done
[ -n "$prefix" ] || { echo "install.sh: the prefix is empty" >&2; exit 2; }
[ -x "$here/bin/inventory" ] || { echo "install.sh: $here/bin/inventory is missing; run me from the unpacked archive" >&2; exit 2; }

if ! mkdir -p "$prefix/bin" 2>/dev/null || ! [ -w "$prefix/bin" ]; then
    echo "install.sh: cannot write to $prefix/bin; run as root, or choose --prefix \"\$HOME/.local\"" >&2
    exit 2
fi

# install_file MODE SOURCE DESTINATION
install_file() {
    mkdir -p "$(dirname "$3")"
    cp "$2" "$3.tmp.$$"
    chmod "$1" "$3.tmp.$$"
    mv -f "$3.tmp.$$" "$3"
}

install_file 0755 "$here/bin/inventory" "$prefix/bin/inventory"
for page in "$here"/share/man/man1/*.1; do
    if [ -f "$page" ]; then install_file 0644 "$page" "$prefix/share/man/man1/$(basename "$page")"; fi
done
for completion in share/bash-completion/completions/inventory share/zsh/site-functions/_inventory \
    share/fish/vendor_completions.d/inventory.fish; do
    if [ -f "$here/$completion" ]; then install_file 0644 "$here/$completion" "$prefix/$completion"; fi
done
for doc in README.md LICENSE; do
    if [ -f "$here/$doc" ]; then install_file 0644 "$here/$doc" "$prefix/share/doc/inventory/$doc"; fi
done
if [ -f "$here/share/doc/inventory/runtime-libraries.txt" ]; then
    install_file 0644 "$here/share/doc/inventory/runtime-libraries.txt" "$prefix/share/doc/inventory/runtime-libraries.txt"
fi
echo "install.sh: installed $prefix/bin/inventory, man pages in $prefix/share/man/man1, completions in $prefix/share"

# Shared libraries: which are missing, and which Debian packages bring them
# (runtime-libraries.txt lists "soname package" as found on the machine that built the archive).
if command -v ldd >/dev/null 2>&1; then
    missing=$(ldd "$prefix/bin/inventory" 2>/dev/null | awk '/=> not found/ { print $1 }')
    if [ -n "$missing" ]; then
        packages=""
        for library in $missing; do
            package=$(awk -v lib="$library" '$1 == lib { print $2 }' "$here/share/doc/inventory/runtime-libraries.txt" 2>/dev/null || true)
            case $library in
                libxlsxwriter*) package=${package:-libxlsxwriter4} ;;
                libsqlite3*) package=${package:-libsqlite3-0} ;;
                libz.so*) package=${package:-zlib1g} ;;
            esac
            if [ -n "$package" ]; then packages="$packages $package"; fi
        done
        echo "install.sh: missing shared libraries: $(printf '%s' "$missing" | tr '\n' ' ')" >&2
        if [ -n "$packages" ]; then echo "install.sh: install them with: apt-get install -y$packages" >&2; fi
        if [ -f "$here/share/doc/inventory/built-on.txt" ]; then
            echo "install.sh: the archive was built on $(cat "$here/share/doc/inventory/built-on.txt"); other distributions may name or version these libraries differently" >&2
        fi
        exit 1
    fi
else
    echo "install.sh: ldd not found; not checking the shared libraries" >&2
fi

version=$("$prefix/bin/inventory" --version) || { echo "install.sh: $prefix/bin/inventory --version failed" >&2; exit 1; }
echo "install.sh: $version ready; for the man page: MANPATH=\"$prefix/share/man:\$MANPATH\" man inventory"
