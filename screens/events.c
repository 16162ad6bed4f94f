/* events.c - placeholder until the board is written. */
#include "build-config.h"
#include "ui.h"
const struct screen events_screen = { .name = "events_screen" };
const struct screen event_screen = { .name = "event_screen" };
