#!/bin/sh
# demo.sh - the demo behind `make demo` and `make run`.
#
#   demo.sh serve   a fresh demo database and quartierd on 127.0.0.1:2222
#   demo.sh run     the UI on that database, on this terminal
#
# As root (the README's quick start) Quartier is installed and runs as a
# real service would: quartierd starts as root, binds, and drops to the
# system user "quartier", which owns /var/lib/quartier.  As another user
# everything stays in the build tree and runs as that user.
#
# The Makefile passes: BUILDDIR SRCDIR SBINDIR BINDIR LOCALSTATEDIR
# SYSCONFDIR.
set -eu
: "${PORT:=2222}"

if [ "$(id -u)" -eq 0 ]; then
	DIR="$LOCALSTATEDIR/lib/quartier"
	DB="$DIR/demo.db"
	ADMIN="$SBINDIR/quartier-admin"
	QUARTIERD="$SBINDIR/quartierd"
	UI="$BINDIR/quartier"
	AS_USER="runuser -u quartier --"
	CONF="$SYSCONFDIR/quartier/quartier.conf"
else
	DIR="$BUILDDIR"
	DB="$DIR/demo.db"
	ADMIN="$BUILDDIR/src/quartier-admin"
	QUARTIERD="$BUILDDIR/src/quartierd"
	UI="$BUILDDIR/src/quartier"
	AS_USER=
	CONF="$BUILDDIR/demo.conf"
	QUARTIER_LOCALEDIR="$BUILDDIR/locale"
	export QUARTIER_LOCALEDIR
	cat >"$CONF" <<CONF
# Written by make demo: the demo as $(id -un), in the build tree.
ui_program = $UI
host_key = $BUILDDIR/demo-host-key
texts_dir = $SRCDIR/data/texts
CONF
fi

serve() {
	if [ "$(id -u)" -eq 0 ]; then
		id quartier >/dev/null 2>&1 ||
			useradd --system --user-group --no-create-home \
			    --home-dir "$DIR" --shell /usr/sbin/nologin quartier
		mkdir -p "$DIR"
		chown quartier:quartier "$DIR"
	fi
	rm -f "$DB" "$DB-wal" "$DB-shm"
	$AS_USER "$ADMIN" --db "$DB" init --demo >/dev/null
	cat <<MSG

  Quartier's demo is starting on 127.0.0.1 port $PORT.

  From another terminal, log in as a resident of the Krutenau:

      ssh -p $PORT marie@127.0.0.1          (password: voisinage)

  Other demo residents: karim, odile, sophie (Krutenau), nadia (Neudorf),
  thomas (Robertsau)...  All have the password "voisinage".
  The local UI on the same database: make run
  Stop the server with Ctrl-C.

MSG
	exec "$QUARTIERD" -f "$CONF" --db "$DB" --listen 127.0.0.1 \
	    --port "$PORT" --foreground
}

run() {
	if [ ! -f "$DB" ]; then
		echo "demo.sh: no demo database yet; run make demo first" >&2
		exit 1
	fi
	QUARTIER_CONFIG="$CONF" exec $AS_USER "$UI" --db "$DB"
}

case "${1:-}" in
serve) serve ;;
run) run ;;
*) echo "usage: demo.sh serve|run" >&2; exit 2 ;;
esac
