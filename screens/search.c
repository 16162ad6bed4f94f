/* search.c - placeholder until the board is written. */
#include "build-config.h"
#include "ui.h"
const struct screen search_screen = { .name = "search_screen" };
