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

# IPv6: the same server on ::1 beside 127.0.0.1.
if ip -6 addr show lo 2>/dev/null | grep -q "::1/128"; then
	stop_quartierd
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
