#!/bin/sh
# cursor.sh - the terminal's cursor follows the selection, at the start
# of the chosen row or field, so that a braille display or a screen
# reader (brltty) reads what is chosen: on the menu, a list, a form and a
# dialog.
. "$top_srcdir/tests/ui/lib.sh"

new_demo_db
start_ui 80 24
login marie
expect_screen "Bonjour Marie"

## The menu: the chosen board's line.
expect_cursor 4 6 "Mur du quartier" "on the menu, the cursor is on the chosen entry"
press Down
expect_cursor 4 7 "Petites annonces" "and moves with it"
press Up

## A list: the chosen row, from its first column.
type "1"
expect_screen "Krutenau › Mur"
expect_cursor 0 3 "Bienvenue sur Quartier" "on the wall, the cursor is on the chosen post"
press Down
expect_cursor 0 4 "trousseau de clés" "and follows the arrows"

## A form: the field being filled in.
type "n"
expect_screen "Nouveau message"
expect_cursor 12 2 "Catégorie" "in a form, the cursor is on the chosen field"
press Tab
expect_cursor 14 4 "Titre" "Tab takes it to the next field"

## A dialog: the chosen option of a choice.
press Escape
expect_screen "Mur"
press Escape
type "p"
expect_screen "Mon profil"
type "3"
expect_screen "Langue des écrans"
expect_cursor 28 13 "selon mon terminal" "in a choice, the cursor is on the chosen option"
press Up
expect_cursor 28 12 "English" "and moves with it"
press Escape

## A list with headings: the chosen row, never its day's heading.
press Escape
type "4"
expect_screen "Krutenau › Événements"
expect_cursor 0 4 "Repair café" "on the agenda, the cursor is on the chosen event"
press Down
expect_cursor 0 6 "Concert de jazz" "and goes past the next day's heading"

## Resized, the cursor is still on the chosen row.
press Escape
type "1"
expect_screen "Krutenau › Mur"
press Down
resize 100 30
expect_cursor 0 4 "trousseau de clés" "after a resize, the cursor stays on the chosen row"
done_testing
