#include "FaceShim.h"
extern "C" int face_shim_version(void) { return 1; }
