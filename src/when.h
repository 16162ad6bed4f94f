/* when.h - to be written. */
#ifndef WHEN_H
#define WHEN_H
#endif
