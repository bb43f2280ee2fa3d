#pragma once

#include "database.h"

#include <QString>
#include <QStringList>

namespace hopstep {

// A step of the schema's history. Steps are never edited once released; a change to the
// schema is a new step, so an older database upgrades in place.
struct Migration
{
    int version;
    QString description;
    QStringList (*statements)(Database::Driver driver);
};

const QList<Migration> &migrations();
int latestSchemaVersion();

// Applies every step above the database's version up to targetVersion, each in its own
// transaction. Rejects a database written by a newer release.
bool migrateDatabase(Database &database, int targetVersion, QString *error);

} // namespace hopstep
