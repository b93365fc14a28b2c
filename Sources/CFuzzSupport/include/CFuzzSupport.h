// libFuzzer's driver, called from the fuzz target's own entry point (SwiftPM names an
// executable's entry point itself, so libFuzzer's main cannot be used). Linked only in
// fuzzing builds (scripts/fuzz); the plain build never calls it.
#pragma once
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
