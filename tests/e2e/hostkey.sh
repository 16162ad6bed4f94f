#!/bin/sh
# The host key file: opened once, without following a symbolic link, and
# checked on what was opened; a new one written with O_EXCL and mode 0600.
# A key quartierd does not trust stops it at start, with a message.
. "$top_srcdir/tests/e2e/lib.sh"

server_dir
KEYS="$TEST_TMP/keys"
mkdir -p "$KEYS"
chmod 755 "$KEYS"

# try_key PATH: start quartierd with that host key; its exit status in
# $status, its log in $TEST_TMP/start.log.  One that does start is
# stopped by the timeout (status 124).
try_key() {
	{
		echo "db = $DB"
		echo "user = $RUN_AS"
		echo "ui_program = $SERVER_DIR/quartier"
		echo "host_key = $1"
		echo "listen = 127.0.0.1"
		echo "port = $(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))"
	} > "$TEST_TMP/key.conf"
	status=0
	QUARTIER_LOCALEDIR="$SERVER_DIR/locale" timeout 10 "$QUARTIERD" \
	    -f "$TEST_TMP/key.conf" --foreground >"$TEST_TMP/start.log" 2>&1 ||
	    status=$?
}
said() {
	if grep -qF -- "$1" "$TEST_TMP/start.log"; then ok 0 "$2"
	else ok 1 "$2"; diag "$(cat "$TEST_TMP/start.log")"; fi
}

# A key made at the first start is the owner's alone.
try_key "$KEYS/made"
check "a missing host key is made" test -s "$KEYS/made"
check "with mode 0600" test "$(stat -c %a "$KEYS/made")" = 600
check "and the server starts" test "$status" -eq 124

# A dangling symbolic link is not followed to make a key where it points.
ln -s "$KEYS/elsewhere" "$KEYS/dangling"
try_key "$KEYS/dangling"
check "a dangling symbolic link stops quartierd" test "$status" -eq 1
check "and no key is written where it points" test ! -e "$KEYS/elsewhere"
said "a symbolic link" "the log says why"

# Nor a link to a good key: the file itself must be named.
ln -s "$KEYS/made" "$KEYS/link"
try_key "$KEYS/link"
check "a symbolic link to a key stops quartierd" test "$status" -eq 1
said "a symbolic link" "the log says why"

# Readable by others, a directory, an empty file.
cp "$KEYS/made" "$KEYS/open"
chmod 644 "$KEYS/open"
try_key "$KEYS/open"
check "a key readable by others stops quartierd" test "$status" -eq 1
said "chmod 600 $KEYS/open" "with the command that fixes it"
mkdir "$KEYS/dir"
try_key "$KEYS/dir"
check "a directory stops quartierd" test "$status" -eq 1
said "not a regular file" "the log says why"
: > "$KEYS/empty"
chmod 600 "$KEYS/empty"
try_key "$KEYS/empty"
check "an empty file stops quartierd" test "$status" -eq 1
said "not a private key" "the log says why"

# Another user's key, mode 0600 or not, is not the server's.
if [ "$(id -u)" -eq 0 ]; then
	cp "$KEYS/made" "$KEYS/theirs"
	chmod 600 "$KEYS/theirs"
	chown nobody "$KEYS/theirs"
	try_key "$KEYS/theirs"
	check "a key of another user stops quartierd" test "$status" -eq 1
	said "must belong to the user quartierd starts as" "the log says why"
else
	skip "a key of another user stops quartierd" "not run as root"
fi

done_testing
