// zlib, for the tests only: they decode the PNGs rsvg-convert renders from our SVGs.
#include <zlib.h>
