#!/bin/sh
# Petites annonces as residents use them: post an ad (a mistyped price is
# refused and nothing typed is lost), filter the list, see a neighbour's
# ad as new, mark one's own reserved then gone, renew an expired one,
# paste a megabyte into a description, and write to an ad's author.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
start_ui 80 24
login marie
expect_screen "Bonjour Marie"
type "2"
expect_screen "Strasbourg › Krutenau › Petites annonces" "the classifieds open from the menu"
expect_screen "Type : tous · Catégorie : toutes · État : disponibles ou réservées" "the filters are said"
expect_screen "8 annonces" "the count of the default list"
expect_screen "Gratuit" "a gift shows as free"
expect_screen "Réservé" "a reserved ad says so"
expect_no_screen "Astérix" "nothing of another quartier"
expect_no_screen "Écran 24" "an ad that is gone is not listed"
expect_no_screen "Boutures" "an expired ad is hidden"

# A new ad; the price is mistyped, refused, and everything typed stays.
type "n"
expect_screen "Nouvelle annonce" "n opens the ad form"
type "T"
expect_screen "Choisissez avec un chiffre de 1 à 3 ;" "a letter on the kind line says how to choose"
type "1"
type "T"
expect_screen "Choisissez avec un chiffre de 1 à 3 ;" "a digit chooses the kind and stays on its line"
press Tab
type "9"
expect_screen "Choisissez avec un chiffre de 1 à 8 ;" "so does a number out of the categories"
type "1"
press Tab
type "Table basse en noyer"
press Tab
type "12,5x"
expect_screen "Prix invalide : seuls les chiffres" "the price is checked as it is typed"
press F2
expect_screen "Prix invalide : seuls les chiffres, la virgule et € sont permis." "sending with a bad price is refused"
expect_screen "Table basse en noyer" "the title is kept"
expect_screen "12,5x" "the price as typed is kept"
check "nothing was stored" test "$(sql "SELECT count(*) FROM items WHERE title = 'Table basse en noyer'")" = 0
resize 100 30
expect_screen "12,5x" "a resize keeps the draft"
resize 80 24
press BSpace
type "0"
expect_screen "= 12,50 €" "a good price is shown as it will be"
press Tab
type "Petite table basse, 90 × 45 cm, quelques rayures."
press F2
expect_screen "Votre annonce est en ligne pour 30 jours." "the ad is posted"
expect_screen "12,50 €" "its price is shown the French way"
# The list redraws a moment after the message: wait for the row.
_t=0
while [ $_t -lt 50 ] && ! screen | sed -n 4p | grep -q "Table basse"; do
	sleep 0.1; _t=$((_t + 1))
done
check "the new ad is the first of the list" test -n "$(screen | sed -n 4p | grep "Table basse")"
expect_row "Table basse" "Vends" "it is a sale"
check "the price is stored in cents" test "$(sql "SELECT price_cents FROM classifieds JOIN items ON id = item_id WHERE title = 'Table basse en noyer'")" = 1250
check "the ad expires in 30 days" test "$(sql "SELECT expires_at - created_at FROM classifieds JOIN items ON id = item_id WHERE title = 'Table basse en noyer'")" = 2592000
check "the ad is in the search index" test "$(sql "SELECT row_count FROM search_words WHERE word = 'noyer'")" = 1

# Filters: kind, category, status, my ads.
type "k"
expect_screen "Quelles annonces afficher ?" "k offers the kinds"
expect_screen " 3  Cherche" "the kinds have the numbers of the form"
type "3"
expect_screen "Type : Cherche" "only what neighbours look for"
expect_screen "Cherche scie sauteuse"
expect_no_screen "Table basse" "a sale is not a want"
expect_screen "2 annonces"
type "k"; type "0"
type "c"
expect_screen "Quelle catégorie afficher ?" "c offers the categories"
expect_screen " 1  Meubles" "the categories have the numbers of the form"
type "1"
expect_screen "Catégorie : Meubles" "one category"
expect_screen "Table basse"
expect_screen "Commode ancienne"
expect_no_screen "Poussette" "and only that one"
type "c"; type "0"
type "s"
expect_screen "Afficher les annonces dans quel état ?" "s offers the states"
type "3"
expect_screen "État : Parti" "ads that are gone, on demand"
expect_screen "Écran 24 pouces"
expect_no_screen "Table basse"
type "s"; type "0"
type "m"
expect_screen "Mes annonces ·" "m shows one's own ads"
expect_screen "Boutures de géranium" "an expired ad of one's own is listed"
expect_screen "expirée" "and marked expired"
expect_no_screen "Poussette"
type "m"
expect_screen "9 annonces" "back to every ad"

# Karim comes: Marie's ad is new for him.
type "q"; type "q"
expect_screen "Se déconnecter ?"
type "o"
login karim
expect_screen "Bonjour Karim"
expect_screen "1 nouvelle annonce" "the menu counts the new ad"
type "2"
expect_screen "Table basse"
expect_row "Table basse" "•" "the new ad is marked"
press Enter
expect_screen "Petite table basse, 90 × 45 cm" "the ad opens with its description"
expect_screen "Vends · Meubles · 12,50 € · Disponible"
expect_screen "Appuyez sur c pour écrire à Marie Lefèvre"
type "e"
expect_screen "Seul son auteur peut modifier cette annonce." "only the author edits"
type "g"
expect_screen "Seul son auteur peut modifier cette annonce." "only the author marks it gone"
type "q"
type "q"
expect_no_screen "1 nouvelle annonce" "visited, nothing is new any more"
type "q"; type "o"

# Marie marks it reserved, then gone.
login marie
expect_screen "Bonjour Marie"
type "2"
expect_screen "Table basse"
press Enter
expect_screen "Votre annonce : e modifier"
type "e"
expect_screen "Modifier votre annonce" "the author edits the ad"
expect_screen "12,50" "the form holds the price as typed"
press Tab
press BSpace; press BSpace; press BSpace; press BSpace; press BSpace
type "10"
press F2
expect_screen "Enregistré." "the edit is saved"
expect_screen "Vends · Meubles · 10 € · Disponible" "the new price shows"
type "r"
expect_screen "Marquée comme réservée." "r marks the ad reserved"
expect_screen "Vends · Meubles · 10 € · Réservé"
check "reserved is stored" test "$(sql "SELECT status FROM classifieds JOIN items ON id = item_id WHERE title = 'Table basse en noyer'")" = reserved
type "q"
expect_row "Table basse" "Réservé" "the list says it is reserved"
press Enter
type "g"
expect_screen "La marquer comme partie ?" "marking it gone asks first"
type "o"
expect_screen "Marquée comme partie." "g marks the ad gone"
type "q"
expect_screen "8 annonces"
expect_no_screen "Table basse" "an ad that is gone leaves the default list"

# The expired ad is renewed and comes back.
type "m"
expect_screen "Boutures de géranium"
line=$(screen | grep -n "Boutures" | head -1 | cut -d: -f1)
i=4; while [ "$i" -lt "$line" ]; do press Down; i=$((i + 1)); done
press Enter
expect_screen "Expirée depuis le" "an expired ad says so to its author"
type "w"
expect_screen "Renouvelée : votre annonce reste en ligne jusqu'au" "w renews the ad"
expect_screen "En ligne jusqu'au"
type "q"; type "m"
expect_screen "Boutures de géranium" "the renewed ad is back in the list"
expect_screen "9 annonces"

# A megabyte pasted into a description: cut to the limit, said, sent.
type "n"
expect_screen "Nouvelle annonce"
type "2"; press Tab; type "8"; press Tab
type "Cartons de déménagement"
press Tab
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "Des cartons solides, à donner vite. 0123456789-abcdef\n" }' > "$TEST_TMP/big.txt"
check "the paste is a megabyte" test "$(wc -c < "$TEST_TMP/big.txt")" -ge 1000000
paste "$TEST_TMP/big.txt"
expect_screen "Ce texte est plein" "a huge paste is cut, with a message"
expect_screen "8000/8000 caractères"
press F2
expect_screen "Votre annonce est en ligne pour 30 jours." "the ad with a long description is posted"
check "the description is stored whole up to the limit" test "$(sql "SELECT length(body) FROM items WHERE title = 'Cartons de déménagement'")" = 8000
check "a gift has no price" test "$(sql "SELECT count(*) FROM classifieds JOIN items ON id = item_id WHERE title = 'Cartons de déménagement' AND price_cents IS NULL AND ad_kind = 'give'")" = 1

# Karim writes to Marie about her ad: the mail form is addressed and has
# the ad's title as its subject.
type "q"; type "q"; type "o"
login karim
expect_screen "Bonjour Karim"
type "2"
expect_screen "Cartons de déménag"
press Enter
expect_screen "Des cartons solides"
type "c"
expect_screen "À : Marie" "contact addresses the mail to the author"
expect_screen "Objet : Cartons de déménagement" "with the ad's title as subject"

done_testing
