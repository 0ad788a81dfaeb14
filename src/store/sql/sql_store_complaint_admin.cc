// Placeholder: implemented in issue 3 (see sql_store.h for what belongs here).
#include "store/sql/sql_store.h"
