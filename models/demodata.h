#pragma once

#include "catalog.h"
#include "database.h"
#include "secrets.h"

#include <QList>
#include <QString>

namespace hopstep {

struct DemoKey
{
    Provider provider;
    IssuedSecret key;
};

struct DemoLoadResult
{
    bool ok = false;
    QString error;
    QList<DemoKey> keys; // one new ATS key per demo provider, shown once
    int facilities = 0;
    int jobs = 0;
};

// Loads the demo providers, facilities and jobs and issues each demo provider an API key.
// The jobs go through the same validation as jobs posted to the API. Loading into a database
// that already has the demo providers is rejected, so no key is issued twice by accident.
DemoLoadResult loadDemoData(Database &database);

} // namespace hopstep
