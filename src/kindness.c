/* kindness.c - to be written. */
#include "build-config.h"
#include "kindness.h"
