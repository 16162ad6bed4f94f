/* sysop.c - placeholder. */
#include "build-config.h"
#include "ui.h"
const struct screen sysop_screen = { .name = "sysop" };
