// The GLPK C API, imported by the Swift target `GLPKBackend` only.
// Debian's libglpk-dev ships no pkg-config file, so the header is found in the default path.
#include <glpk.h>
