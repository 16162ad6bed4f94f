/*
 * kindness.h - the kindness reminder: before a post or a reply is sent,
 * words the sysop listed in texts_dir/fr/kindness and texts_dir/en/kindness
 * (insults, contempt) get a gentle "would you like to rephrase?".
 *
 * A list is one word or expression per line; '#' starts a comment line.
 * Accents and case do not matter (both sides go through text_fold), and
 * only whole words count: "idiot" finds "espèce d'idiot!" but not "idiotie";
 * a form such as "idiote" is listed on its own line.  The files are read
 * at each check, so a list the sysop edits applies to the next message.
 * A missing or unreadable list means no reminder.
 */
#ifndef KINDNESS_H
#define KINDNESS_H

/* The largest list read, in bytes: a few hundred words are expected. */
#define KINDNESS_FILE_MAX	(64 * 1024)

/*
 * The first listed word or expression that TEXT contains, as the list
 * writes it (a new string, to free()), or NULL when there is none.
 */
char	*kindness_find(const char *texts_dir, const char *text);

#endif
