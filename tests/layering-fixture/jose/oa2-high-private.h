/* A jose/ header that includes util/: allowed. */
#pragma once
#include "oa2-low-private.h"
