#!/bin/sh
# The profile: the name neighbours see, the password, the language.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
start_ui 80 24
login odile
expect_screen "Bonjour Odile"
type "p"
expect_screen "Strasbourg › Krutenau › Mon profil" "the profile opens"
expect_no_screen "rue" "the street address is not on the screen"

# The name, with an escape sequence pasted in: cleaned.
type "1"
for i in $(seq 1 20); do press BSpace; done
printf 'Odile S. \033]0;titre\007de la Krutenau' > "$TEST_TMP/name.txt"
paste "$TEST_TMP/name.txt"
press Enter
expect_screen "Votre nom a été changé." "the name is changed"
check "the name is stored without the escape" test "$(sql "SELECT display_name FROM residents WHERE handle = 'odile'")" = "Odile S. de la Krutenau"
expect_screen "Odile S. de la Krutenau" "the top line shows the new name"

# The password: the current one is checked, the new one twice.
type "2"; type "pas-le-bon"; press Enter
expect_screen "mot de passe actuel" "a wrong current password is refused"
type "2"; type "$DEMO_PASSWORD"; press Enter
type "nouveau-secret"; press Enter
type "nouveau-secret"; press Enter
expect_screen "Votre mot de passe a été changé." "the password is changed"

# The language: English, at once and at the next login.
type "3"
expect_screen "Langue des écrans" "the language can be chosen"
type "2"
expect_screen "The language was changed." "the screens switch to English"
expect_screen "My profile"
type "q"
expect_screen "Hello Odile" "the menu is in English"
type "q"; type "y"
expect_screen "Bienvenue sur Quartier" "logging out goes back to the environment's language"
login odile "nouveau-secret"
expect_screen "Hello Odile" "the new password works and English is kept"

done_testing
