// Declarations only: see include/CFuzzSupport.h.
#include "CFuzzSupport.h"
