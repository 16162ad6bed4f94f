/* store-live.c - to be written. */
#include "build-config.h"
#include "store-internal.h"
