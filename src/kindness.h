/* kindness.h - to be written. */
#ifndef KINDNESS_H
#define KINDNESS_H
#endif
