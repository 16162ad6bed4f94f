/* when.c - to be written. */
#include "build-config.h"
#include "when.h"
