#!/bin/sh
# My SSH keys, from the profile: pasting a key line, refusals that store
# nothing, and deleting a key after a confirmation.
. "$top_srcdir/tests/ui/lib.sh"

command -v ssh-keygen >/dev/null || skip_all "ssh-keygen is not installed"
command -v sqlite3 >/dev/null || skip_all "the sqlite3 command is not installed"

# fingerprint FILE: the fingerprint as "ssh-keygen -l" prints it.
fingerprint() { ssh-keygen -lf "$1" | cut -d ' ' -f 2; }
# expect_keys N DESCRIPTION: odile has N keys in the database.
expect_keys() {
	got=$(sql "SELECT count(*) FROM ssh_keys k JOIN residents r ON r.id = k.resident_id WHERE r.handle = 'odile'")
	if [ "$got" = "$1" ]; then ok 0 "$2"
	else ok 1 "$2"; diag "odile has $got keys, expected $1"; fi
}

ssh-keygen -q -t ed25519 -N '' -C 'odile@portable' -f "$TEST_TMP/k1"
ssh-keygen -q -t ed25519 -N '' -C 'odile@bureau' -f "$TEST_TMP/k2"
ssh-keygen -q -t rsa -b 1024 -N '' -f "$TEST_TMP/rsa1024"
fp1=$(fingerprint "$TEST_TMP/k1.pub")
fp2=$(fingerprint "$TEST_TMP/k2.pub")

new_demo_db
start_ui 80 24
login odile
expect_screen "Bonjour Odile"
type "p"
expect_screen "4  Mes clés SSH" "the profile offers the keys"
expect_screen "4 Clés SSH" "the key bar too"
type "4"
expect_screen "Mon profil › Mes clés SSH" "the keys screen opens"
expect_screen "Vous n'avez pas encore de clé SSH" "no key yet is explained"
expect_screen "ssh-keygen -t ed25519" "with how to make one"

# A key pasted as a terminal pastes it, new line included.
type "a"
expect_screen "Collez la ligne de votre clé publique" "a asks for the key"
paste "$TEST_TMP/k1.pub"
press Enter
expect_screen "Clé ajoutée : $fp1" "the key is added, with its fingerprint"
expect_screen "  $fp1  ED25519" "the key is listed with its type"
expect_screen "odile@portable" "and its comment"
expect_screen "jamais utilisée" "it was never used"
expect_keys 1 "the key is stored for odile"
check "the stored fingerprint is the one ssh-keygen prints" \
    test "$(sql 'SELECT fingerprint FROM ssh_keys')" = "$fp1"

# Refusals: the reason on the message line, nothing stored.
printf 'ssh-ed25519 pas-une-cle odile\n' >"$TEST_TMP/bad.pub"
type "a"; paste "$TEST_TMP/bad.pub"; press Enter
expect_screen "Cette clé est abîmée" "a damaged key is refused"
type "a"; paste "$TEST_TMP/rsa1024.pub"; press Enter
expect_screen "Cette clé RSA est trop courte ; utilisez une clé ed25519." \
    "a short RSA key is refused"
printf 'from="10.0.0.1" %s' "$(cat "$TEST_TMP/k2.pub")" >"$TEST_TMP/opts.pub"
type "a"; paste "$TEST_TMP/opts.pub"; press Enter
expect_screen "Les options avant la clé" "options before the key are refused"
type "a"; paste "$TEST_TMP/k2"; press Enter
expect_screen "C'est votre clé privée" "a pasted private key is refused"
type "a"; paste "$TEST_TMP/k1.pub"; press Enter
expect_screen "Cette clé est déjà enregistrée" "the same key twice is refused"
type "a"; press Escape
expect_no_screen "Collez la ligne" "Escape cancels the prompt"
expect_keys 1 "the refused keys were not stored"

# A second key comes first; the arrows choose; d deletes after a yes.
type "a"; paste "$TEST_TMP/k2.pub"; press Enter
expect_screen "Clé ajoutée : $fp2" "a second key is added"
expect_screen "odile@bureau"
press Down
type "d"
expect_screen "Supprimer la clé $fp1 ? (o/n)" "d asks about the chosen key"
type "n"
expect_no_screen "Supprimer la clé" "the question goes away"
expect_keys 2 "no keeps the key"
type "d"
expect_screen "Supprimer la clé $fp1 ?"
type "o"
expect_screen "La clé a été supprimée." "yes deletes it"
expect_no_screen "$fp1" "the deleted key is gone from the list"
expect_screen "$fp2" "the other key stays"
expect_keys 1 "one key is left"
check "the key left is the second one" \
    test "$(sql 'SELECT fingerprint FROM ssh_keys')" = "$fp2"

type "?"
expect_screen "sans taper de mot de passe" "the help says what a key is for"
type "q"
expect_screen "Mes clés SSH"
type "q"
expect_screen "Membre depuis" "q goes back to the profile"

done_testing
