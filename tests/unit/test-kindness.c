/* test-kindness.c - placeholder. */
#include "tap.h"
#include "fixture.h"

START_TEST(placeholder)
{
	fixture_setup();
	fixture_teardown();
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kindness");
	TCase *tc = tcase_create("placeholder");

	tcase_add_test(tc, placeholder);
	suite_add_tcase(s, tc);
	return tap_run(s);
}
