#ifndef CLIBGIT2_SHIM_H
#define CLIBGIT2_SHIM_H
#include <git2.h>
/* zlib comes with libgit2-dev; LooseObjectCheck inflates loose objects before libgit2 does. */
#include <zlib.h>
#endif
