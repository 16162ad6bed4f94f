/*
 * fuzz-config.c - libFuzzer target for the quartier.conf parser.
 *
 * A sysop's file may be anything (a truncated copy, a binary, a typo):
 * config_parse() must never crash, and answers with 0 or with -1 and a
 * message that names the file and the line.  Whatever it read, the struct
 * is freed cleanly afterwards (ASan finds leaks and double frees).
 */
#include "build-config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quartier.h"
#include "config.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: broken promise: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	char *err = (char *)1;
	int ret;

	config_defaults(&cfg);
	ret = config_parse(&cfg, "fuzz.conf", (const char *)data, size, &err);
	if (ret == 0)
		CHECK(err == NULL);
	else {
		CHECK(ret == -1 && err != NULL);
		CHECK(strncmp(err, "fuzz.conf:", 10) == 0);
		free(err);
	}
	/* What every program reads next: none of it may be left NULL. */
	CHECK(cfg.db != NULL && cfg.timezone != NULL && cfg.listen != NULL);
	CHECK(cfg.max_startups.begin >= 1 &&
	    cfg.max_startups.begin <= cfg.max_startups.full);
	(void)config_db_path(&cfg, NULL);
	config_free(&cfg);
	return 0;
}
