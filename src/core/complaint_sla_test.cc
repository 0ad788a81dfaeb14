#include "core/complaint.h"
