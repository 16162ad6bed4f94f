/* mail.c - placeholder until the board is written. */
#include "build-config.h"
#include "ui.h"
const struct screen mail_screen = { .name = "mail_screen" };
