#!/bin/sh
# Other clients and auditors: PuTTY's plink logs in, and ssh-audit finds
# no failure in what quartierd offers.
. "$top_srcdir/tests/e2e/lib.sh"

start_quartierd
fingerprint=$(sed -n 's/.*host key \(SHA256:[^ ]*\).*/\1/p' "$SERVER_LOG" | head -n 1)
check "the host key's fingerprint is known" test -n "$fingerprint"

if command -v plink >/dev/null 2>&1; then
	tm new-session -d -s plink -x 80 -y 24 \
		sh -c "plink -ssh -batch -t -P $PORT -hostkey '$fingerprint' -pw '$DEMO_PASSWORD' marie@127.0.0.1; echo \"[exit \$?]\"; sleep 600"
	TARGET=plink expect_screen "Bonjour Marie" "PuTTY's plink logs in and gets the menu"
	TARGET=plink type 1
	TARGET=plink expect_screen "Strasbourg › Krutenau › Mur" "and can use it"
	TARGET=plink type q; TARGET=plink type q; TARGET=plink type o
	TARGET=plink expect_screen "[exit 0]" "and logs out with status 0"
else
	echo "# plink is not installed (putty-tools): skipped"
fi

# No compression is offered, before authentication or after: the
# server's proposal names none only, even to a client that asks for zlib.
timeout 20 ssh -vv -o Compression=yes -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o BatchMode=yes -p "$PORT" \
    marie@127.0.0.1 true </dev/null >"$TEST_TMP/kex.txt" 2>&1
sed -n '/peer server KEXINIT proposal/,/first_kex_follows/p' "$TEST_TMP/kex.txt" \
    | tr -d '\r' | grep 'compression' >"$TEST_TMP/compression.txt"
check "the server proposes compression both ways" \
    test "$(wc -l <"$TEST_TMP/compression.txt")" -eq 2
check "and only none" sh -c "! grep -v 'compression [cs]to[cs]: none\$' '$TEST_TMP/compression.txt'"

if command -v ssh-audit >/dev/null 2>&1; then
	status=0
	ssh-audit -n -p "$PORT" 127.0.0.1 >"$TEST_TMP/audit.txt" 2>&1 || status=$?
	diag "$(grep -E '\[(fail|warn)\]|\(cve\)' "$TEST_TMP/audit.txt")"
	# ssh-audit exits 3 on a failure, 2 on warnings only.
	check "ssh-audit reports no failure" test "$status" -ne 3 -a "$status" -ne 1
	check "no algorithm is marked as failing" sh -c "! grep -q '\[fail\]' '$TEST_TMP/audit.txt'"
	check "the host key is ed25519 only" sh -c "grep '(key)' '$TEST_TMP/audit.txt' | grep -qv ed25519 && exit 1 || exit 0"
else
	echo "# ssh-audit is not installed: skipped"
fi

# A UI that writes a lot and exits at once: quartierd may see the exit
# before it has read the last output.  That output must still come, and
# before the channel's EOF: PuTTY aborts on data after it, OpenSSH drops
# it.
cat > "$SERVER_DIR/burst" <<'EOS'
#!/bin/sh
seq 1 40000
echo "the very last line"
EOS
chmod 755 "$SERVER_DIR/burst"
stop_quartierd
start_quartierd "ui_program = $SERVER_DIR/burst"
status=0
timeout 30 sshpass -p "$DEMO_PASSWORD" ssh $SSH_OPTS -tt -o PubkeyAuthentication=no \
	-p "$PORT" marie@127.0.0.1 >"$TEST_TMP/burst.txt" 2>&1 </dev/null || status=$?
check "OpenSSH gets a UI's output to its last line" grep -q "the very last line" "$TEST_TMP/burst.txt"
check "and every line before it" sh -c "tr -d '\r' <'$TEST_TMP/burst.txt' | grep -cx '[0-9]*' | grep -qx 40000"
check "and status 0" test "$status" -eq 0
if command -v plink >/dev/null 2>&1; then
	status=0
	timeout 30 plink -ssh -batch -t -P "$PORT" -hostkey "$fingerprint" -pw "$DEMO_PASSWORD" \
		marie@127.0.0.1 >"$TEST_TMP/burst.txt" 2>&1 </dev/null || status=$?
	diag "$(grep -v '^[0-9]*.$' "$TEST_TMP/burst.txt" | head -n 5)"
	check "so does plink" grep -q "the very last line" "$TEST_TMP/burst.txt"
	check "and it ends with status 0" test "$status" -eq 0
fi
stop_quartierd

# IPv6: the same server on ::1 beside 127.0.0.1.
if ip -6 addr show lo 2>/dev/null | grep -q "::1/128"; then
	start_quartierd "listen = 127.0.0.1 ::1"
	expect_log "listening on 127.0.0.1 ::1" "quartierd listens on IPv4 and IPv6"
	tm new-session -d -s six -x 80 -y 24 \
		sh -c "sshpass -p '$DEMO_PASSWORD' ssh $SSH_OPTS -o PubkeyAuthentication=no -6 -p $PORT karim@::1; echo \"[exit \$?]\"; sleep 600"
	TARGET=six expect_screen "Bonjour Karim" "a resident logs in over IPv6"
	expect_log "accepted password for karim from ::1" "the IPv6 source is logged"
else
	echo "# no IPv6 loopback here: IPv6 not tested"
fi

done_testing
