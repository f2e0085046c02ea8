// SuiteSparse UMFPACK (sparse LU), imported by the Swift target `SparseLU` only.
// Debian's libsuitesparse-dev puts the headers under /usr/include/suitesparse.
#include <suitesparse/umfpack.h>
