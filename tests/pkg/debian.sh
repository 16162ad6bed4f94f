#!/bin/sh
# tests/pkg/debian.sh - the Debian package, used as a sysop would: build it,
# lintian, install, log in over SSH, upgrade to a newer version, remove,
# purge.  It installs system-wide, so it is no part of `make check`: `make
# check-package` runs it (as root, on a machine without Quartier
# installed), and CI does so after the suite.

. "$top_srcdir/tests/e2e/lib.sh"

[ "$(id -u)" -eq 0 ] || skip_all "installs a package: run as root"
command -v dpkg-buildpackage >/dev/null && command -v lintian >/dev/null ||
	skip_all "dpkg-dev and lintian are missing: ./bootstrap --pkg-deps"
dpkg-query -W -f='${Status}' quartier 2>/dev/null | grep -q installed &&
	skip_all "a quartier package is installed here: this test would replace it"
[ -e /var/lib/quartier ] || [ -e /etc/quartier ] &&
	skip_all "/var/lib/quartier or /etc/quartier exists: this test would touch it"

user_before=no
getent passwd quartier >/dev/null && user_before=yes
cleanup_package() {
	if dpkg-query -W -f='${Status}' quartier 2>/dev/null | grep -q installed; then
		echo "quartier quartier/purge_data boolean true" |
			debconf-set-selections
		apt-get purge -y -q quartier >/dev/null 2>&1
	fi
	rm -rf /var/lib/quartier /var/backups/quartier /etc/quartier
	[ "$user_before" = yes ] || deluser --system quartier >/dev/null 2>&1
	true
}
at_exit cleanup_package

export DEBIAN_FRONTEND=noninteractive
# The installed programs, as a sysop's shell finds them.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
PKG="$TEST_TMP/pkg"

# build_package DIR [VAR=VALUE...]: dpkg-buildpackage in DIR, whose
# parent gets the .deb; without the make of `make check-package` around
# it, whose TESTS would reach the package's own make check.
build_package() {
	_dir=$1; shift
	( cd "$_dir" && unset MAKEFLAGS MFLAGS MAKELEVEL TESTS &&
	    env "$@" dpkg-buildpackage -us -uc -b ) >"$TEST_TMP/build.log" 2>&1
}

# The package, from a copy of the tree: dpkg-buildpackage writes into the
# tree and beside it.
mkdir -p "$PKG/one/quartier"
( cd "$top_srcdir" && git ls-files -co --exclude-standard 2>/dev/null ||
    find . -path ./.git -prune -o -type f -print ) |
	( cd "$top_srcdir" && tar -cf - -T - ) | tar -xf - -C "$PKG/one/quartier"
version=$(cd "$PKG/one/quartier" && dpkg-parsechangelog -S Version)
if build_package "$PKG/one/quartier"; then ok 0 "dpkg-buildpackage builds $version"
else ok 1 "dpkg-buildpackage builds $version"; diag "$(tail -n 40 "$TEST_TMP/build.log")"; fi
deb=$(ls "$PKG"/one/quartier_"$version"_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "Bail out! no package was built"; exit 1; }
check "the build ran the unit tests" grep -q "^# PASS: " "$TEST_TMP/build.log"

lintian --info --display-info "$PKG"/one/quartier_"$version"_*.changes \
    >"$TEST_TMP/lintian" 2>&1
grep -E '^[EW]: ' "$TEST_TMP/lintian" >"$TEST_TMP/lintian.bad"
if [ -s "$TEST_TMP/lintian.bad" ]; then
	ok 1 "lintian reports no error and no warning"
	diag "$(cat "$TEST_TMP/lintian.bad")"
else ok 0 "lintian reports no error and no warning"; fi
diag "lintian's informational tags:" "$(grep '^I: ' "$TEST_TMP/lintian" | sort -u)"

## Installing
check "apt-get installs the package" apt-get install -y -q "$deb"
check "the system user quartier exists" getent passwd quartier
expect_same "its home is /var/lib/quartier" /var/lib/quartier \
    "$(getent passwd quartier | cut -d: -f6)"
expect_same "the database's directory is quartier's alone" "quartier 700" \
    "$(stat -c '%U %a' /var/lib/quartier)"
expect_same "so is the backups' directory" "quartier 700" \
    "$(stat -c '%U %a' /var/backups/quartier)"
DB=/var/lib/quartier/quartier.db
expect_same "the database was made, owned by quartier" quartier \
    "$(stat -c %U "$DB" 2>/dev/null)"
check "the configuration is a conffile" \
    sh -c "dpkg-query -W -f='\${Conffiles}' quartier | grep -q /etc/quartier/quartier.conf"
for unit in quartierd.service quartier-backup.service quartier-backup.timer \
    quartier-notify.service quartier-notify.timer; do
	check "$unit is installed" test -f "/lib/systemd/system/$unit"
done
for timer in quartier-backup.timer quartier-notify.timer; do
	check "$timer is enabled" \
	    test -L "/etc/systemd/system/timers.target.wants/$timer"
done
check "the notices run as their unit says" \
    grep -qx 'ExecStart=/usr/sbin/quartier-admin notify' \
    /lib/systemd/system/quartier-notify.service
check "systemd-analyze verify passes on every unit" \
    systemd-analyze verify /lib/systemd/system/quartierd.service \
    /lib/systemd/system/quartier-backup.service \
    /lib/systemd/system/quartier-backup.timer \
    /lib/systemd/system/quartier-notify.service \
    /lib/systemd/system/quartier-notify.timer
check "an upgrade stops the listener only (KillMode=process)" \
    grep -qx 'KillMode=process' /lib/systemd/system/quartierd.service
if [ -d /run/systemd/system ]; then
	skip "without systemd nothing is started" "systemd runs here"
else
	check "without systemd nothing is started" \
	    sh -c '! pgrep -f "^/usr/sbin/quartierd"'
fi

## A quartier, a resident, and a login over SSH, with the installed
## programs and configuration, as the unit's ExecStart runs the server.
as_quartier() { ( cd / && runuser -u quartier -- "$@" ); }
as_quartier quartier-admin city add Strasbourg >/dev/null
as_quartier quartier-admin quartier add Strasbourg Krutenau >/dev/null
echo "$DEMO_PASSWORD" | as_quartier quartier-admin resident add \
    --quartier Krutenau --handle marie --name "Marie Schmitt" --verified \
    --password-stdin >/dev/null
check "quartier-admin adds a resident" \
    sh -c "cd / && runuser -u quartier -- quartier-admin resident list | grep -q marie"
as_quartier quartier-admin announce --quartier Krutenau --title "Fête" \
    "La fête du quartier a lieu samedi." >/dev/null

# start_installed: /usr/sbin/quartierd --foreground as the unit starts it,
# on a free loopback port rather than the configuration's 2222.
SERVER_LOG="$TEST_TMP/quartierd.log"
start_installed() {
	for _try in 1 2 3 4 5 6 7 8; do
		PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
		: >"$SERVER_LOG"
		/usr/sbin/quartierd --foreground --listen 127.0.0.1 \
		    --port "$PORT" >>"$SERVER_LOG" 2>&1 &
		QUARTIERD_PID=$!
		_i=0
		while [ $_i -lt 50 ]; do
			grep -q "listening on" "$SERVER_LOG" &&
				kill -0 "$QUARTIERD_PID" 2>/dev/null && return 0
			kill -0 "$QUARTIERD_PID" 2>/dev/null || break
			sleep 0.1; _i=$((_i + 1))
		done
		kill "$QUARTIERD_PID" 2>/dev/null; wait "$QUARTIERD_PID" 2>/dev/null
	done
	echo "Bail out! the installed quartierd did not start"; cat "$SERVER_LOG"; exit 1
}
start_installed
check "the host key is made at the first start, mode 0600" \
    sh -c '[ "$(stat -c %a /etc/quartier/ssh_host_ed25519_key)" = 600 ]'
ssh_as marie
expect_screen "Bonjour Marie" "marie logs in over SSH"
type 1
expect_screen "Fête" "and reads the wall, with the announcement"
press Enter
expect_screen "La fête du quartier a lieu samedi." "and opens it"

## Upgrading, with marie's session open all along.
mkdir -p "$PKG/two"
cp -a "$PKG/one/quartier" "$PKG/two/quartier"
newer="$version+pkgtest1"
{
	printf 'quartier (%s) unstable; urgency=medium\n\n' "$newer"
	printf '  * A newer version, to test upgrades.\n\n'
	printf ' -- Quartier maintainers <maintainers@users.noreply.r-seed-f9768c3c.example>  %s\n\n' \
	    "$(date -R)"
	cat "$PKG/one/quartier/debian/changelog"
} >"$PKG/two/quartier/debian/changelog"
# Its unit tests ran with the first build.
if build_package "$PKG/two/quartier" DEB_BUILD_OPTIONS=nocheck; then
	ok 0 "the newer version $newer builds"
else ok 1 "the newer version $newer builds"; diag "$(tail -n 40 "$TEST_TMP/build.log")"; fi
deb2=$(ls "$PKG"/two/quartier_"$newer"_*.deb 2>/dev/null | head -n 1)
check "apt-get upgrades to it" apt-get install -y -q "$deb2"
expect_same "the newer version is installed" "$newer" \
    "$(dpkg-query -W -f='${Version}' quartier)"
copy=$(ls /var/backups/quartier/quartier-before-"$version"-*.db 2>/dev/null | head -n 1)
check "a copy of the database from before the upgrade is kept" test -n "$copy"
expect_same "it holds the resident" 1 \
    "$(sqlite3 "$copy" "SELECT count(*) FROM residents WHERE handle = 'marie'" 2>&1)"
expect_same "the copy is quartier's alone" "quartier 600" \
    "$(stat -c '%U %a' "$copy" 2>/dev/null)"
expect_same "the database still holds the resident" 1 \
    "$(sqlite3 "$DB" "SELECT count(*) FROM residents WHERE handle = 'marie'")"
press q
expect_screen "n Nouveau message" "marie's session goes on through the upgrade"
press q
expect_screen "Petites annonces" "back to the menu"
ssh_as marie after
TARGET=after expect_screen "Bonjour Marie" "a new login after the upgrade works"
check "the nightly backup runs as its unit says" \
    as_quartier quartier-admin backup --dir /var/backups/quartier --keep 14
expect_same "it made one dated copy" 1 \
    "$(ls /var/backups/quartier/ | grep -c '^quartier-2.*Z\.db$')"
stop_quartierd

## Removing keeps the data; purging asks, and by default keeps it too.
check "apt-get removes the package" apt-get remove -y -q quartier
check "the programs are gone" test ! -e /usr/sbin/quartierd
check "the database stays after a removal" test -f "$DB"
check "the configuration stays after a removal" test -f /etc/quartier/quartier.conf
check "apt-get purges the package" apt-get purge -y -q quartier
check "purging removes the configuration and the host key" test ! -e /etc/quartier
check "a purge that was not told to delete keeps the database" test -f "$DB"
check "and the backups" test -f "$copy"
check "the system user stays" getent passwd quartier

check "installing again" apt-get install -y -q "$deb2"
check "uses the database kept" \
    sh -c "cd / && runuser -u quartier -- quartier-admin resident list | grep -q marie"
echo "quartier quartier/purge_data boolean true" | debconf-set-selections
check "a purge told to delete" apt-get purge -y -q quartier
check "deletes the database" test ! -e /var/lib/quartier
check "and the backups" test ! -e /var/backups/quartier
check "and leaves no file of the package" \
    sh -c '! dpkg-query -W quartier 2>/dev/null | grep -q .; test ! -e /lib/systemd/system/quartierd.service'

done_testing
