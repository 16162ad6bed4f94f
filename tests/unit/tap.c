/* tap.c - the main() shared by the Check suites. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <locale.h>
#include "tap.h"

static char tmpdir[256];
static pid_t tmpdir_owner;	/* Check forks: only the creator removes it */

static void
remove_tmpdir(void)
{
	char cmd[300];

	if (tmpdir[0] == '\0' || getenv("KEEP_TMP") != NULL ||
	    getpid() != tmpdir_owner)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

const char *
tap_tmpdir(void)
{
	if (tmpdir[0] == '\0') {
		const char *base = getenv("TMPDIR");

		snprintf(tmpdir, sizeof tmpdir, "%s/quartier-unit-XXXXXX",
		    base != NULL ? base : "/tmp");
		if (mkdtemp(tmpdir) == NULL) {
			perror("mkdtemp");
			exit(99);
		}
		tmpdir_owner = getpid();
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

int
tap_run(Suite *suite)
{
	SRunner *runner;
	int failed;

	/* Tests see the same UTF-8 locale the programs insist on. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	runner = srunner_create(suite);
	srunner_set_tap(runner, "-");
	srunner_run_all(runner, CK_SILENT);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
