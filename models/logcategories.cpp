#include "logcategories.h"

Q_LOGGING_CATEGORY(lcApi, "hopstep.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAdmin, "hopstep.admin", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "hopstep.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIngest, "hopstep.ingest", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "hopstep.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConsole, "hopstep.console", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "hopstep.sync", QtInfoMsg)
