#!/bin/sh
# Signing up as "ssh new@host" does: one question at a time, nothing
# written before the last step, a charter to accept, and an account that
# then waits for the verification of its address.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
CONF="$TEST_TMP/quartier.conf"
printf 'texts_dir = %s/data/texts\nhost_name = quartier.example.org\n' \
    "$top_srcdir" > "$CONF"

# start_signup [ALGORITHM BASE64]: quartier as quartierd starts it for
# "ssh new@host".  quartierd writes the line "signup" (or "signup
# ALGORITHM BASE64" for a client that authenticated with a key) into a
# pipe it hands over as descriptor 3, named by QUARTIER_SESSION_FD; here
# the same line comes from a file opened as descriptor 3 (3<file).  Extra
# VAR=value arguments (after the key, or after "") change the environment.
start_signup() {
	printf 'signup%s\n' "${1:+ $1}" > "$TEST_TMP/handover"
	[ $# -gt 0 ] && shift
	tm new-session -d -s "$SESSION" -x 80 -y 24 \
		env QUARTIER_CONFIG="$CONF" \
		QUARTIER_LOCALEDIR="$QUARTIER_LOCALEDIR" \
		LANG=C.UTF-8 LANGUAGE= LC_ALL= TERM=xterm-256color \
		QUARTIER_SESSION_FD=3 "$@" \
		sh -c "\"$QUARTIER\" --db \"$DB\" 3<\"$TEST_TMP/handover\"; echo \"[exit \$?]\"; sleep 600"
	tm set-option -t "$SESSION" remain-on-exit on >/dev/null
}

# step N NAME: the form shows step N (of 8 with a password).
step() { expect_screen "Étape $1 sur ${TOTAL:-8} : $2" "${3:-step $1: $2}"; }

# fill_to_charter HANDLE NAME QUARTIER STREET [PASSWORD]: answer every
# question up to the charter; QUARTIER is its number in the list.
fill_to_charter() {
	wait_for "Étape 1 sur"
	type "$1"; press Enter; wait_for "Étape 2 sur"
	type "$2"; press Enter; wait_for "Étape 3 sur"
	type "1"; press Enter; wait_for "Étape 4 sur"
	type "$3"; press Enter; wait_for "Étape 5 sur"
	type "$4"; press Enter
	if [ -n "${5:-}" ]; then
		wait_for "Étape 6 sur"
		type "$5"; press Enter; type "$5"; press Enter
	fi
	wait_for "La charte du quartier"
}

residents() { sql "SELECT count(*) FROM residents"; }
before=$(residents)

# The first question, with its rules, in French.
start_signup
expect_screen "Quartier › Inscription" "signup mode starts from the handover"
step 1 "Votre identifiant"
expect_screen "3 à 24 caractères" "the rules of a handle are shown"

# A bad handle, then a taken one: a clear message, the draft kept.
type "1abc"; press Enter
expect_screen "Un identifiant ne contient que" "a handle not starting with a letter is refused"
expect_screen "1abc" "and what was typed is kept"
for i in 1 2 3 4; do press BSpace; done
type "Marie"; press Enter
expect_screen "déjà pris" "a taken handle is refused, whatever its case"
expect_no_screen "Étape 2" "and the form stays on the handle"

# A free handle, kept in small letters.
for i in 1 2 3 4 5; do press BSpace; done
type "Gaston"; press Enter
step 2 "Votre nom"
type "Gaston Lagaffe"; press Enter
step 3 "Votre ville"

# Going back keeps every answer.
press Escape
step 2 "Votre nom" "Esc goes back one step"
expect_screen "Gaston Lagaffe" "the name is kept"
press Escape
step 1 "Votre identifiant"
expect_screen "gaston" "the handle is kept, in small letters"
press Enter
step 2 "Votre nom" "Enter goes forward again"
press Enter
step 3 "Votre ville"
expect_screen "1   Strasbourg" "the cities are a numbered list"
type "1"; press Enter
step 4 "Votre quartier"
expect_screen "Strasbourg" "the quartier step names the city"
expect_screen "2   Krutenau" "the quartiers of the city are numbered"

# A resize in the middle of the form loses nothing.
type "2"; press Enter
step 5 "Votre adresse"
expect_screen "reste privée" "the address is said to stay private"
type "3 rue de la Course"
resize 100 30
expect_screen "3 rue de la Course" "a larger terminal keeps the address"
resize 80 24
expect_screen "3 rue de la Course" "back at 80x24 too"
press Escape
step 4 "Votre quartier"
press Enter
step 5 "Votre adresse"
expect_screen "3 rue de la Course" "the address survives going back"
press Enter

# The password, twice, and never shown.
step 6 "Votre mot de passe"
type "court"; press Enter
expect_screen "Un mot de passe a au moins" "a short password is refused"
for i in 1 2 3 4 5; do press BSpace; done
type "tintin-et-milou"; press Enter
type "tintin-et-mi1ou"; press Enter
expect_screen "différents" "two different passwords are refused"
expect_no_screen "tintin" "a password never shows"
type "tintin-et-milou"; press Enter; type "tintin-et-milou"; press Enter

# The charter, then the summary, then the account.
step 7 "La charte du quartier"
expect_screen "Charte du quartier" "the charter is shown"
expect_screen "J'accepte" "it is accepted with a clear key"
type "a"
step 8 "Vérifiez et créez votre compte"
expect_screen "Krutenau, Strasbourg" "the summary names the quartier"
expect_screen "3 rue de la Course" "and the address"
check "nothing is written before the last step" test "$(residents)" -eq "$before"
press Enter
expect_screen "Votre compte est créé" "the account is created"
expect_screen "Pour vous reconnecter : ssh -p 2222 gaston@quartier.example.org" \
    "it says how to log in again, with the host_name of quartier.conf"
expect_line 23 " Une touche Partir" "the key bar says what the screen says: any key leaves"
expect_screen "se portent garants" "and the ways to be verified"
check "the resident is pending" test "$(sql "SELECT status FROM residents WHERE handle = 'gaston'")" = pending
check "in the chosen quartier" test "$(sql "SELECT q.name FROM residents r JOIN quartiers q ON q.id = r.quartier_id WHERE r.handle = 'gaston'")" = Krutenau
check "with the street stored" test "$(sql "SELECT street FROM residents WHERE handle = 'gaston'")" = "3 rue de la Course"
check "with a password hash" test -n "$(sql "SELECT password_hash FROM residents WHERE handle = 'gaston'")"
type "x"
expect_screen "[exit 0]" "a key ends the session"
tm kill-session -t "$SESSION"

# The password works: a local login lands on the verification screen.
start_ui 80 24
login gaston tintin-et-milou
expect_screen "Vérification" "the new resident logs in to the verification screen"
expect_screen "attend la vérification" "and is told why"
tm kill-session -t "$SESSION"

# Abandoning writes nothing.
before=$(residents)
start_signup
wait_for "Étape 1 sur"
type "abandon"; press Enter
step 2 "Votre nom"
press Escape
step 1 "Votre identifiant"
press Escape
expect_screen "Abandonner l'inscription ?" "Esc on the first step asks first"
type "o"
expect_screen "[exit 0]" "abandoning ends the session"
check "an abandoned form writes nothing" test "$(residents)" -eq "$before"
tm kill-session -t "$SESSION"

# Refusing the charter writes nothing either.
start_signup
fill_to_charter refus "Rémi Fusé" 3 "1 rue du Refus" "mot-de-passe-long"
type "r"
expect_screen "Sans la charte, pas de compte" "refusing the charter asks first"
type "o"
expect_screen "[exit 0]" "refusing the charter ends the session"
check "a refused charter writes nothing" test "$(residents)" -eq "$before"
check "not even the handle" test -z "$(sql "SELECT id FROM residents WHERE handle = 'refus'")"
tm kill-session -t "$SESSION"

# Without a charter written by the sysop, nobody can sign up.
mkdir "$TEST_TMP/no-texts"
printf 'texts_dir = %s/no-texts\n' "$TEST_TMP" > "$TEST_TMP/bare.conf"
CONF="$TEST_TMP/bare.conf"
start_signup
fill_to_charter sanscharte "Sans Charte" 3 "2 rue Vide" "mot-de-passe-long"
expect_screen "pas encore écrit la charte" "a missing charter is explained"
press Enter
expect_no_screen "Étape 8" "and there is no way past it"
tm kill-session -t "$SESSION"

# A key handed over: no password step, and the key is attached.
if command -v ssh-keygen >/dev/null 2>&1; then
	ssh-keygen -q -t ed25519 -N '' -C test -f "$TEST_TMP/id_ed25519"
	key=$(cut -d' ' -f1,2 "$TEST_TMP/id_ed25519.pub")
	fingerprint=$(ssh-keygen -l -f "$TEST_TMP/id_ed25519.pub" | cut -d' ' -f2)
	CONF="$TEST_TMP/quartier.conf" TOTAL=7
	start_signup "$key" QUARTIER_PORT=2299
	step 1 "Votre identifiant" "with a key, the form has one step less"
	expect_screen "Votre clé SSH ($fingerprint)" "the key's fingerprint is shown"
	expect_screen "pas besoin de mot de passe" "no password is needed"
	fill_to_charter cle "Clé Ment" 3 "5 rue de la Clé"
	step 6 "La charte du quartier" "the password step is skipped"
	type "a"
	expect_screen "votre clé SSH" "the summary says the key is used"
	expect_screen "$fingerprint" "and shows its fingerprint"
	press Enter
	expect_screen "Votre compte est créé" "the account is created with the key"
	expect_screen "ssh -p 2299 cle@quartier.example.org" \
	    "with the port quartierd listens on"
	check "the key is stored for it" test "$(sql "SELECT k.fingerprint FROM ssh_keys k JOIN residents r ON r.id = k.resident_id WHERE r.handle = 'cle'")" = "$fingerprint"
	check "and no password" test -z "$(sql "SELECT password_hash FROM residents WHERE handle = 'cle'")"
	tm kill-session -t "$SESSION"
else
	ok 0 "# SKIP ssh-keygen is not installed"
fi

# Too many signups from one address in an hour: refused, draft kept.
printf 'texts_dir = %s/data/texts\nsignups_per_hour = 1\n' "$top_srcdir" > "$TEST_TMP/strict.conf"
before=$(residents)
CONF="$TEST_TMP/strict.conf" TOTAL=8
for handle in premier second; do
	start_signup "" QUARTIER_SOURCE=192.0.2.7
	fill_to_charter "$handle" "Voisin $handle" 1 "9 rue Haute" "mot-de-passe-long"
	type "a"; wait_for "Étape 8"; press Enter
	[ "$handle" = second ] || { wait_for "Votre compte est créé"; tm kill-session -t "$SESSION"; }
done
expect_screen "une heure" "a second signup from the same address is refused"
expect_screen "9 rue Haute" "and the form is kept"
check "only the first was written" test "$(residents)" -eq "$((before + 1))"

done_testing
