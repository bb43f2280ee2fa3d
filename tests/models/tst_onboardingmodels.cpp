// The onboarding item models under QAbstractItemModelTester, and the rules behind them: the
// go-live hold, category matching, the changed members of audit entries, the category exports
// and the onboarding pack.

#include "auditlogmodel.h"
#include "categorytablemodel.h"
#include "onboardingpack.h"
#include "providermodels.h"
#include "providerservice.h"
#include "publication.h"
#include "stafftablemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFontInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPersistentModelIndex>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <functional>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

const QDateTime someTime = QDateTime(QDate(2026, 12, 4), QTime(2, 14), QTimeZone::utc());

ProviderSummary provider(const QString &id, const QString &name, int steps, bool live = false)
{
    ProviderSummary summary;
    summary.provider.id = id;
    summary.provider.name = name;
    summary.provider.createdAt = someTime;
    if (live)
        summary.provider.liveAt = someTime;
    summary.onboardingStepsDone = steps;
    summary.facilities = 1;
    return summary;
}

Category category(int id, const QString &name, int position)
{
    Category result;
    result.id = id;
    result.name = name;
    result.position = position;
    return result;
}

QList<Category> officialList()
{
    QList<Category> list = {
        category(1, u"Registered Nurse"_s, 1), category(3, u"Personal Care Assistant"_s, 2),
        category(7, u"Cleaner"_s, 3), category(11, u"Environmental Services"_s, 4)};
    list[1].aliases = {u"Personal Care Worker"_s};
    list[2].retiredAt = someTime;
    list[2].successorId = 11;
    return list;
}

// Runs the same sequence of changes on any record model, so each one is exercised with the
// model tester attached: a first fill, a refresh that removes, keeps and adds rows, a page
// appended, and a clear.
template<typename Model, typename Record>
void exerciseModel(Model &model, const QList<Record> &first, const QList<Record> &second,
                   const QList<Record> &page)
{
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRecords(first);
    QCOMPARE(model.rowCount(), int(first.size()));
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            QVERIFY(index.data(Qt::DisplayRole).isValid() || column > 0);
            QVERIFY(!index.data(RecordIdRole).toString().isEmpty());
        }
    }
    const QString keptKey =
        second.isEmpty() ? QString() : model.index(0, 0).data(RecordIdRole).toString();
    const QPersistentModelIndex kept(model.index(0, 0));
    model.setRecords(second);
    QCOMPARE(model.rowCount(), int(second.size()));
    if (model.rowOf(keptKey) >= 0) {
        QVERIFY(kept.isValid());
        QCOMPARE(kept.data(RecordIdRole).toString(), keptKey);
    }
    model.appendRecords(page);
    model.appendRecords(page);
    QCOMPARE(model.rowCount(), int(second.size() + page.size()));
    QVERIFY(!model.index(0, 0).parent().isValid());
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

} // namespace

class TestOnboardingModels : public QObject
{
    Q_OBJECT

private slots:
    void providerModel();
    void providerModelShowsState();
    void facilityModel();
    void apiKeyModel();
    void apiKeyStates_data();
    void apiKeyStates();
    void onboardingStepModel();
    void categoryModel();
    void aliasJobModel();
    void auditLogModel();
    void staffModels();

    void liveHold_data();
    void liveHold();
    void publicationStates_data();
    void publicationStates();
    void categoryMatching_data();
    void categoryMatching();
    void changedMembersOnly();
    void categoryCsvEscapes();
    void categoryJsonOrder();
    void packJsonCarriesKeyOnlyWhenGiven();
    void packHtmlEscapesProviderText();
    void packPdfIsWritten();
    void contactChecks_data();
    void contactChecks();
    void roleNames();
};

void TestOnboardingModels::providerModel()
{
    ProviderTableModel model;
    exerciseModel(
        model,
        QList<ProviderSummary>{provider(u"p1"_s, u"Banksia"_s, 6, true),
                               provider(u"p2"_s, u"Wattle"_s, 2)},
        {provider(u"p1"_s, u"Banksia Care"_s, 6, true), provider(u"p3"_s, u"Acacia"_s, 0)},
        {provider(u"p4"_s, u"Paged"_s, 1)});
}

void TestOnboardingModels::providerModelShowsState()
{
    ProviderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ProviderSummary inactive = provider(u"p5"_s, u"Paused"_s, 6, true);
    inactive.provider.active = false;
    model.setRecords({provider(u"p1"_s, u"Live Care"_s, 6, true),
                      provider(u"p2"_s, u"New Care"_s, 3), inactive});
    const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role);
    };
    QCOMPARE(cell(0, ProviderTableModel::OnboardingColumn).toString(), u"Live"_s);
    QCOMPARE(cell(1, ProviderTableModel::OnboardingColumn).toString(), u"3 of 6 steps"_s);
    QCOMPARE(cell(2, ProviderTableModel::StateColumn).toString(), u"Deactivated"_s);
    QCOMPARE(cell(2, 0, RecordStateRole).toString(), u"inactive"_s);
    QCOMPARE(cell(1, 0, RecordStateRole).toString(), u"onboarding"_s);
    QCOMPARE(cell(0, ProviderTableModel::IdColumn).toString(), u"p1"_s);
    QVERIFY(
        cell(0, ProviderTableModel::IdColumn, Qt::FontRole).value<QFont>().fixedPitch() ||
        QFontInfo(cell(0, ProviderTableModel::IdColumn, Qt::FontRole).value<QFont>()).fixedPitch());
    QVERIFY(!cell(0, ProviderTableModel::NameColumn, Qt::FontRole).isValid());
    QCOMPARE(cell(1, ProviderTableModel::OnboardingColumn, RecordSortRole).toInt(), 3);
    QCOMPARE(cell(0, ProviderTableModel::OnboardingColumn, RecordSortRole).toInt(), 100);
    QVERIFY(cell(0, 0, RecordSearchRole).toString().contains(u"live care"_s));
}

void TestOnboardingModels::facilityModel()
{
    const auto facility = [](const QString &id, const QString &name, bool active) {
        Facility result;
        result.id = id;
        result.providerId = u"p1"_s;
        result.name = name;
        result.streetAddress = u"12 Sturt Street"_s;
        result.suburb = u"Ballarat"_s;
        result.state = u"VIC"_s;
        result.postcode = u"3350"_s;
        result.active = active;
        result.createdAt = someTime;
        return result;
    };
    FacilityTableModel model;
    exerciseModel(model, QList<Facility>{facility(u"f1"_s, u"One"_s, true)},
                  {facility(u"f1"_s, u"One renamed"_s, false), facility(u"f2"_s, u"Two"_s, true)},
                  {facility(u"f3"_s, u"Three"_s, true)});
    model.setRecords({facility(u"f1"_s, u"One"_s, false)});
    QCOMPARE(model.index(0, FacilityTableModel::AddressColumn).data().toString(),
             u"12 Sturt Street, Ballarat VIC 3350"_s);
    QCOMPARE(model.index(0, FacilityTableModel::StateColumn).data().toString(), u"Deactivated"_s);
}

void TestOnboardingModels::apiKeyModel()
{
    const auto key = [](const QString &id, const QString &prefix) {
        ApiKeyRecord record;
        record.id = id;
        record.prefix = prefix;
        record.label = u"prod"_s;
        record.createdAt = someTime;
        return record;
    };
    ApiKeyTableModel model;
    exerciseModel(model, QList<ApiKeyRecord>{key(u"k1"_s, u"hsk_AAAAAAAA"_s)},
                  {key(u"k2"_s, u"hsk_BBBBBBBB"_s)}, {key(u"k3"_s, u"hsk_CCCCCCCC"_s)});
}

void TestOnboardingModels::apiKeyStates_data()
{
    QTest::addColumn<QDateTime>("expiresAt");
    QTest::addColumn<QDateTime>("revokedAt");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("shown");

    QTest::newRow("active") << QDateTime() << QDateTime() << u"active"_s << u"Active"_s;
    QTest::newRow("expiring later")
        << someTime.addDays(2) << QDateTime() << u"expiring"_s << u"Expiring"_s;
    QTest::newRow("expired") << someTime.addSecs(-1) << QDateTime() << u"expired"_s << u"Expired"_s;
    QTest::newRow("revoked beats expiry")
        << someTime.addDays(2) << someTime << u"revoked"_s << u"Revoked"_s;
}

void TestOnboardingModels::apiKeyStates()
{
    QFETCH(QDateTime, expiresAt);
    QFETCH(QDateTime, revokedAt);
    QFETCH(QString, state);
    QFETCH(QString, shown);

    ApiKeyRecord key;
    key.id = u"k1"_s;
    key.prefix = u"hsk_AAAAAAAA"_s;
    key.expiresAt = expiresAt;
    key.revokedAt = revokedAt;
    QCOMPARE(key.stateName(someTime), state);
    ApiKeyTableModel model;
    model.setNow(someTime);
    model.setRecords({key});
    QCOMPARE(model.index(0, ApiKeyTableModel::StateColumn).data().toString(), shown);
    QCOMPARE(model.index(0, ApiKeyTableModel::PrefixColumn).data().toString(), u"hsk_AAAAAAAA…"_s);
}

void TestOnboardingModels::onboardingStepModel()
{
    OnboardingStepModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    OnboardingProgress progress;
    for (OnboardingStep step : onboardingSteps())
        progress.steps.append({step, {}, {}, {}});
    model.setProgress(progress);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.index(0, OnboardingStepModel::StepColumn).data().toString(),
             u"1. API key issued"_s);
    QCOMPARE(model.index(3, OnboardingStepModel::StateColumn).data().toString(), u"Waiting"_s);
    QCOMPARE(model.index(4, OnboardingStepModel::StateColumn).data().toString(), u"Open"_s);
    progress.steps[0].completedAt = someTime;
    progress.steps[0].completedBy = u"staff Alex Chen"_s;
    const QPersistentModelIndex first(model.index(0, 0));
    model.setProgress(progress);
    QVERIFY(first.isValid());
    QCOMPARE(model.index(0, OnboardingStepModel::StateColumn).data().toString(), u"Done"_s);
    QCOMPARE(model.index(0, OnboardingStepModel::ByColumn).data().toString(), u"staff Alex Chen"_s);
    QCOMPARE(progress.doneCount(), 1);
    QCOMPARE(progress.openStepsBeforeLive().size(), 4);
    QCOMPARE(onboardingProgressFromJson(onboardingProgressToJson(progress)).doneCount(), 1);
}

void TestOnboardingModels::categoryModel()
{
    const QList<Category> list = officialList();
    CategoryTableModel model;
    exerciseModel(model, QList<CategoryUsage>{{list.at(0), 3}, {list.at(1), 0}},
                  {{list.at(0), 4}, {list.at(2), 2}}, {{list.at(3), 0}});
    model.setRecords({{list.at(1), 1}, {list.at(2), 2}});
    QCOMPARE(model.index(0, CategoryTableModel::AliasesColumn).data().toString(),
             u"Personal Care Worker"_s);
    QCOMPARE(model.index(1, CategoryTableModel::StateColumn).data().toString(), u"Retired → 11"_s);
    QCOMPARE(model.index(1, CategoryTableModel::PositionColumn).data().toString(), u"—"_s);
    QVERIFY(model.index(1, CategoryTableModel::PositionColumn).data(RecordSortRole).toInt() >
            model.index(0, CategoryTableModel::PositionColumn).data(RecordSortRole).toInt());

    QJsonArray items;
    for (const Category &category : list)
        items.append(categoryToJson(category));
    model.setFromJson({{u"items"_s, items}});
    QCOMPARE(model.rowCount(), int(list.size()));
    QCOMPARE(model.recordByKey(u"3"_s)->category.aliases, list.at(1).aliases);
    QCOMPARE(model.recordByKey(u"7"_s)->category.successorId, 11);
}

void TestOnboardingModels::aliasJobModel()
{
    const auto job = [](const QString &id) {
        AliasJob result;
        result.jobId = id;
        result.title = u"Carer"_s;
        result.providerName = u"Banksia"_s;
        result.categorySent = u"Personal Care Worker"_s;
        result.categoryId = 3;
        result.categoryName = u"Personal Care Assistant"_s;
        result.updatedAt = someTime;
        return result;
    };
    AliasJobTableModel model;
    exerciseModel(model, QList<AliasJob>{job(u"j1"_s), job(u"j2"_s)}, {job(u"j2"_s)},
                  {job(u"j3"_s)});
    model.setRecords({job(u"j1"_s)});
    QCOMPARE(model.index(0, AliasJobTableModel::CategoryColumn).data().toString(),
             u"Personal Care Assistant (id 3)"_s);
    QCOMPARE(aliasJobFromJson(aliasJobToJson(job(u"j9"_s))).categorySent,
             u"Personal Care Worker"_s);
}

void TestOnboardingModels::auditLogModel()
{
    const auto entry = [](qint64 id, Actor::Kind kind, const QString &label) {
        AuditEntry result;
        result.id = id;
        result.occurredAt = someTime.addSecs(id);
        result.actor.kind = kind;
        result.actor.label = label;
        result.action = u"job.updated"_s;
        result.entityType = u"job"_s;
        result.entityId = u"j1"_s;
        result.summary = u"Updated job."_s;
        result.before = QJsonObject{{u"salaryMax"_s, 35}};
        result.after = QJsonObject{{u"salaryMax"_s, 36}};
        return result;
    };
    AuditLogModel model;
    exerciseModel(model,
                  QList<AuditEntry>{entry(5, Actor::Kind::Staff, u"Alex Chen"_s),
                                    entry(4, Actor::Kind::ApiKey, u"hsk_AAAAAAAA"_s)},
                  {entry(6, Actor::Kind::Staff, u"Alex Chen"_s),
                   entry(5, Actor::Kind::Staff, u"Alex Chen"_s)},
                  {entry(3, Actor::Kind::System, u"demo loader"_s)});
    model.setRecords({entry(9, Actor::Kind::Staff, u"Alex"_s),
                      entry(4, Actor::Kind::ApiKey, u"hsk_AAAAAAAA"_s)});
    QCOMPARE(model.oldestId(), 4);
    QCOMPARE(model.index(1, AuditLogModel::ActorColumn).data().toString(), u"key hsk_AAAAAAAA"_s);
    QCOMPARE(model.index(0, AuditLogModel::TimeColumn).data(RecordSortRole).toLongLong(), 9);
    const AuditEntry parsed =
        auditEntryFromJson(auditEntryToJson(entry(7, Actor::Kind::ApiKey, u"hsk_B"_s)));
    QCOMPARE(parsed.actor.kind, Actor::Kind::ApiKey);
    QCOMPARE(parsed.after.toObject().value(u"salaryMax"_s).toInt(), 36);
}

void TestOnboardingModels::staffModels()
{
    const auto member = [](const QString &id, StaffRoles roles, bool active) {
        StaffMember result;
        result.id = id;
        result.name = u"Alex "_s + id;
        result.roles = roles;
        result.active = active;
        return result;
    };
    StaffTableModel model;
    exerciseModel(
        model,
        QList<StaffMember>{member(u"s1"_s, StaffRole::Admin, true), member(u"s2"_s, {}, true)},
        {member(u"s2"_s, StaffRole::Reviewer | StaffRole::Support, false)},
        {member(u"s3"_s, StaffRole::Integrations, true)});
    model.setRecords({member(u"s1"_s, StaffRole::Reviewer | StaffRole::Support, false),
                      member(u"s2"_s, {}, true)});
    QCOMPARE(model.index(0, StaffTableModel::RolesColumn).data().toString(),
             u"Reviewer, Support"_s);
    QCOMPARE(model.index(1, StaffTableModel::RolesColumn).data().toString(), u"Read only"_s);
    QCOMPARE(model.index(0, StaffTableModel::StateColumn).data().toString(), u"Deactivated"_s);

    const auto token = [](const QString &id) {
        StaffTokenRecord result;
        result.id = id;
        result.prefix = u"hst_AAAAAAAA"_s;
        result.createdAt = someTime;
        return result;
    };
    StaffTokenTableModel tokens;
    exerciseModel(tokens, QList<StaffTokenRecord>{token(u"t1"_s)}, {token(u"t1"_s), token(u"t2"_s)},
                  {token(u"t3"_s)});
}

void TestOnboardingModels::liveHold_data()
{
    QTest::addColumn<bool>("live");
    QTest::addColumn<int>("stored"); // JobStatus of the stored content
    QTest::addColumn<bool>("storedHeld");
    QTest::addColumn<int>("requested"); // JobStatus, or -1 when the request left it out
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("held");
    QTest::addColumn<bool>("warned");

    const int active = int(JobStatus::Active);
    const int pending = int(JobStatus::Pending);
    const int closed = int(JobStatus::Closed);
    QTest::newRow("active job of a live provider")
        << true << active << false << active << active << false << false;
    QTest::newRow("active job before go-live is held")
        << false << active << false << active << pending << true << true;
    QTest::newRow("pending job before go-live is not held")
        << false << active << false << pending << pending << false << false;
    QTest::newRow("update without status keeps the hold")
        << false << pending << true << -1 << pending << true << false;
    QTest::newRow("closing a held job lifts the hold")
        << false << pending << true << closed << closed << false << false;
    QTest::newRow("held job updated after go-live is published")
        << true << pending << true << -1 << active << false << false;
}

void TestOnboardingModels::liveHold()
{
    QFETCH(bool, live);
    QFETCH(int, stored);
    QFETCH(bool, storedHeld);
    QFETCH(int, requested);
    QFETCH(int, status);
    QFETCH(bool, held);
    QFETCH(bool, warned);

    Provider provider;
    provider.name = u"Wattle"_s;
    if (live)
        provider.liveAt = someTime;
    JobContent content;
    content.status = static_cast<JobStatus>(stored);
    content.heldUntilLive = storedHeld;
    const std::optional<JobStatus> sent =
        requested < 0 ? std::nullopt : std::optional<JobStatus>(static_cast<JobStatus>(requested));
    const std::optional<FieldIssue> warning = applyLiveHold(content, sent, provider);
    QCOMPARE(int(content.status), status);
    QCOMPARE(content.heldUntilLive, held);
    QCOMPARE(warning.has_value(), warned);
    if (warning) {
        QCOMPARE(warning->code, u"held-until-live"_s);
        QCOMPARE(warning->pointer, u"/status"_s);
        QVERIFY(warning->message.contains(u"Wattle"_s));
    }
}

void TestOnboardingModels::publicationStates_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("code");

    QTest::newRow("published") << QString() << u"published"_s << u"published"_s;
    QTest::newRow("held") << u"held"_s << u"held"_s << u"provider-not-live"_s;
    QTest::newRow("provider deactivated")
        << u"provider"_s << u"not-published"_s << u"provider-inactive"_s;
    QTest::newRow("facility deactivated")
        << u"facility"_s << u"not-published"_s << u"facility-inactive"_s;
    QTest::newRow("expired") << u"expired"_s << u"not-published"_s << u"status-expired"_s;
    QTest::newRow("deleted") << u"deleted"_s << u"not-published"_s << u"deleted"_s;
}

void TestOnboardingModels::publicationStates()
{
    QFETCH(QString, change);
    QFETCH(QString, state);
    QFETCH(QString, code);

    Job job;
    job.providerName = u"Wattle"_s;
    if (change == u"held"_s) {
        job.content.status = JobStatus::Pending;
        job.content.heldUntilLive = true;
        job.providerLive = false;
    } else if (change == u"provider"_s) {
        job.providerActive = false;
    } else if (change == u"facility"_s) {
        job.facilityActive = false;
    } else if (change == u"expired"_s) {
        job.content.status = JobStatus::Expired;
    } else if (change == u"deleted"_s) {
        job.deletedAt = someTime;
    }
    const QJsonObject publication = publicationToJson(job);
    QCOMPARE(publication.value(u"state"_s).toString(), state);
    QCOMPARE(publication.value(u"code"_s).toString(), code);
    QVERIFY(!publication.value(u"reason"_s).toString().isEmpty());
}

void TestOnboardingModels::categoryMatching_data()
{
    QTest::addColumn<QString>("sent");
    QTest::addColumn<bool>("asId");
    QTest::addColumn<int>("kept");
    QTest::addColumn<int>("expectedId"); // 0: rejected
    QTest::addColumn<QString>("code");   // error code, or the warning code, or empty

    QTest::newRow("current name") << u"Registered Nurse"_s << false << 0 << 1 << QString();
    QTest::newRow("name in other case and spacing")
        << u"registered  nurse"_s << false << 0 << 1 << QString();
    QTest::newRow("id") << u"3"_s << true << 0 << 3 << QString();
    QTest::newRow("former name") << u"personal care worker"_s << false << 0 << 3
                                 << u"category-alias"_s;
    QTest::newRow("retired name on a new job")
        << u"Cleaner"_s << false << 0 << 0 << u"retired-category"_s;
    QTest::newRow("retired id on a new job") << u"7"_s << true << 0 << 0 << u"retired-category"_s;
    QTest::newRow("retired category kept by its job")
        << u"Cleaner"_s << false << 7 << 7 << u"retired-category"_s;
    QTest::newRow("unknown name") << u"Chef"_s << false << 0 << 0 << u"unknown-category"_s;
    QTest::newRow("unknown id") << u"99"_s << true << 0 << 0 << u"unknown-category"_s;
}

void TestOnboardingModels::categoryMatching()
{
    QFETCH(QString, sent);
    QFETCH(bool, asId);
    QFETCH(int, kept);
    QFETCH(int, expectedId);
    QFETCH(QString, code);

    const CategoryMatch match = matchCategory(officialList(), sent, asId, kept, sent);
    QCOMPARE(match.category ? match.category->id : 0, expectedId);
    if (!match.category) {
        QCOMPARE(match.errorCode, code);
        if (code == u"retired-category"_s)
            QVERIFY2(match.error.contains(u"\"Environmental Services\" (id 11)"_s),
                     qPrintable(match.error));
        if (code == u"unknown-category"_s && !asId)
            QVERIFY(!match.error.contains(u"Cleaner"_s));
        return;
    }
    QCOMPARE(match.viaAlias, code == u"category-alias"_s);
    if (code.isEmpty())
        QVERIFY(match.warnings.isEmpty());
    else
        QCOMPARE(match.warnings.constFirst().first, code);
}

void TestOnboardingModels::changedMembersOnly()
{
    const QJsonObject before{{u"name"_s, u"A"_s}, {u"phone"_s, u"1"_s}, {u"gone"_s, true}};
    const QJsonObject after{{u"name"_s, u"B"_s}, {u"phone"_s, u"1"_s}, {u"new"_s, 2}};
    const auto [oldValues, newValues] = changedMembers(before, after);
    QCOMPARE(oldValues,
             (QJsonObject{{u"name"_s, u"A"_s}, {u"gone"_s, true}, {u"new"_s, QJsonValue()}}));
    QCOMPARE(newValues,
             (QJsonObject{{u"name"_s, u"B"_s}, {u"gone"_s, QJsonValue()}, {u"new"_s, 2}}));
    QVERIFY(changedMembers(before, before).second.isEmpty());
}

void TestOnboardingModels::categoryCsvEscapes()
{
    QList<Category> list = officialList();
    list[0].name = u"Nurse, \"Registered\""_s;
    const QByteArray csv = categoriesToCsv(list);
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.at(0), QByteArray("id,name,position,status,successor_id,aliases\r"));
    QCOMPARE(lines.at(1), QByteArray("1,\"Nurse, \"\"Registered\"\"\",1,active,,\r"));
    QCOMPARE(lines.at(2), QByteArray("3,Personal Care Assistant,2,active,,Personal Care Worker\r"));
    // Retired categories follow the active ones.
    QCOMPARE(lines.at(4), QByteArray("7,Cleaner,3,retired,11,\r"));
}

void TestOnboardingModels::categoryJsonOrder()
{
    const QJsonArray items = categoriesToJsonDocument(officialList()).value(u"items"_s).toArray();
    QList<int> ids;
    for (const QJsonValue &item : items)
        ids.append(item.toObject().value(u"id"_s).toInt());
    QCOMPARE(ids, (QList<int>{1, 3, 11, 7}));
    QCOMPARE(items.at(3).toObject().value(u"successorId"_s).toInt(), 11);
    QVERIFY(!items.at(0).toObject().contains(u"retiredAt"_s));
}

void TestOnboardingModels::packJsonCarriesKeyOnlyWhenGiven()
{
    OnboardingPack pack;
    pack.provider.id = u"f11b4ae4-152b-40c7-abc5-e37e7f5ede77"_s;
    pack.provider.name = u"Wattle Home Care"_s;
    Facility facility;
    facility.id = u"fac645ef-7f89-464d-bb60-a4861c500626"_s;
    facility.name = u"Wattle Ballarat"_s;
    facility.suburb = u"Ballarat"_s;
    facility.state = u"VIC"_s;
    facility.postcode = u"3350"_s;
    pack.facilities = {facility};
    pack.categories = officialList().mid(0, 2);
    pack.generatedAt = someTime;
    pack.apiBaseUrl = u"https://api.hopstep.com.au/"_s;

    QJsonObject json = onboardingPackToJson(pack);
    QVERIFY(!json.contains(u"apiKey"_s));
    QCOMPARE(json.value(u"api"_s).toObject().value(u"baseUrl"_s).toString(),
             u"https://api.hopstep.com.au"_s);
    QCOMPARE(json.value(u"exampleRequest"_s).toObject().value(u"url"_s).toString(),
             u"https://api.hopstep.com.au/api/jobs"_s);
    const QJsonObject body = json.value(u"exampleRequest"_s).toObject().value(u"body"_s).toObject();
    QCOMPARE(body.value(u"facilityId"_s).toString(), facility.id);
    QCOMPARE(body.value(u"location"_s).toObject().value(u"postcode"_s).toString(), u"3350"_s);

    pack.apiKey = PackApiKey{u"hsk_AAAAAAAA"_s, u"hsk_secret"_s};
    json = onboardingPackToJson(pack);
    QCOMPARE(json.value(u"apiKey"_s).toObject().value(u"secret"_s).toString(), u"hsk_secret"_s);
    // The example request never carries the key itself.
    QVERIFY(
        !QJsonDocument(json.value(u"exampleRequest"_s).toObject()).toJson().contains("hsk_secret"));
    const OnboardingPack read = onboardingPackFromJson(json);
    QVERIFY(!read.apiKey);
    QCOMPARE(read.facilities.constFirst().id, facility.id);
    QCOMPARE(read.categories.at(1).aliases, QStringList{u"Personal Care Worker"_s});
}

void TestOnboardingModels::packHtmlEscapesProviderText()
{
    OnboardingPack pack;
    pack.provider.name = u"<b>Wattle</b> & Sons"_s;
    Facility facility;
    facility.name = u"<script>x</script>"_s;
    pack.facilities = {facility};
    const QString html = onboardingPackHtml(pack);
    QVERIFY(html.contains(u"&lt;b&gt;Wattle&lt;/b&gt; &amp; Sons"_s));
    QVERIFY(!html.contains(u"<script>"_s));
    QVERIFY(html.contains(u"cannot show it again"_s));
}

void TestOnboardingModels::packPdfIsWritten()
{
    QTemporaryDir directory;
    OnboardingPack pack;
    pack.provider.id = u"f11b4ae4-152b-40c7-abc5-e37e7f5ede77"_s;
    pack.provider.name = u"Wattle Home Care"_s;
    pack.categories = officialList();
    const QString path = directory.filePath(u"pack.pdf"_s);
    QString error;
    QVERIFY2(writeOnboardingPackPdf(pack, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    QVERIFY(file.size() > 1000);
    QVERIFY(!writeOnboardingPackPdf(pack, directory.filePath(u"missing/pack.pdf"_s), &error));
    QVERIFY(error.contains(u"missing"_s));
}

void TestOnboardingModels::contactChecks_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");

    QTest::newRow("landline") << u"phone"_s << u"(03) 9123 4567"_s << true;
    QTest::newRow("international") << u"phone"_s << u"+61 3 9123 4567"_s << true;
    QTest::newRow("1300 number") << u"phone"_s << u"1300 123 456"_s << true;
    QTest::newRow("letters") << u"phone"_s << u"call me"_s << false;
    QTest::newRow("too few digits") << u"phone"_s << u"123"_s << false;
    QTest::newRow("email") << u"email"_s << u"sam@wattle.example.org"_s << true;
    QTest::newRow("email without dot") << u"email"_s << u"sam@localhost"_s << false;
    QTest::newRow("email with space") << u"email"_s << u"sam lee@wattle.org"_s << false;
}

void TestOnboardingModels::contactChecks()
{
    QFETCH(QString, kind);
    QFETCH(QString, value);
    QFETCH(bool, valid);

    const QString problem = kind == u"phone"_s ? phoneProblem(value) : emailProblem(value);
    QCOMPARE(problem.isEmpty(), valid);
}

void TestOnboardingModels::roleNames()
{
    QString unknown;
    const std::optional<StaffRoles> roles =
        staffRolesFromNames({u"Reviewer"_s, u" support "_s}, &unknown);
    QVERIFY(roles);
    QCOMPARE(staffRoleNames(*roles), (QStringList{u"reviewer"_s, u"support"_s}));
    QVERIFY(!staffRolesFromNames({u"owner"_s}, &unknown));
    QCOMPARE(unknown, u"owner"_s);
    QVERIFY(grantsRole(StaffRole::Admin, StaffRole::Support));
    QVERIFY(!grantsRole(StaffRole::Reviewer, StaffRole::Support));
}

QTEST_MAIN(TestOnboardingModels)
#include "tst_onboardingmodels.moc"
