/* lending.c - placeholder until the board is written. */
#include "build-config.h"
#include "ui.h"
const struct screen lending_screen = { .name = "lending_screen" };
const struct screen lending_item_screen = { .name = "lending_item_screen" };
