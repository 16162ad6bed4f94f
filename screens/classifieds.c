/* classifieds.c - placeholder until the board is written. */
#include "build-config.h"
#include "ui.h"
const struct screen classifieds_screen = { .name = "classifieds_screen" };
const struct screen classified_screen = { .name = "classified_screen" };
