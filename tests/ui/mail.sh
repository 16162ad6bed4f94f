#!/bin/sh
# Private mail as two neighbours use it at the same time: Marie writes to
# Karim from the directory and by handle; Karim, elsewhere in Quartier,
# sees it arrive in the top line, reads, replies in the same conversation,
# blocks Marie and reports her message; bad input loses nothing.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db

# Karim waits on the menu in a session of his own.
start_ui_as karim 80 24
TARGET=karim login karim
TARGET=karim expect_screen "Bonjour Karim"
TARGET=karim expect_no_screen "nouveau message" "Karim starts with no new mail"

start_ui 80 24
login marie
expect_screen "Bonjour Marie"
type "5"
expect_screen "Strasbourg › Krutenau › Messagerie" "the mail opens from the menu"
expect_screen "Boîte de réception"
expect_no_screen "Nadia" "nothing of another quartier"

# From the directory: the arrows and Enter.
type "n"
expect_screen "flèches et Entrée choisissent" "the directory says how to choose"
expect_screen "Karim Benali" "n opens the directory of the quartier"
expect_screen "csc-krutenau"
expect_no_screen "Marie Lefèvre  " "the directory leaves the writer out"
expect_no_screen "Nadia Haddad" "the directory has only the writer's quartier"
expect_no_screen "Hugo" "the directory has only verified residents"
press Down
press Enter
expect_screen "À : Karim Benali (karim)" "Enter takes the chosen neighbour"
expect_screen "Objet :"

# An empty subject is refused; the text stays.
press Enter
type "Bonjour Karim, votre vélo est-il toujours à vendre ?"
press F2
expect_screen "Écrivez un objet." "an empty subject is refused"
expect_screen "votre vélo est-il toujours" "the text is kept after a refusal"
type "Votre vélo"
press F2
expect_screen "Votre message est envoyé." "the message is sent"
expect_screen "Karim Benali" "the conversation is in Marie's inbox"
check "the message is stored as its own thread" test "$(sql "SELECT count(*) FROM messages WHERE subject = 'Votre vélo' AND thread_id = id AND sender_id = 1 AND recipient_id = 2")" = 1

# Karim sees it within a few seconds, wherever he is.
TARGET=karim expect_screen "1 nouveau message" "new mail shows in the top line"
check "the menu counts it beside the mail" sh -c "tmux -L '$TMUX_SOCKET' capture-pane -p -t karim | grep 'Messagerie' | grep -q '1 non lu'"
TARGET=karim type "5"
TARGET=karim expect_screen "Marie Lefèvre (modérateur)" "mail from a moderator is marked"
TARGET=karim expect_screen "Votre vélo"
TARGET=karim expect_screen "•" "an unread conversation has its dot"
TARGET=karim press Enter
TARGET=karim expect_screen "toujours à vendre" "the conversation opens"
TARGET=karim expect_no_screen "nouveau message" "reading it clears the top line"
check "reading marks it read" test "$(sql "SELECT read_at IS NOT NULL FROM messages WHERE subject = 'Votre vélo'")" = 1

# His reply stays in the conversation.
TARGET=karim type "r"
TARGET=karim expect_screen "À : Marie Lefèvre (marie)" "r answers the other side"
TARGET=karim expect_screen "Objet : Re: Votre vélo" "the reply's subject says what it answers"
TARGET=karim type "Oui, passez ce soir après 18 h."
TARGET=karim press C-s
TARGET=karim expect_screen "Votre message est envoyé." "the reply is sent with Ctrl-S"
TARGET=karim expect_screen "passez ce soir" "the reply shows in the conversation"
TARGET=karim expect_screen "Vous ·" "his own message is marked as his"
check "the reply is in the same thread" test "$(sql "SELECT count(*) FROM messages WHERE thread_id = (SELECT id FROM messages WHERE subject = 'Votre vélo')")" = 2
expect_screen "1 nouveau message" "Marie sees the reply arrive"
expect_screen "Votre vélo (2)" "the inbox counts the conversation's messages"

# Marie writes again, by handle with Tab completion.
type "n"
expect_screen "Karim Benali"
type "kar"
press Tab
expect_screen "À : Karim Benali (karim)" "Tab completes a handle"
type "Clés de la cave"
press Enter
type "Je vous dépose les clés demain."
press F2
expect_screen "Votre message est envoyé."
TARGET=karim expect_screen "1 nouveau message" "the second message arrives"

# Karim blocks Marie: what she sends then never arrives.
TARGET=karim type "b"
TARGET=karim expect_screen "Bloquer Marie Lefèvre ?" "blocking asks first"
TARGET=karim expect_screen "pas averti. (o/n)" "the long question wraps and shows its keys"
TARGET=karim type "o"
TARGET=karim expect_screen "Blocage en place." "the neighbour is blocked"
check "the block is stored" test "$(sql "SELECT count(*) FROM blocks WHERE blocker_id = 2 AND blocked_id = 1")" = 1
type "n"; expect_screen "Karim Benali"
type "karim"; press Enter
type "Vous êtes là ?"; press Enter
type "Je repasse plus tard."
press F2
expect_screen "Votre message est envoyé." "the blocked sender is not told"
check "mail from a blocked neighbour is kept for its sender only" test "$(sql "SELECT recipient_deleted || sender_deleted FROM messages WHERE subject = 'Vous êtes là ?'")" = 10
TARGET=karim type "q"
TARGET=karim expect_screen "Boîte de réception"
sleep 4
TARGET=karim expect_no_screen "Vous êtes là" "the blocked mail is not in the inbox"
TARGET=karim expect_screen "Boîte de réception · 1 non lu" "only the earlier unread message counts"
TARGET=karim expect_no_screen "2 nouveaux messages" "the blocked mail is not counted"
TARGET=karim type "b"
TARGET=karim expect_screen "Les voisins dont les messages ne vous parviennent pas"
TARGET=karim expect_screen "Marie Lefèvre" "the blocked list shows Marie"
TARGET=karim type "q"

# He reports her first message, once.
TARGET=karim press Home
TARGET=karim press Down
TARGET=karim press Enter
TARGET=karim expect_screen "toujours à vendre"
TARGET=karim press Home
TARGET=karim type "!"
TARGET=karim expect_screen "Pourquoi signalez-vous ce message" "! asks why"
TARGET=karim expect_screen "explication." "the reason's label wraps in its box"
TARGET=karim expect_screen "Entrée : valider   Échap : annuler" "and the box shows its keys"
TARGET=karim type "Messages insistants"
TARGET=karim press Enter
TARGET=karim expect_screen "les modérateurs vont examiner ce message" "the report is taken"
check "the report is stored for moderation" test "$(sql "SELECT count(*) FROM reports WHERE reporter_id = 2 AND target_kind = 'message' AND target_id = (SELECT id FROM messages WHERE subject = 'Votre vélo') AND reason = 'Messages insistants' AND quartier_id = 1")" = 1
TARGET=karim type "R"
TARGET=karim expect_screen "Pourquoi signalez-vous"
TARGET=karim type "Encore"
TARGET=karim press Enter
TARGET=karim expect_screen "Vous avez déjà signalé ceci" "a second report is refused"
check "only one report is stored" test "$(sql "SELECT count(*) FROM reports WHERE target_kind = 'message'")" = 1

# Unblocked, her next message arrives.
TARGET=karim type "u"
TARGET=karim expect_screen "Débloquer Marie Lefèvre ?"
TARGET=karim type "o"
TARGET=karim expect_screen "Blocage levé."
TARGET=karim type "q"
type "n"; expect_screen "Karim Benali"
type "kar"; press Tab
type "Merci pour le vélo"; press Enter; type "Il roule très bien !"
press F2
expect_screen "Votre message est envoyé."
TARGET=karim expect_screen "1 nouveau message" "after unblocking, mail arrives again"
TARGET=karim expect_screen "Merci pour le vélo" "and shows in the inbox"

# Each side deletes only its own copy.
TARGET=karim press Home
TARGET=karim type "d"
TARGET=karim expect_screen "Supprimer votre exemplaire de cette conversation" "deleting asks first"
TARGET=karim type "o"
TARGET=karim expect_screen "Supprimé."
check "Marie keeps her copy" test "$(sql "SELECT sender_deleted || recipient_deleted FROM messages WHERE subject = 'Merci pour le vélo'")" = 01

# The sent folder.
type "s"
expect_screen "Messages envoyés" "s shows the sent mail"
expect_screen "Clés de la cave"
type "s"
expect_screen "Boîte de réception"

# A 1 MB paste into the text: cut to the limit with a message, nothing
# typed before it lost, the draft kept through a resize.
type "n"; expect_screen "Karim Benali"
type "kar"; press Tab
type "Long texte"
press Enter
type "Début du texte. "
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "Ligne %05d de remplissage pour un très long message.\n", i }' > "$TEST_TMP/big.txt"
check "the paste is over 1 MB" test "$(wc -c < "$TEST_TMP/big.txt")" -gt 1000000
paste "$TEST_TMP/big.txt"
WAIT=30 expect_screen "Ce texte est plein : 8000 caractères au maximum" "a huge paste is cut with a message"
expect_screen "8000/8000 caractères" "the text is full"
resize 100 30
expect_screen "Objet : Long texte" "the subject survives a resize"
resize 80 24
expect_screen "Objet : Long texte"
press Escape
expect_screen "Abandonner ce brouillon ?" "Esc asks before throwing a draft away"
type "n"
expect_screen "8000/8000 caractères" "the draft is still there"
press F2
expect_screen "Votre message est envoyé." "the long message is sent"
check "its beginning is kept" test "$(sql "SELECT substr(body, 1, 16) FROM messages WHERE subject = 'Long texte'")" = "Début du texte. "
check "it is cut at the limit" test "$(sql "SELECT length(body) <= 8000 AND length(body) > 7900 FROM messages WHERE subject = 'Long texte'")" = 1

# "so" is the start of a handle and of a word of a name: the list shows
# both, Tab completes the handle.
type "n"; expect_screen "Karim Benali"
type "so"
expect_screen "Centre socio-culturel Krutenau" "a word of a name matches"
expect_screen "sophie"
press Tab
expect_screen "À : Sophie Martin (sophie)" "Tab completes among several matches"
press Escape
expect_screen "Abandonner ce brouillon ?"
type "o"
expect_screen "Boîte de réception"

# Nobody outside the quartier is in the directory, and a typed handle of
# another quartier is nobody.
type "n"; expect_screen "Karim Benali"
type "nadia"
expect_screen "Aucun voisin de votre quartier ne correspond à « nadia »." "another quartier's handle matches nobody"
press Enter
expect_screen "Aucun voisin de votre quartier ne correspond"
press Escape
expect_screen "Abandonner ce brouillon ?"
type "o"
expect_screen "Boîte de réception"

# The top line at 80 columns: new mail and an overdue loan show, whole,
# beside where Lucas is (the reminder of his overdue loan came by mail at
# login); unread posts, counted on the menu, give way first.
start_ui_as lucas 80 24
TARGET=lucas login lucas
TARGET=lucas expect_screen "Bonjour Lucas"
TARGET=lucas type "3"
TARGET=lucas type "l"
TARGET=lucas expect_screen "Krutenau › … › Mes prêts" "the top line keeps where Lucas is"
top=$(screen lucas | head -1)
check "new mail is in the top line" sh -c "printf '%s' '$top' | grep -q '2 nouveaux messages'"
check "and the overdue loan, whole" sh -c "printf '%s' '$top' | grep -q '1 prêt en retard'"
check "no piece is cut" sh -c "printf '%s' '$top' | grep -qv 'non lu[^s]*$'"

done_testing
