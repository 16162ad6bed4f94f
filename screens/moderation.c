/* moderation.c - placeholder. */
#include "build-config.h"
#include "ui.h"
const struct screen moderation_screen = { .name = "moderation" };
void
ui_report(struct ui *ui, enum report_target t, int64_t id)
{
	(void)ui; (void)t; (void)id;
}
