#!/bin/sh
# admin.sh - quartier-admin as a sysop uses it: creating the database, the
# city and its quartiers, residents and their passwords and SSH keys,
# announcements and the demo, letters with codes and verification in
# person; errors that write nothing, and where the database is found.
. "$top_srcdir/tests/lib.sh"

command -v sqlite3 >/dev/null || skip_all "the sqlite3 command is not installed"

# The messages are checked in English, whatever the environment says.
LANGUAGE=en
export LANGUAGE

# sql QUERY: one value from the test database.
sql() { sqlite3 "$DB" "$1"; }

# run_plain ARGS...: quartier-admin without --db, like run_admin otherwise.
run_plain() {
	status=0
	"$ADMIN" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err" || status=$?
}

# column_of TEXT: how many characters come before the first digit on the
# line of the output holding TEXT (where a table's counts start).
column_of() {
	grep -F -- "$1" "$TEST_TMP/out" | head -n 1 | sed 's/[0-9].*//' |
	    LC_ALL=C.UTF-8 wc -m
}

printf 'le canal est gelé\n' >"$TEST_TMP/password"
printf 'les cigognes reviennent\r\n' >"$TEST_TMP/password2"
printf 'court\n' >"$TEST_TMP/short"
: >"$TEST_TMP/empty"

## init

new_db
run_admin init
expect_status 0 "init on an existing database succeeds"
expect_output "up to date" "init says the database is up to date"
expect_same "the schema version is set" \
    "$(sed -n 's/^-- schema-version: //p' "$top_srcdir/data/schema.sql")" \
    "$(sql 'PRAGMA user_version')"

# The database is private: made 0600, in a directory made 0700 when it
# is missing; a database others can read is refused with the fix.
private="$TEST_TMP/private/quartier.db"
"$ADMIN" --db "$private" init >/dev/null 2>"$TEST_TMP/err"
expect_same "init makes a missing directory 0700" 700 \
    "$(stat -c %a "$TEST_TMP/private")"
expect_same "and the database 0600" 600 "$(stat -c %a "$private")"
chmod 644 "$private"
sum=$(cksum <"$private")
status=0
"$ADMIN" --db "$private" city add Colmar >"$TEST_TMP/out" 2>"$TEST_TMP/err" ||
    status=$?
expect_status 1 "a database others can read is refused"
expect_error "make it private with: chmod 600 $private" \
    "with the command that fixes it"
expect_same "and left as it was" "$sum" "$(cksum <"$private")"

## cities and quartiers

run_admin city add Strasbourg
expect_status 0 "city add"
expect_output "created city Strasbourg" "city add says what it created"
run_admin city add strasbourg
expect_status 1 "a city cannot be added twice"
expect_error "city already exists" "the duplicate city is named"
expect_same "only one city" 1 "$(sql 'SELECT count(*) FROM cities')"

run_admin quartier add Strasbourg Krutenau
expect_status 0 "quartier add"
expect_output "created quartier Strasbourg › Krutenau" \
    "quartier add names the city and the quartier"
run_admin quartier add Strasbourg "Forêt-Noire"
expect_status 0 "quartier add with an accented name"
run_admin quartier add Lyon Croix-Rousse
expect_status 1 "quartier add in an unknown city fails"
expect_error "no such city: Lyon" "the unknown city is named"
run_admin quartier add Strasbourg KRUTENAU
expect_status 1 "a quartier cannot be added twice"
expect_same "two quartiers" 2 "$(sql 'SELECT count(*) FROM quartiers')"

run_admin quartier list
expect_status 0 "quartier list"
expect_output "Forêt-Noire" "quartier list shows accented names"
expect_output "Suspended" "quartier list has a header"
expect_same "counts line up after an accented name" \
    "$(column_of Krutenau)" "$(column_of Forêt-Noire)"

## residents

run_admin resident add --quartier Krutenau --handle marie \
    --name "Marie Lefèvre" --street "12 rue des Orphelins" --verified \
    --role moderator --password-stdin <"$TEST_TMP/password"
expect_status 0 "resident add with a password"
expect_output "created resident marie (Strasbourg › Krutenau)" \
    "resident add names the resident and the quartier"
expect_same "the password is stored as an argon2id hash" '$argon2id$' \
    "$(sql "SELECT substr(password_hash, 1, 10) FROM residents WHERE handle = 'marie'")"
expect_same "the resident is a verified moderator" "verified moderator" \
    "$(sql "SELECT status || ' ' || role FROM residents WHERE handle = 'marie'")"

run_admin resident add --quartier Strasbourg/Forêt-Noire --handle Hugo \
    --name "Hugo Fischer"
expect_status 0 "resident add by City/Quartier, without a password"
expect_same "a new resident is pending, with a lower-case handle" \
    "hugo pending" \
    "$(sql "SELECT handle || ' ' || status FROM residents WHERE id = (SELECT max(id) FROM residents)")"

residents=$(sql 'SELECT count(*) FROM residents')
run_admin resident add --quartier Krutenau --handle MARIE --name "Marie B."
expect_status 1 "a taken handle is refused"
expect_error "handle already taken: marie" "the taken handle is named"
run_admin resident add --quartier Nulle-Part --handle zoe --name "Zoé"
expect_status 1 "an unknown quartier is refused"
expect_error "no such quartier: Nulle-Part" "the unknown quartier is named"
run_admin resident add --quartier Krutenau --handle zoe --name ""
expect_status 1 "an empty name is refused"
expect_error "--name" "the empty name is named"
run_admin resident add --quartier Krutenau --handle zoe \
    --name "$(printf 'Zo\351')"
expect_status 1 "a name that is not UTF-8 is refused"
expect_error "not valid UTF-8" "the refusal says why"
run_admin resident add --quartier Krutenau --handle admin --name "Admin"
expect_status 1 "a reserved handle is refused"
run_admin resident add --quartier Krutenau --handle zoe --name "Zoé" \
    --password-stdin <"$TEST_TMP/short"
expect_status 1 "a short password is refused"
run_admin resident add --quartier Krutenau --handle zoe --name "Zoé" \
    --password-stdin <"$TEST_TMP/empty"
expect_status 1 "an empty password is refused"
expect_same "nothing was written by the refused commands" "$residents" \
    "$(sql 'SELECT count(*) FROM residents')"

## bad usage

run_admin resident add --quartier Krutenau --name "Zoé"
expect_status 2 "a missing --handle is bad usage"
expect_error "usage:" "bad usage shows the synopsis"
expect_error "resident add: --handle is required" \
    "the command's table names the required option that is missing"
run_admin resident suspend karim --reason "Insultes" --days 0
expect_status 2 "a declared number out of its bounds is bad usage"
expect_error "--days must be a number from 1 to 3650" "with its bounds"
run_admin resident lift karim --reason "Excuses" --days 3
expect_status 2 "an option another command takes is bad usage here"
run_admin backup --dir "$TEST_TMP" extra.db
expect_status 2 "backup takes FILE or --dir, not both"
run_admin resident add --quartier Krutenau --handle zoe --name Zoé --role king
expect_status 2 "an unknown role is bad usage"
run_admin resident add --quartier Krutenau --handle zoe --name Zoé --frobnicate
expect_status 2 "an unknown option is bad usage"
run_admin resident add --quartier
expect_status 2 "an option without its value is bad usage"
run_admin city add
expect_status 2 "a missing argument is bad usage"
run_admin city add Lyon Paris
expect_status 2 "an extra argument is bad usage"
run_admin resident frobnicate
expect_status 2 "an unknown subcommand is bad usage"
run_admin frobnicate
expect_status 2 "an unknown command is bad usage"
run_admin
expect_status 2 "no command is bad usage"
expect_same "nothing was written by bad usage" "$residents" \
    "$(sql 'SELECT count(*) FROM residents')"

run_plain --help
expect_status 0 "--help succeeds"
expect_output "resident set-password" "--help lists the commands"
run_plain --version
expect_status 0 "--version succeeds"
expect_output "quartier-admin" "--version names the program"

## listing residents

run_admin resident list
expect_status 0 "resident list"
expect_output "Marie Lefèvre" "resident list shows every resident"
expect_output "hugo" "resident list shows pending residents too"
run_admin resident list --pending
expect_status 0 "resident list --pending"
expect_output "hugo" "the pending resident is listed"
if grep -q marie "$TEST_TMP/out"; then ok 1 "verified residents are not"
else ok 0 "verified residents are not"; fi
run_admin resident list --quartier Krutenau
expect_status 0 "resident list --quartier"
if grep -q hugo "$TEST_TMP/out"; then ok 1 "other quartiers are left out"
else ok 0 "other quartiers are left out"; fi

## passwords

before=$(sql "SELECT password_hash FROM residents WHERE handle = 'marie'")
run_admin resident set-password marie --password-stdin <"$TEST_TMP/password2"
expect_status 0 "set-password"
after=$(sql "SELECT password_hash FROM residents WHERE handle = 'marie'")
if [ "$before" != "$after" ] && [ "${after#\$argon2id\$}" != "$after" ]; then
	ok 0 "set-password stores a new argon2id hash"
else
	ok 1 "set-password stores a new argon2id hash"
fi
run_admin resident set-password marie --password-stdin <"$TEST_TMP/empty"
expect_status 1 "set-password refuses an empty password"
run_admin resident set-password nobody --password-stdin <"$TEST_TMP/password"
expect_status 1 "set-password of an unknown resident fails"
expect_error "no such resident: nobody" "the unknown resident is named"
run_admin resident set-password marie <"$TEST_TMP/password"
expect_status 2 "set-password without --password-stdin is bad usage"
expect_same "the refused changes left the hash alone" "$after" \
    "$(sql "SELECT password_hash FROM residents WHERE handle = 'marie'")"

## announcements

run_admin announce --quartier Krutenau "Réunion publique jeudi à 20 h
Salle du centre socio-culturel, venez nombreux !"
expect_status 0 "announce"
expect_output "Réunion publique jeudi à 20 h" "announce shows the title"
expect_same "the announcement is pinned, titled by its first line" 1 \
    "$(sql "SELECT count(*) FROM items WHERE kind = 'announcement' AND pinned = 1 AND author_id IS NULL AND title = 'Réunion publique jeudi à 20 h'")"
run_admin announce --quartier Krutenau --title "Coupure d'eau" \
    "Mardi de 8 h à 12 h."
expect_status 0 "announce with --title"
expect_same "the given title is used" 1 \
    "$(sql "SELECT count(*) FROM items WHERE title = 'Coupure d''eau' AND body = 'Mardi de 8 h à 12 h.'")"
long=$(printf 'voisin%.0s ' $(seq 1 30))
run_admin announce --quartier Krutenau "$long"
expect_status 0 "announce with a long first line"
expect_same "its title is cut at a word, with an ellipsis" "sin…" \
    "$(sql "SELECT substr(title, -4) FROM items WHERE id = (SELECT max(id) FROM items)")"
items=$(sql 'SELECT count(*) FROM items')
run_admin announce --quartier Nulle-Part "Bonjour"
expect_status 1 "announce in an unknown quartier fails"
run_admin announce --quartier Krutenau ""
expect_status 1 "an empty announcement is refused"
run_admin announce "Bonjour"
expect_status 2 "announce without --quartier is bad usage"
expect_same "nothing was announced by the refused commands" "$items" \
    "$(sql 'SELECT count(*) FROM items')"

## the demo

run_admin init --demo
expect_status 1 "init --demo refuses a database that has data"
expect_error "already has data" "the refusal says why"
expect_same "nothing was added" "$residents" \
    "$(sql 'SELECT count(*) FROM residents')"

new_demo_db
check "the demo has a dozen residents" \
    test "$(sql 'SELECT count(*) FROM residents')" -ge 12
check "the demo has at least three quartiers" \
    test "$(sql 'SELECT count(*) FROM quartiers')" -ge 3
check "the demo has posts in at least two quartiers" \
    test "$(sql "SELECT count(DISTINCT quartier_id) FROM items WHERE kind = 'post'")" -ge 2
expect_same "the demo's references hold" "" "$(sql 'PRAGMA foreign_key_check')"
expect_same "the demo's reply counts match its replies" 0 \
    "$(sql 'SELECT count(*) FROM items i WHERE reply_count <> (SELECT count(*) FROM replies r WHERE r.item_id = i.id)')"
expect_same "the demo's posts were last active at their newest reply" 0 \
    "$(sql 'SELECT count(*) FROM items i WHERE last_activity_at <> max(created_at, coalesce((SELECT max(created_at) FROM replies r WHERE r.item_id = i.id), 0))')"
expect_same "every demo resident has a password hash of their own" \
    "$(sql 'SELECT count(*) FROM residents')" \
    "$(sql "SELECT count(DISTINCT password_hash) FROM residents WHERE password_hash LIKE '\$argon2id\$%'")"
run_admin resident list --pending
expect_output "hugo" "the demo has a pending resident"
run_admin init --demo
expect_status 1 "the demo cannot be loaded twice"

## where the database is

conf="$TEST_TMP/quartier.conf"
printf 'db = %s\n' "$TEST_TMP/conf.db" >"$conf"
run_plain -f "$conf" init
expect_status 0 "init with the database named by the configuration file"
expect_output "created database $TEST_TMP/conf.db" "the file's db = is used"
QUARTIER_DB="$TEST_TMP/env.db"
export QUARTIER_DB
run_plain -f "$conf" init
expect_output "created database $TEST_TMP/env.db" \
    "QUARTIER_DB wins over the configuration file"
run_plain -f "$conf" --db "$TEST_TMP/cli.db" init
expect_output "created database $TEST_TMP/cli.db" \
    "--db wins over QUARTIER_DB"
unset QUARTIER_DB
run_plain -f "$TEST_TMP/missing.conf" --db "$TEST_TMP/cli.db" quartier list
expect_status 1 "a configuration file given with -f must exist"
printf 'colour = blue\n' >"$conf"
run_plain -f "$conf" --db "$TEST_TMP/cli.db" quartier list
expect_status 1 "a bad configuration file is an error"
expect_error "quartier.conf:1" "the error names the file and the line"

## SSH keys (on the demo database; ssh-keygen comes with the OpenSSH
## client the tests need anyway)

# fingerprint FILE: the fingerprint as "ssh-keygen -l" prints it.
fingerprint() { ssh-keygen -lf "$1" | cut -d ' ' -f 2; }
keys_of() {
	sql "SELECT count(*) FROM ssh_keys k JOIN residents r ON r.id = k.resident_id WHERE r.handle = '$1'"
}

ssh-keygen -q -t ed25519 -N '' -C 'marie@portable' -f "$TEST_TMP/k1"
ssh-keygen -q -t ecdsa -N '' -C '' -f "$TEST_TMP/k2"
ssh-keygen -q -t ed25519 -N '' -C 'karim' -f "$TEST_TMP/k3"
ssh-keygen -q -t rsa -b 1024 -N '' -C 'vieux' -f "$TEST_TMP/rsa1024"
fp1=$(fingerprint "$TEST_TMP/k1.pub")
fp2=$(fingerprint "$TEST_TMP/k2.pub")
{ echo '# les clés de Marie'; echo; cat "$TEST_TMP/k1.pub";
  echo '   '; cat "$TEST_TMP/k2.pub"; } >"$TEST_TMP/keys"

run_admin key add marie <"$TEST_TMP/keys"
expect_status 0 "key add, with a comment line and blank lines"
expect_output "added key $fp1 to marie" "key add names each key it added"
expect_output "added key $fp2 to marie" "and the second one"
expect_same "both keys are marie's" 2 "$(keys_of marie)"

run_admin key list marie
expect_status 0 "key list"
expect_output "$fp1" "key list shows the fingerprint ssh-keygen -l prints"
expect_output "$fp2" "key list shows every key"
expect_output "marie@portable" "key list shows the comment"
expect_output "ssh-ed25519" "key list shows the algorithm"
expect_output "Last used" "key list has a header"
if grep -F -- "$fp1" "$TEST_TMP/out" |
    grep -Eq ' [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}  never$'; then
	ok 0 "dates are YYYY-MM-DD HH:MM, and an unused key says never"
else
	ok 1 "dates are YYYY-MM-DD HH:MM, and an unused key says never"
	diag "$(cat "$TEST_TMP/out")"
fi
run_admin key list karim
expect_status 0 "key list of a resident without keys"
expect_output "karim has no SSH keys" "it says there are none"

keys=$(sql 'SELECT count(*) FROM ssh_keys')
{ cat "$TEST_TMP/k3.pub"; echo 'ssh-ed25519 pas-une-cle karim'; } \
    >"$TEST_TMP/bad"
run_admin key add karim <"$TEST_TMP/bad"
expect_status 1 "one bad line refuses the whole input"
expect_error "standard input, line 2: This key is damaged" \
    "the bad line is named, with the reason"
run_admin key add karim <"$TEST_TMP/rsa1024.pub"
expect_status 1 "a 1024-bit RSA key is refused"
expect_error "This RSA key is too short; use an ed25519 key." \
    "the refusal says why"
printf 'from="10.0.0.1" %s\n' "$(cat "$TEST_TMP/k3.pub")" >"$TEST_TMP/opts"
run_admin key add karim <"$TEST_TMP/opts"
expect_status 1 "a line with options is refused"
run_admin key add karim <"$TEST_TMP/k3"
expect_status 1 "a private key is refused"
expect_error "private key" "and called what it is"
{ cat "$TEST_TMP/k3.pub" "$TEST_TMP/k1.pub"; } >"$TEST_TMP/taken"
run_admin key add karim <"$TEST_TMP/taken"
expect_status 1 "a key registered to another resident is refused"
expect_error "key already registered: $fp1" "the taken key is named"
{ cat "$TEST_TMP/k3.pub" "$TEST_TMP/k3.pub"; } >"$TEST_TMP/twice"
run_admin key add karim <"$TEST_TMP/twice"
expect_status 1 "the same key twice in the input is refused"
run_admin key add karim <"$TEST_TMP/empty"
expect_status 1 "key add without any key fails"
expect_error "no key on standard input" "and says so"
run_admin key add nobody <"$TEST_TMP/k3.pub"
expect_status 1 "key add for an unknown resident fails"
expect_error "no such resident: nobody" "the unknown resident is named"
run_admin key add <"$TEST_TMP/k3.pub"
expect_status 2 "key add without a handle is bad usage"
run_admin key remove marie
expect_status 2 "key remove without a fingerprint is bad usage"
run_admin key list
expect_status 2 "key list without a handle is bad usage"
expect_same "the refused commands added no key" "$keys" \
    "$(sql 'SELECT count(*) FROM ssh_keys')"

run_admin key remove karim "$fp1"
expect_status 1 "a resident's key cannot be removed through another"
expect_error "karim has no key $fp1" "the refusal names both"
run_admin key remove marie "$fp1"
expect_status 0 "key remove"
expect_output "removed key $fp1 from marie" "key remove says what it removed"
expect_same "one key is left" 1 "$(keys_of marie)"
run_admin key list marie
if grep -qF -- "$fp1" "$TEST_TMP/out"; then ok 1 "the removed key is gone"
else ok 0 "the removed key is gone"; fi
run_plain --help
expect_output "key remove H FINGERPRINT" "--help lists the key commands"

## letters with codes, and verification in person (on the demo database)

# mode_of FILE: its permissions in octal, as "600".
mode_of() { stat -c %a "$1"; }

run_admin resident add --quartier Krutenau --handle lea --name "Léa Muller" \
    --street "12 bis, rue des Orphelins"
run_admin resident add --quartier Krutenau --handle sans --name "Sans Rue"
letters="$TEST_TMP/letters"
run_admin letters --out "$letters" --host quartier.example
expect_status 0 "letters"
expect_output "letter for lea: $letters/lea.txt" "letters names each letter"
expect_output "2 letters written to $letters" "and counts them"
expect_same "the directory of the letters is the sysop's only" 700 \
    "$(mode_of "$letters")"
expect_same "a letter is readable by its owner only" 600 \
    "$(mode_of "$letters/lea.txt")"
check "the demo's pending resident has a letter too" \
    test -f "$letters/hugo.txt"
check "nobody gets a letter without a street" \
    test ! -e "$letters/sans.txt"
check "the letter is addressed to the resident" \
    grep -qF "Léa Muller" "$letters/lea.txt"
check "at their street" grep -qF "12 bis, rue des Orphelins" \
    "$letters/lea.txt"
check "it says how to log in" \
    grep -qF "ssh -p 2222 lea@quartier.example" "$letters/lea.txt"
code=$(sed -n 's/^ *Your code: //p' "$letters/lea.txt")
alphabet='[23456789ABCDEFGHJKMNPQRSTUVWXYZ]'
if printf '%s\n' "$code" |
    grep -qxE "$alphabet{4}-$alphabet{4}-$alphabet{4}"; then
	ok 0 "the letter has a code like K7RX-M4PQ-2HWN"
else
	ok 1 "the letter has a code like K7RX-M4PQ-2HWN"; diag "code: $code"
fi
check "the code is not shown on the terminal" \
    sh -c "! grep -qF '$code' '$TEST_TMP/out'"
expect_same "the codes are stored hashed" 2 \
    "$(sql "SELECT count(*) FROM verifications WHERE method = 'letter' AND length(code_hash) = 64 AND instr(code_hash, '$(printf %s "$code" | tr -d -)') = 0")"

letter=$(cat "$letters/lea.txt")
run_admin letters --out "$letters"
expect_status 0 "letters again"
expect_output "no pending resident needs a letter" \
    "live codes are not issued twice"
expect_same "the letter was left alone" "$letter" "$(cat "$letters/lea.txt")"
codes=$(sql "SELECT count(*) FROM verifications")
run_admin letters --out "$letters" --quartier Nulle-Part
expect_status 1 "letters for an unknown quartier fail"
run_admin letters
expect_status 2 "letters without --out is bad usage"
: >"$TEST_TMP/plain-file"
run_admin resident add --quartier Krutenau --handle tom --name "Tom Weber" \
    --street "3b quai des Pêcheurs"
run_admin letters --out "$TEST_TMP/plain-file"
expect_status 1 "letters into a file that is not a directory fail"
expect_same "and issue no code" "$codes" "$(sql "SELECT count(*) FROM verifications")"

printf 'host_name = quartier.example.org\n' >"$TEST_TMP/host.conf"
LANGUAGE=fr QUARTIER_CONFIG="$TEST_TMP/host.conf" \
    run_admin letters --out "$letters" --quartier Krutenau
expect_status 0 "letters in French"
check "a French letter" grep -qF "Votre code" "$letters/tom.txt"
check "without --host, the host_name of quartier.conf" \
    grep -qF "ssh -p 2222 tom@quartier.example.org" "$letters/tom.txt"
check "with its catalogue, French goes without a warning" \
    test ! -s "$TEST_TMP/err"

# Without the French catalogue the letters come out in English: the sysop
# is told so on stderr, and the command still does its work.
run_admin resident add --quartier Krutenau --handle noe --name "Noé Roth" \
    --street "8 rue des Orphelins"
mkdir "$TEST_TMP/no-locale"
LANGUAGE=fr QUARTIER_LOCALEDIR="$TEST_TMP/no-locale" \
    run_admin letters --out "$letters" --quartier Krutenau
expect_status 0 "letters without the French catalogue"
expect_error "warning: no catalogue for the language fr in $TEST_TMP/no-locale; messages and letters are in English" \
    "a missing French catalogue is said on stderr, with where it was looked for"
check "the letter is in English" grep -qF "Your code" "$letters/noe.txt"
check_fails "and the warning is not in the output" \
    grep -qF "catalogue" "$TEST_TMP/out"
LANGUAGE=en QUARTIER_LOCALEDIR="$TEST_TMP/no-locale" run_admin stats
check "English needs no catalogue, and gets no warning" \
    test ! -s "$TEST_TMP/err"
LANGUAGE=en

run_admin resident verify lea
expect_status 0 "resident verify"
expect_output "verified lea" "resident verify says so"
expect_same "the resident is verified" verified \
    "$(sql "SELECT status FROM residents WHERE handle = 'lea'")"
expect_same "the check is in the moderation log, by the console user" 1 \
    "$(sql "SELECT count(*) FROM moderation_log WHERE action = 'verify' AND target_kind = 'resident' AND target_id = (SELECT id FROM residents WHERE handle = 'lea') AND actor_name LIKE 'console:_%'")"
SUDO_USER=alice
export SUDO_USER
run_admin resident verify tom
unset SUDO_USER
expect_status 0 "resident verify under sudo"
expect_same "names the sysop behind sudo" 1 \
    "$(sql "SELECT count(*) FROM verifications WHERE method = 'in_person' AND verified_by_name = 'console:alice'")"
log=$(sql "SELECT count(*) FROM moderation_log")
run_admin resident verify lea
expect_status 1 "verifying a verified resident fails"
expect_error "lea is already verified" "and says so"
run_admin resident verify nobody
expect_status 1 "resident verify of an unknown resident fails"
run_admin resident verify
expect_status 2 "resident verify without a handle is bad usage"
expect_same "the refusals logged nothing" "$log" \
    "$(sql "SELECT count(*) FROM moderation_log")"
LANGUAGE=fr run_admin log
expect_output "justificatif de domicile contrôlé en personne" \
    "the log gives the console's reason in the reader's language"
expect_output "habitant #" "and what it acted on"
run_admin log
expect_output "proof of address checked in person" "in English for another"
expect_output "resident #" "and what it acted on"
run_plain --help
expect_output "letters --out DIR" "--help lists letters"
expect_output "resident verify H" "--help lists resident verify"


## the sysop's commands: stats, rename, roles, suspensions, online, log,
## announcements everywhere and a backup while others write (demo database)

run_admin stats
expect_status 0 "stats"
expect_same "stats counts the quartiers" \
    "$(sql 'SELECT count(*) FROM quartiers')" \
    "$(awk '$2 == "quartiers" { print $1 }' "$TEST_TMP/out")"
expect_same "one city is counted in the singular" "1 city" \
    "$(awk '$2 == "city" { print $1, $2 }' "$TEST_TMP/out")"
expect_same "stats counts the wall posts" \
    "$(sql "SELECT count(*) FROM items WHERE kind = 'post' AND deleted_at IS NULL")" \
    "$(awk '/wall posts/ { print $1 }' "$TEST_TMP/out")"
run_admin stats --quartier Krutenau
expect_status 0 "stats of one quartier"
expect_output "Strasbourg › Krutenau" "names the quartier"
expect_same "counts its verified residents" \
    "$(sql "SELECT count(*) FROM residents r JOIN quartiers q ON q.id = r.quartier_id WHERE q.name = 'Krutenau' AND r.status = 'verified'")" \
    "$(awk '/verified residents/ { print $1 }' "$TEST_TMP/out")"
run_admin stats --quartier Nulle-Part
expect_status 1 "stats of an unknown quartier fails"

run_admin quartier rename Esplanade Neudorf
expect_status 1 "renaming to a name the city has fails"
expect_error "already has a quartier named Neudorf" "and says why"
run_admin quartier rename Esplanade "Esplanade-Nord"
expect_status 0 "quartier rename"
expect_output "renamed Strasbourg › Esplanade to Strasbourg › Esplanade-Nord" \
    "rename says what it did"
expect_same "the new name is kept" 1 \
    "$(sql "SELECT count(*) FROM quartiers WHERE name = 'Esplanade-Nord'")"
run_admin quartier rename Esplanade-Nord
expect_status 2 "rename without a new name is bad usage"

# Neighbours: the demo declares Krutenau and Neudorf; a pair is both
# ways, once, never a quartier with itself, and goes away whole.
run_admin quartier neighbours
expect_status 0 "quartier neighbours"
expect_output "Strasbourg › Krutenau  Strasbourg › Neudorf" \
    "lists the demo's neighbours"
run_admin quartier neighbour Neudorf Krutenau
expect_status 1 "declaring a pair twice fails"
expect_error "are already neighbours" "and says why"
run_admin quartier neighbour Robertsau Robertsau
expect_status 1 "a quartier is not its own neighbour"
run_admin quartier neighbour Robertsau Nulle-Part
expect_status 1 "an unknown quartier fails"
run_admin quartier neighbour Robertsau
expect_status 2 "one quartier alone is bad usage"
expect_same "the refusals wrote nothing" 2 \
    "$(sql "SELECT count(*) FROM quartier_neighbours")"
run_admin quartier neighbour Robertsau Krutenau
expect_status 0 "quartier neighbour"
expect_output "Strasbourg › Robertsau and Strasbourg › Krutenau are neighbours now" \
    "says what it did"
expect_same "both ways" 2 \
    "$(sql "SELECT count(*) FROM quartier_neighbours WHERE 3 IN (quartier_id, neighbour_id)")"
run_admin quartier neighbours Krutenau
expect_output "Strasbourg › Krutenau  Strasbourg › Robertsau" \
    "one quartier's neighbours"
run_admin quartier neighbour --remove Krutenau Robertsau
expect_status 0 "quartier neighbour --remove"
expect_output "are no longer neighbours" "says so"
run_admin quartier neighbour --remove Krutenau Robertsau
expect_status 1 "removing a pair that is not there fails"
expect_same "the pair is gone both ways" 2 \
    "$(sql "SELECT count(*) FROM quartier_neighbours")"

log=$(sql "SELECT count(*) FROM moderation_log")
run_admin resident role sophie moderator
expect_status 2 "a role change without a reason is bad usage"
run_admin resident role sophie king --reason "x"
expect_status 2 "an unknown role is bad usage"
expect_same "the refusals logged nothing" "$log" \
    "$(sql "SELECT count(*) FROM moderation_log")"
run_admin resident role sophie moderator --reason "Volontaire pour modérer"
expect_status 0 "resident role"
expect_output "sophie is now moderator" "role says so"
expect_same "the role is set" moderator \
    "$(sql "SELECT role FROM residents WHERE handle = 'sophie'")"
LANGUAGE=fr
run_admin resident role sophie habitant --reason "Fin du mandat"
LANGUAGE=en
expect_status 0 "a role can be named in the admin's language"
expect_output "sophie a maintenant le rôle habitant" "and is answered in it"

run_admin resident suspend sophie --days 0 --reason "x"
expect_status 2 "--days must be at least 1"
run_admin resident suspend sophie --days 3 --reason "Propos blessants"
expect_status 0 "resident suspend for some days"
expect_output "suspended sophie until" "suspend says until when"
expect_same "suspended for three days" "suspended|1" \
    "$(sql "SELECT status, suspended_until - strftime('%s', 'now') BETWEEN 3 * 86400 - 60 AND 3 * 86400 + 60 FROM residents WHERE handle = 'sophie'")"
run_admin resident suspend sophie --reason "Encore"
expect_status 1 "suspending twice fails"
run_admin resident lift sophie --reason "Excuses présentées"
expect_status 0 "resident lift"
expect_output "lifted the suspension of sophie" "lift says so"
expect_same "verified again" verified \
    "$(sql "SELECT status FROM residents WHERE handle = 'sophie'")"
run_admin resident lift sophie --reason "Encore"
expect_status 1 "lifting what is not suspended fails"
run_admin resident suspend sophie --reason "Jusqu'à nouvel ordre"
expect_status 0 "resident suspend until lifted"
expect_output "suspended sophie until lifted" "without an end"
run_admin resident lift sophie --reason "Levée"

run_admin log --limit 3
expect_status 0 "log"
expect_output "Levée" "the newest entry first, with its reason"
expect_same "three entries and a heading" 4 "$(wc -l <"$TEST_TMP/out")"
run_admin log --quartier Neudorf
expect_status 0 "log of one quartier"
if grep -q "Krutenau" "$TEST_TMP/out"; then ok 1 "only that quartier's entries"
else ok 0 "only that quartier's entries"; fi
run_admin log --limit many
expect_status 2 "--limit must be a number"

run_admin online
expect_status 0 "online"
expect_output "nobody is online" "nobody is online at first"
sql "INSERT INTO live_sessions (resident_id, pid, origin, source, started_at, seen_at) SELECT id, 1, 'ssh', '192.0.2.8', strftime('%s', 'now'), strftime('%s', 'now') FROM residents WHERE handle = 'marie'"
sql "INSERT INTO live_sessions (resident_id, pid, origin, started_at, seen_at) SELECT id, 2, 'terminal', 1, 1 FROM residents WHERE handle = 'karim'"
run_admin online
expect_output "SSH 192.0.2.8" "online lists a live session and where from"
LANGUAGE=fr run_admin online
expect_same "each column of online has its own heading" 1 \
    "$(head -n 1 "$TEST_TMP/out" | grep -o Depuis | wc -l)"
if grep -q "karim" "$TEST_TMP/out"; then ok 1 "a stale session is left out"
else ok 0 "a stale session is left out"; fi
expect_same "and cleaned up" 1 "$(sql "SELECT count(*) FROM live_sessions")"

run_admin announce --all --quartier Krutenau "Deux cibles"
expect_status 2 "announce with both --all and --quartier is bad usage"
run_admin announce --all --title "Coupure d'eau" "Mardi matin, de 8 h à 10 h."
expect_status 0 "announce --all"
expect_output "announced in every quartier: Coupure d'eau" "says where"
expect_same "one announcement on every wall" \
    "$(sql 'SELECT count(*) FROM quartiers')" \
    "$(sql "SELECT count(DISTINCT quartier_id) FROM items WHERE kind = 'announcement' AND title = 'Coupure d''eau'")"

# A backup while another process writes all along.
backup="$TEST_TMP/backup.db"
(
	i=0
	while [ $i -lt 200 ]; do
		sqlite3 -cmd ".timeout 10000" "$DB" \
		    "INSERT INTO cities (name, created_at) VALUES ('Ville $i', 1)"
		i=$((i + 1))
	done
) &
writer=$!
run_admin backup "$backup"
backup_status=$status
wait "$writer"
expect_same "backup while another process writes" 0 "$backup_status"
expect_output "backed up $DB to $backup" "backup says what it did"
expect_same "the backup is sound" ok \
    "$(sqlite3 "$backup" 'PRAGMA integrity_check')"
expect_same "the backup has the residents" \
    "$(sql 'SELECT count(*) FROM residents')" \
    "$(sqlite3 "$backup" 'SELECT count(*) FROM residents')"
check "the backup has the cities written before it" \
    test "$(sqlite3 "$backup" 'SELECT count(*) FROM cities')" -ge 1
expect_same "the backup is one file" "" "$(ls "$backup-wal" 2>/dev/null)"
size=$(wc -c <"$backup")
run_admin backup "$backup"
expect_status 1 "a backup never overwrites a file"
expect_error "exists already" "and says so"
expect_same "the file is untouched" "$size" "$(wc -c <"$backup")"
run_admin backup
expect_status 2 "backup without a file is bad usage"

# Dated backups in a directory, the oldest removed past --keep; nothing
# else of the directory is touched.
bdir="$TEST_TMP/backups"
mkdir "$bdir"
for old in 20250101T000000Z 20250102T000000Z 20250103T000000Z; do
	cp "$backup" "$bdir/quartier-$old.db"
done
: >"$bdir/quartier-notes.db"
: >"$bdir/other.db"
run_admin backup --dir "$bdir" --keep 2
expect_status 0 "backup --dir --keep"
expect_output "backed up $DB to $bdir/quartier-" "names the dated file"
expect_output "removed the old backup $bdir/quartier-20250101T000000Z.db" \
    "says which old backups it removed"
expect_same "the two newest dated backups are kept" \
    "quartier-20250103T000000Z.db" \
    "$(cd "$bdir" && ls quartier-2*.db | head -n 1)"
expect_same "two dated backups in all" 2 \
    "$(cd "$bdir" && ls quartier-2*.db | wc -l)"
check "a file of another name is left alone" test -f "$bdir/other.db"
check "and one that only looks like a backup" test -f "$bdir/quartier-notes.db"
newest=$(cd "$bdir" && ls quartier-2*.db | tail -n 1)
expect_same "the new backup has the residents" \
    "$(sql 'SELECT count(*) FROM residents')" \
    "$(sqlite3 "$bdir/$newest" 'SELECT count(*) FROM residents')"
expect_same "the new backup is readable by its owner only" 600 \
    "$(stat -c %a "$bdir/$newest")"
run_admin backup --keep 2 "$TEST_TMP/x.db"
expect_status 2 "--keep without --dir is bad usage"
check "and writes nothing" test ! -e "$TEST_TMP/x.db"
run_admin backup --dir "$TEST_TMP/nowhere"
expect_status 1 "a missing directory is an error"
expect_error "is not a directory" "and says so"
run_admin backup --dir "$bdir" --keep 0
expect_status 2 "--keep 0 is bad usage"

run_admin resident search MAR
expect_status 0 "resident search"
expect_output "marie" "finds by the first letters, any case"
run_plain --help
expect_output "backup FILE | --dir DIR [--keep N]" "--help lists backup"
expect_output "quartier rename Q NEWNAME" "--help lists quartier rename"

done_testing
