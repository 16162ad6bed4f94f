/* tap.h - run a Check suite and report it as TAP for automake's driver. */
#ifndef TAP_H
#define TAP_H
#include <check.h>

/* Run SUITE, print TAP on stdout, return the exit status for main(). */
int	tap_run(Suite *suite);

/* A fresh temporary directory for this test process (removed at exit). */
const char *tap_tmpdir(void);

#endif
