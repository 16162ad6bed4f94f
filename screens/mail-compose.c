/* mail-compose.c - placeholder until the board is written. */
#include "build-config.h"
#include "ui.h"
const struct screen mail_compose_screen = { .name = "mail_compose_screen" };
