#!/bin/sh
# E-mail notices through a real MTA: exim4, with a configuration of this
# test's own that delivers every address into one local Maildir (no
# router or transport that could reach another machine, no SMTP port),
# its queue run by a daemon this test starts and stops.  Residents act
# over SSH; quartier-admin notify hands the mail to exim's sendmail; the
# mailbox is read with Python's email package.  The MTA stopped, then
# started: nothing lost, nothing twice.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sshpass >/dev/null 2>&1 || skip_all "sshpass is not installed"
EXIM=/usr/sbin/exim4
[ -x "$EXIM" ] || skip_all "exim4 is not installed (./bootstrap --deps)"
[ "$(id -u)" -eq 0 ] || skip_all "a private exim4 configuration needs root"
id Debian-exim >/dev/null 2>&1 || skip_all "no Debian-exim user"

start_quartierd

MTA="$TEST_TMP/mta"
mkdir -p "$MTA/spool" "$MTA/log" "$MTA/Maildir"
chmod 755 "$MTA"
chown Debian-exim: "$MTA/Maildir"
cat > "$MTA/exim.conf" <<EOF
primary_hostname = quartier.test
qualify_domain = quartier.test
spool_directory = $MTA/spool
log_file_path = $MTA/log/%slog
exim_user = root
exim_group = root
trusted_users = root
queue_only = true
daemon_smtp_ports =
keep_environment =
begin routers
# Every recipient, whatever its domain, goes to the local Maildir.
local_only:
  driver = accept
  transport = maildir
begin transports
maildir:
  driver = appendfile
  directory = $MTA/Maildir
  maildir_format
  user = Debian-exim
  group = Debian-exim
  mode = 0644
  envelope_to_add
  return_path_add
EOF
MTA_PID=
start_mta() {
	rm -f "$MTA/pid"
	"$EXIM" -C "$MTA/exim.conf" -q1s -oP "$MTA/pid"
	_i=0
	while [ ! -s "$MTA/pid" ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
	MTA_PID=$(cat "$MTA/pid")
}
stop_mta() {
	[ -n "$MTA_PID" ] || return 0
	kill "$MTA_PID" 2>/dev/null
	while kill -0 "$MTA_PID" 2>/dev/null; do sleep 0.1; done
	MTA_PID=
}
at_exit 'stop_mta'
start_mta
check "the MTA runs" kill -0 "$MTA_PID"

cat > "$TEST_TMP/notify.conf" <<EOF
sendmail_program = $EXIM -C $MTA/exim.conf
mail_from = quartier@quartier.test
host_name = quartier.test
port = $PORT
EOF
notify() { run_admin -f "$TEST_TMP/notify.conf" notify; }
delivered() { ls "$MTA/Maildir/new" 2>/dev/null | wc -l; }
has_mails() { test "$(delivered)" -eq "$1"; }

# mails: one line per delivered mail, parsed by Python's email package:
# To, Subject (decoded), whether it is valid, and what the test asks of
# its body.
mails() {
	python3 - "$MTA/Maildir/new" <<'EOF'
import email, email.policy, os, re, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    raw = open(os.path.join(d, name), 'rb').read()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    # Strictly UTF-8: get_content() would hide other bytes behind U+FFFD.
    try:
        body = m.get_payload(decode=True).decode("utf-8")
    except UnicodeDecodeError:
        body = "NOT UTF-8"
    code = re.search(r"\b(\d{4} \d{4})\b", body)
    ok = (not m.defects and m.get_content_type() == "text/plain"
          and m.get_content_charset() == "utf-8"
          and m["Auto-Submitted"] == "auto-generated"
          and m["List-Unsubscribe"].startswith("<mailto:quartier@quartier.test")
          and m["Message-ID"].endswith("@quartier.test>")
          and m["Date"] is not None and "\n-- \n" in body
          and body == m.get_content()
          and all(b < 128 for b in raw))
    print("|".join([m["To"], m["Subject"], "valid" if ok else "INVALID",
                    code.group(1) if code else "-", m["Message-ID"],
                    "text" if "La perceuse est" in body else "notext",
                    " / ".join(l.strip() for l in body.split("\n")
                               if l.startswith(("Mur", "  - ")))]))
EOF
}
# mail_lines REGEX: how many delivered mails match (grep -E -x).
mail_lines() { mails | grep -E -c -x -- "$1"; }
mail_lines_are() { test "$(mail_lines "$1")" -eq "$2"; }
code_for() { mails | grep "^$1|" | cut -d'|' -f4 | tail -n 1; }

# add_address SESSION EMAIL: the profile's E-mail notices, over SSH.
add_address() {
	TARGET=$1 type "p"
	TARGET=$1 expect_screen "6  Notices par e-mail"
	TARGET=$1 type "6"
	TARGET=$1 expect_screen "aucune : a pour en ajouter une"
	TARGET=$1 type "a"; TARGET=$1 type "$2"; TARGET=$1 press Enter
	TARGET=$1 expect_screen "Un code part vers $2" "$1: the code is on its way"
}
type_code() {
	TARGET=$1 type "c"; TARGET=$1 type "$2"; TARGET=$1 press Enter
	TARGET=$1 expect_screen "Votre adresse est vérifiée" "$1: the code from the mail verifies the address"
}

ssh_as odile odile
TARGET=odile expect_screen "Bonjour Odile" "Odile logs in over SSH"
ssh_as nadia nadia
TARGET=nadia expect_screen "Bonjour Nadia" "Nadia (Neudorf) logs in over SSH"
add_address odile odile@quartier.test
add_address nadia nadia@quartier.test

notify
expect_status 0 "notify hands the codes to exim"
expect_output "2 e-mails remis à sendmail" "two mails"
eventually "exim delivers both" has_mails 2
check "each mail is valid MIME, in French" mail_lines_are '[a-z]+@quartier\.test\|Votre code Quartier pour cette adresse e-mail\|valid\|.*' 2
ODILE_CODE=$(code_for odile@quartier.test)
NADIA_CODE=$(code_for nadia@quartier.test)
check "each has its code" test -n "$ODILE_CODE" -a -n "$NADIA_CODE" -a "$ODILE_CODE" != "$NADIA_CODE"
type_code odile "$ODILE_CODE"
type_code nadia "$NADIA_CODE"
# Alerts at once for both (the default keeps them for the digest).
for who in odile nadia; do
	TARGET=$who type "5"; TARGET=$who type "5"
	TARGET=$who expect_row "Une alerte de mon quartier" "tout de suite" "$who: alerts at once"
done

# Karim writes to Odile and posts an alert on Krutenau's wall.
ssh_as karim karim
TARGET=karim expect_screen "Bonjour Karim"
TARGET=karim type "5"
TARGET=karim expect_screen "Boîte de réception"
TARGET=karim type "n"
TARGET=karim expect_screen "Odile Schmitt"
TARGET=karim type "odile"; TARGET=karim press Enter
TARGET=karim expect_screen "À : Odile Schmitt (odile)" "Karim writes to Odile"
TARGET=karim type "La perceuse"; TARGET=karim press Enter
TARGET=karim type "La perceuse est à vous jusqu'à dimanche."
TARGET=karim press F2
TARGET=karim expect_screen "Votre message est envoyé." "the message is sent over SSH"
TARGET=karim press Escape
TARGET=karim expect_screen "Bonjour Karim"
TARGET=karim type "1"
TARGET=karim expect_screen "› Mur"
TARGET=karim type "n"
TARGET=karim expect_screen "Nouveau message"
TARGET=karim type "6"; TARGET=karim press Tab
TARGET=karim type "Coupure d'eau rue de Zurich"; TARGET=karim press Tab
TARGET=karim type "Demain de 8 h à 12 h."
TARGET=karim press F2
# Krutenau and Neudorf are neighbours in the demo: the alert stays home.
TARGET=karim expect_screen "Partager aussi avec les quartiers voisins"
TARGET=karim type "n"
TARGET=karim expect_screen "Votre message est sur le mur." "the alert is posted over SSH"
check "two notices wait in the outbox, both Odile's" test "$(sql "SELECT group_concat(kind || ':' || address) FROM (SELECT * FROM outbox WHERE state = 'waiting' ORDER BY id)")" = "message:odile@quartier.test,alert:odile@quartier.test"

# The MTA stopped: exim's sendmail queues them, nothing is delivered.
stop_mta
notify
expect_status 0 "notify hands them over while the queue runner is down"
notify
expect_status 0 "a second run finds nothing to send"
check "the outbox says both are sent" test "$(sql "SELECT count(*) FROM outbox WHERE state = 'sent' AND kind IN ('message', 'alert')")" = 2
check "nothing is delivered while the MTA is stopped" has_mails 2
check "they wait in exim's queue" test "$("$EXIM" -C "$MTA/exim.conf" -bpc)" = 2

# Started again: each is delivered, once.
start_mta
eventually "the MTA started again delivers them" has_mails 4
notify
expect_status 0 "notify again"
sleep 0.1
check "nothing twice: four mails, four Message-IDs" test "$(mails | cut -d'|' -f5 | sort -u | wc -l)" = 4
check "the message's notice says who wrote and what, not the text" mail_lines_are 'odile@quartier\.test\|Message de Karim Benali : La perceuse\|valid\|-\|.*\|notext\|.*' 1
check "the alert reaches Odile, once" mail_lines_are "odile@quartier\.test\|Alerte dans votre quartier : Coupure d'eau rue de Zurich\|valid\|.*" 1
check "Neudorf hears nothing of Krutenau" test "$(mails | grep -c '^nadia@quartier.test|')" = 1

# Odile's digest, every day at midnight: the alert is in it, Neudorf's
# post is not.
TARGET=nadia press Escape; TARGET=nadia press Escape
TARGET=nadia expect_screen "Bonjour Nadia"
TARGET=nadia type "1"; TARGET=nadia expect_screen "› Mur"
TARGET=nadia type "n"; TARGET=nadia expect_screen "Nouveau message"
TARGET=nadia type "1"; TARGET=nadia press Tab
TARGET=nadia type "Marché de Neudorf"; TARGET=nadia press Tab
TARGET=nadia type "Samedi matin."
TARGET=nadia press F2
TARGET=nadia expect_screen "Votre message est sur le mur." "Nadia posts in Neudorf"
ODILE=$(sql "SELECT id FROM residents WHERE handle = 'odile'")
sql "UPDATE email_addresses SET verified_at = verified_at - 2 * 86400 WHERE resident_id = $ODILE"
sql "UPDATE mail_settings SET digest = 'daily', digest_hour = 0 WHERE resident_id = $ODILE"
notify
expect_status 0 "notify makes the digest that is due"
eventually "the digest is delivered" has_mails 5
check "Odile's digest has Krutenau's news, valid" mail_lines_are "odile@quartier\.test\|Votre quartier aujourd'hui\|valid\|.*\|Mur : 1 nouveau / - Coupure d'eau rue de Zurich( / .*)?" 1
check "and nothing of Neudorf" test "$(mails | grep -c 'Neudorf')" = 0
notify
check "one digest a day" has_mails 5

run_admin -f "$TEST_TMP/notify.conf" notify --status
expect_output "envoyés : 5" "notify --status counts them"
run_admin email show odile
expect_output "odile : odile@quartier.test (vérifiée)" "the sysop sees the address is verified"

for s in odile nadia karim; do tm kill-session -t "$s" 2>/dev/null; done
stop_mta
done_testing
