/* A util/ header that reaches up into jose/: layering-check.sh must refuse it. */
#pragma once
#include "oa2-high-private.h"
