#include "ShimErrors.hpp"

namespace {
thread_local std::string lastError;
}

namespace faceshim {

fs_status fail(fs_status status, const std::string &message) {
    lastError = message;
    return status;
}

}  // namespace faceshim

extern "C" const char *fs_last_error(void) { return lastError.c_str(); }
