#!/bin/sh
# E-mail notices: the address and its code on the profile's screen, the
# choices per kind of notice, and quartier-admin notify handing the mail
# to a stand-in sendmail that keeps each message in a file: valid MIME
# (Python's email package reads it), nothing twice even when notify is
# killed with SIGKILL in the middle of a hand-over, retried when sendmail
# fails, and notify --status saying so.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
OUT="$TEST_TMP/sent"
mkdir "$OUT"
# The stand-in: each message into a file of its own, and its arguments
# beside it; $TEST_TMP/sendmail-mode says how to behave: ok, fail (the
# MTA is down: status 75) or die (the message is kept, then notify is
# killed before it hears back, as a crash would).
cat > "$TEST_TMP/sendmail" <<EOF
#!/bin/sh
mode=\$(cat "$TEST_TMP/sendmail-mode" 2>/dev/null || echo ok)
[ "\$mode" = fail ] && { cat >/dev/null; exit 75; }
n=\$(ls "$OUT" | grep -c '\.eml\$')
cat > "$OUT/\$n.eml"
echo "\$*" > "$OUT/\$n.args"
[ "\$mode" = die ] && kill -KILL \$PPID
exit 0
EOF
chmod +x "$TEST_TMP/sendmail"
cat > "$TEST_TMP/quartier.conf" <<EOF
sendmail_program = $TEST_TMP/sendmail
mail_from = quartier@quartier.example.org
host_name = quartier.example.org
port = 2222
notify_daily_limit = 5
EOF
notify() { run_admin -f "$TEST_TMP/quartier.conf" notify "$@"; }
mails() { ls "$OUT" | grep -c '\.eml$'; }

start_ui 80 24
login odile
expect_screen "Bonjour Odile"
type "p"
expect_screen "6  Notices par e-mail" "the profile offers the e-mail notices"
type "6"
expect_screen "Notices par e-mail" "the screen opens"
expect_screen "aucune : a pour en ajouter une" "no address yet"
expect_screen "Un message privé" "the kinds of notice are listed"

# A bad address: a clear message, nothing stored.
type "a"; type "odile chez example"; press Enter
expect_screen "un seul @" "an address without @ is refused"
check "nothing stored" test "$(sql "SELECT count(*) FROM email_addresses")" = 0

type "a"; type "Odile@Example.ORG"; press Enter
expect_screen "Un code part vers Odile@example.org" "the code is on its way"
expect_screen "en attente de son code" "the address waits for its code"
check "one mail waits: the code" test "$(sql "SELECT count(*) FROM outbox WHERE kind = 'address'")" = 1

ODILE=$(sql "SELECT id FROM residents WHERE handle = 'odile'")

notify
expect_status 0 "notify sends what is due"
expect_same "one mail handed over" 1 "$(mails)"
CODE=$(sed -n 's/^    \([0-9]\{4\} [0-9]\{4\}\)$/\1/p' "$OUT/0.eml" | head -1)
[ -z "$CODE" ] && CODE=$(python3 -c '
import email, sys, re
m = email.message_from_file(open(sys.argv[1]))
t = m.get_payload(decode=True).decode("utf-8")
print(re.search(r"\d{4} \d{4}", t).group(0))' "$OUT/0.eml")
check "the code is in the mail" test -n "$CODE"
check "sendmail got -i -f FROM -- TO" grep -qx -- "-i -f quartier@quartier.example.org -- Odile@example.org" "$OUT/0.args"
check "the code is no longer in the outbox once sent" test "$(sql "SELECT body FROM outbox WHERE kind = 'address'")" = ""
python3 - "$OUT/0.eml" > "$TEST_TMP/parsed" <<'EOF'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
assert not m.defects, m.defects
print("subject:", m["Subject"])
print("to:", m["To"])
print("from:", m["From"])
print("auto:", m["Auto-Submitted"])
print("unsubscribe:", m["List-Unsubscribe"])
print("id:", m["Message-ID"])
print("date:", bool(m["Date"]))
print("type:", m.get_content_type(), m.get_content_charset())
body = m.get_content()
print("footer:", "\n-- \n" in body)
print("utf-8:", m.get_payload(decode=True).decode("utf-8") == body)
print("raw-ascii:", all(b < 128 for b in open(sys.argv[1], 'rb').read()))
EOF
check "Python reads the message" test $? -eq 0
check "the subject in French, decoded" grep -qx "subject: Votre code Quartier pour cette adresse e-mail" "$TEST_TMP/parsed"
check "From: names Quartier" grep -qx "from: Quartier <quartier@quartier.example.org>" "$TEST_TMP/parsed"
check "Auto-Submitted" grep -qx "auto: auto-generated" "$TEST_TMP/parsed"
check "List-Unsubscribe" grep -q "^unsubscribe: <mailto:quartier@quartier.example.org?subject=unsubscribe%20odile>" "$TEST_TMP/parsed"
check "a Message-ID of the configured domain" grep -q "^id: <.*@quartier.example.org>" "$TEST_TMP/parsed"
check "a Date" grep -qx "date: True" "$TEST_TMP/parsed"
check "UTF-8 text/plain" grep -qx "type: text/plain utf-8" "$TEST_TMP/parsed"
check "a footer below the signature line" grep -qx "footer: True" "$TEST_TMP/parsed"
check "the text is UTF-8, accents and all" grep -qx "utf-8: True" "$TEST_TMP/parsed"
check "the message on the wire is 7-bit" grep -qx "raw-ascii: True" "$TEST_TMP/parsed"

# A wrong code costs a try; the right one verifies.
type "c"; type "0000 0000"; press Enter
expect_screen "il reste 4 essais" "a wrong code is refused, tries counted"
type "c"; type "$CODE"; press Enter
expect_screen "Votre adresse est vérifiée" "the right code verifies the address"
expect_screen "Odile@example.org (vérifiée)"

# The choices: a message at once by default; 1 changes it, and back.
expect_row "Un message privé" "tout de suite" "a message goes at once by default"
type "1"
expect_row "Un message privé" "dans le résumé" "1 keeps messages for the digest"
type "1"; type "1"
expect_row "Un message privé" "tout de suite" "1 goes round the choices"
type "9"
expect_row "Le texte même d'un message" "oui" "9 puts a message's text in the mail"
check "the choices are stored" test "$(sql "SELECT message_text FROM mail_settings WHERE resident_id = $ODILE")" = 1

# notify killed in the middle of a hand-over: never sent twice.
sql "INSERT INTO outbox (resident_id, address, kind, language, subject, body, next_try_at, created_at) VALUES ($ODILE, 'Odile@example.org', 'message', 'fr', 'Message de Karim : Vélo', 'Karim vous a écrit.', 0, 0)"
echo die > "$TEST_TMP/sendmail-mode"
notify
check "notify was killed" test "$status" -eq 137
expect_same "the mail reached sendmail once" 2 "$(mails)"
check "it is left in sending" test "$(sql "SELECT state FROM outbox WHERE kind = 'message'")" = sending
echo ok > "$TEST_TMP/sendmail-mode"
notify
expect_status 0 "the next run goes on"
expect_error "interrompu" "it says a mail was interrupted"
expect_same "the interrupted mail is not sent again" 2 "$(mails)"
check "it is marked unsure" test "$(sql "SELECT state FROM outbox WHERE kind = 'message'")" = unsure
run_admin -f "$TEST_TMP/quartier.conf" notify --status
expect_output "incertains (interrompus pendant la remise, pas renvoyés) : 1" "notify --status shows it"

# The MTA down: the mail waits and is tried again later.
sql "INSERT INTO outbox (resident_id, address, kind, language, subject, body, next_try_at, created_at) VALUES ($ODILE, 'Odile@example.org', 'loan', 'en', 'Your drill is due', 'Give it back tomorrow.', 0, 0)"
echo fail > "$TEST_TMP/sendmail-mode"
notify
expect_status 1 "notify says the MTA refused"
expect_error "exited with status 75" "with sendmail's status"
check "the mail waits for its next try" test "$(sql "SELECT state || ' ' || tries FROM outbox WHERE kind = 'loan'")" = "waiting 1"
run_admin -f "$TEST_TMP/quartier.conf" notify --status
expect_output "en attente : 1" "--status counts it"
sql "UPDATE outbox SET next_try_at = 0 WHERE kind = 'loan'"
echo ok > "$TEST_TMP/sendmail-mode"
notify
expect_status 0 "the MTA back, the mail goes"
expect_same "sent once" 3 "$(mails)"
python3 - "$OUT/2.eml" > "$TEST_TMP/parsed" <<'EOF'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
print(m.get_content())
EOF
check "an English mail has its footer in English" grep -q "You receive this e-mail because you chose it" "$TEST_TMP/parsed"

# The address removed: one step, and nothing more goes there.
type "d"; type "o"
expect_screen "Votre adresse e-mail a été retirée." "d removes the address"
check "nothing is left of it" test "$(sql "SELECT count(*) FROM email_addresses")" = 0

# The sysop's view.
run_admin email show odile
expect_output "odile n'a pas d'adresse e-mail" "email show: none"
done_testing
