#include <libyuv/convert_from_argb.h>
#include <libyuv/compare.h>
