#include "jobfilterproxymodel.h"
#include "jobtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

Job makeJob(const QString &id, const QString &title, JobStatus status, qint64 minCents,
            int minutesAgo)
{
    Job job;
    job.id = id;
    job.content.title = title;
    job.content.status = status;
    job.content.categoryName = u"Support Worker"_s;
    job.content.workTypes = {WorkType::Casual};
    job.content.salary = {minCents, minCents + 500, SalaryType::Hourly};
    job.content.location = {u"Richmond"_s, u"VIC"_s, u"3121"_s};
    job.providerName = u"Evergreen Residential Care"_s;
    job.facilityName = u"Evergreen Richmond"_s;
    // One reference time for all calls, so that two lists of the same jobs compare equal even
    // when a millisecond passes between them, as it often does under the sanitizers.
    static const QDateTime now = QDateTime::currentDateTimeUtc();
    job.createdAt = now.addSecs(-60 * minutesAgo);
    job.updatedAt = job.createdAt;
    return job;
}

QList<Job> threeJobs()
{
    return {makeJob(u"a"_s, u"Cook"_s, JobStatus::Active, 3000, 30),
            makeJob(u"b"_s, u"Night Nurse"_s, JobStatus::Expired, 4500, 20),
            makeJob(u"c"_s, u"Cleaner"_s, JobStatus::Pending, 2800, 10)};
}

QStringList titlesInOrder(const QAbstractItemModel &model)
{
    QStringList titles;
    for (int row = 0; row < model.rowCount(); ++row)
        titles.append(model.index(row, JobTableModel::TitleColumn).data().toString());
    return titles;
}

} // namespace

class TestJobTableModel : public QObject
{
    Q_OBJECT

private slots:
    void columnsShowJob();
    void setJobsMergesRows();
    void setJobsKeepsUnchangedRowsQuiet();
    void upsertInsertsOrReplaces();
    void deletedJobShownAsTombstone();
    void sortsByValue_data();
    void sortsByValue();
    void filtersByStatusAndText();
};

void TestJobTableModel::columnsShowJob()
{
    JobTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJobs(threeJobs());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(JobTableModel::ColumnCount));
    const int row = model.rowOfJob(u"a"_s);
    QCOMPARE(model.index(row, JobTableModel::StatusColumn).data().toString(), u"Active"_s);
    QCOMPARE(model.index(row, JobTableModel::TitleColumn).data().toString(), u"Cook"_s);
    QCOMPARE(model.index(row, JobTableModel::ProviderColumn).data().toString(),
             u"Evergreen Residential Care"_s);
    QCOMPARE(model.index(row, JobTableModel::PayColumn).data().toString(), u"$30 – $35 per hour"_s);
    QCOMPARE(model.index(row, JobTableModel::LocationColumn).data().toString(),
             u"Richmond VIC 3121"_s);
    QCOMPARE(model.index(row, JobTableModel::WorkTypesColumn).data().toString(), u"Casual"_s);
    QCOMPARE(model.index(row, 0).data(JobTableModel::JobIdRole).toString(), u"a"_s);
    QCOMPARE(model.headerData(JobTableModel::ReceivedColumn, Qt::Horizontal).toString(),
             u"Received"_s);
}

void TestJobTableModel::setJobsMergesRows()
{
    JobTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJobs(threeJobs());

    QList<Job> next = threeJobs();
    next.removeAt(1);                       // b went
    next[0].content.title = u"Head Cook"_s; // a changed
    next[0].version = 2;
    next.append(makeJob(u"d"_s, u"Carer"_s, JobStatus::Active, 3200, 1)); // d is new

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setJobs(next);

    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOfJob(u"b"_s), -1);
    QCOMPARE(model.jobById(u"a"_s)->content.title, u"Head Cook"_s);
    QVERIFY(model.jobById(u"d"_s));

    model.setJobs({});
    QCOMPARE(model.rowCount(), 0);
}

void TestJobTableModel::setJobsKeepsUnchangedRowsQuiet()
{
    JobTableModel model;
    model.setJobs(threeJobs());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy layout(&model, &QAbstractItemModel::rowsInserted);
    model.setJobs(threeJobs());
    QCOMPARE(changed.size(), 0);
    QCOMPARE(layout.size(), 0);
}

void TestJobTableModel::upsertInsertsOrReplaces()
{
    JobTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJobs(threeJobs());
    Job job = *model.jobById(u"c"_s);
    job.content.status = JobStatus::Closed;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.upsertJob(job);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), model.rowOfJob(u"c"_s));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(model.rowOfJob(u"c"_s), 0).data().toString(), u"Closed"_s);

    model.upsertJob(makeJob(u"e"_s, u"Gardener"_s, JobStatus::Active, 3000, 0));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rowOfJob(u"e"_s), 3);
}

void TestJobTableModel::deletedJobShownAsTombstone()
{
    JobTableModel model;
    QList<Job> jobs = threeJobs();
    jobs[0].deletedAt = QDateTime::currentDateTimeUtc();
    model.setJobs(jobs);
    const QModelIndex status = model.index(model.rowOfJob(u"a"_s), JobTableModel::StatusColumn);
    QCOMPARE(status.data().toString(), u"Deleted"_s);
    QCOMPARE(status.data(JobTableModel::StatusRole).toInt(), JobTableModel::DeletedStatus);
    QVERIFY(status.data(Qt::ToolTipRole).toString().contains(u"Deleted on"_s));
}

void TestJobTableModel::sortsByValue_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("ascending");

    QTest::newRow("pay by amount not text")
        << int(JobTableModel::PayColumn) << QStringList{u"Cleaner"_s, u"Cook"_s, u"Night Nurse"_s};
    QTest::newRow("received by time") << int(JobTableModel::ReceivedColumn)
                                      << QStringList{u"Cook"_s, u"Night Nurse"_s, u"Cleaner"_s};
    QTest::newRow("title") << int(JobTableModel::TitleColumn)
                           << QStringList{u"Cleaner"_s, u"Cook"_s, u"Night Nurse"_s};
    QTest::newRow("status in lifecycle order")
        << int(JobTableModel::StatusColumn)
        << QStringList{u"Cook"_s, u"Cleaner"_s, u"Night Nurse"_s};
}

void TestJobTableModel::sortsByValue()
{
    QFETCH(int, column);
    QFETCH(QStringList, ascending);

    JobTableModel model;
    JobFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<Job> jobs = threeJobs();
    // $100 sorts after $45 by value, though "$100" sorts first as text.
    jobs[1].content.salary.minCents = 10000;
    jobs[1].content.salary.maxCents = 12000;
    model.setJobs(jobs);
    proxy.sort(column, Qt::AscendingOrder);
    QCOMPARE(titlesInOrder(proxy), ascending);
    proxy.sort(column, Qt::DescendingOrder);
    std::reverse(ascending.begin(), ascending.end());
    QCOMPARE(titlesInOrder(proxy), ascending);
}

void TestJobTableModel::filtersByStatusAndText()
{
    JobTableModel model;
    JobFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<Job> jobs = threeJobs();
    jobs[2].deletedAt = QDateTime::currentDateTimeUtc();
    model.setJobs(jobs);
    proxy.sort(JobTableModel::TitleColumn);

    proxy.setStatusFilter(int(JobStatus::Expired));
    QCOMPARE(titlesInOrder(proxy), QStringList{u"Night Nurse"_s});
    proxy.setStatusFilter(JobTableModel::DeletedStatus);
    QCOMPARE(titlesInOrder(proxy), QStringList{u"Cleaner"_s});
    proxy.setStatusFilter(std::nullopt);
    QCOMPARE(proxy.rowCount(), 3);

    proxy.setTextFilter(u"NURSE"_s);
    QCOMPARE(titlesInOrder(proxy), QStringList{u"Night Nurse"_s});
    proxy.setTextFilter(u"richmond cook"_s);
    QCOMPARE(titlesInOrder(proxy), QStringList{u"Cook"_s});
    proxy.setTextFilter(u"3121"_s);
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setTextFilter(u"gardener"_s);
    QCOMPARE(proxy.rowCount(), 0);

    // A filtered-out row that changes to match appears without a new filter call.
    Job cook = *model.jobById(u"a"_s);
    cook.content.title = u"Gardener and cook"_s;
    model.upsertJob(cook);
    QCOMPARE(proxy.rowCount(), 1);
}

QTEST_GUILESS_MAIN(TestJobTableModel)
#include "tst_jobtablemodel.moc"
