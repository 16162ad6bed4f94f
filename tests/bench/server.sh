# server.sh - sourced by the benchmarks that need a quartierd of their own
# (connect.sh, guesses.sh).  Expects $build (a built tree) and $DIR (the
# benchmark's directory, removed by the caller).
#
# bench_server [KEY=VALUE...]: the demo database in $DIR/srv, readable by
# the user quartierd becomes ($RUN_AS: nobody under root), and
# $DIR/quartierd.conf for a UI that exits at once, on a random loopback
# port ($PORT), with the extra configuration lines given.
bench_server() {
	RUN_AS=$(id -un)
	[ "$(id -u)" -eq 0 ] && RUN_AS=nobody
	mkdir -m 700 "$DIR/srv"
	QUARTIER_CONFIG=/dev/null "$build/src/quartier-admin" \
		--db "$DIR/srv/quartier.db" init --demo >/dev/null
	PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
	{
		echo "db = $DIR/srv/quartier.db"
		echo "user = $RUN_AS"
		echo "ui_program = /bin/true"
		echo "host_key = $DIR/host_key"
		echo "listen = 127.0.0.1"
		echo "port = $PORT"
		for line in "$@"; do echo "$line"; done
	} > "$DIR/quartierd.conf"
}

# bench_server_own: hand $DIR/srv to quartierd's user (after any
# quartier-admin run that writes there).
bench_server_own() {
	[ "$(id -u)" -eq 0 ] && chown -R nobody "$DIR/srv"
	return 0
}

# bench_server_start LOG: start quartierd, its log in LOG, and wait until
# it listens.  Its pid is in $QPID.
bench_server_start() {
	"$build/src/quartierd" -f "$DIR/quartierd.conf" --foreground \
	    2>"$1" &
	QPID=$!
	i=0
	until grep -q "listening on" "$1"; do
		sleep 0.1; i=$((i + 1))
		[ $i -lt 100 ] || { cat "$1" >&2; exit 1; }
	done
}
