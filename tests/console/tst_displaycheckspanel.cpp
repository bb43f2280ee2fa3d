// The display checks panel under the offscreen platform, on its own before it is placed in the
// main window.

#include "displaycheckspanel.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

Job sampleJob()
{
    Job job;
    job.id = u"e7751b96-d4c5-44a7-9aa9-95c0f694720f"_s;
    JobContent &content = job.content;
    content.facilityId = u"cbb456a2-787c-4f54-a8d6-96361736ce74"_s;
    content.title = u"Aged Care Assistant"_s;
    content.descriptionText = QString(240, u'x');
    content.categoryId = 4;
    content.categoryName = u"Aged Care Assistant"_s;
    content.workTypes = {WorkType::FullTime};
    content.salary = {3000, 3500, SalaryType::Hourly};
    content.location = {u"Richmond"_s, u"VIC"_s, u"3121"_s};
    content.applyUrl = u"https://clientats.com/jobs/123/apply"_s;
    return job;
}

Facility sampleFacility()
{
    Facility facility;
    facility.id = u"cbb456a2-787c-4f54-a8d6-96361736ce74"_s;
    facility.name = u"Evergreen Richmond"_s;
    facility.suburb = u"Richmond"_s;
    facility.state = u"VIC"_s;
    facility.postcode = u"3121"_s;
    return facility;
}

QList<Category> sampleCategories()
{
    Category category;
    category.id = 4;
    category.name = u"Aged Care Assistant"_s;
    category.position = 4;
    return {category};
}

} // namespace

class TestDisplayChecksPanel : public QObject
{
    Q_OBJECT

private slots:
    void startsEmpty();
    void showsEveryCheck();
    void failuresSummarised();
    void clearReturnsToEmptyState();
};

void TestDisplayChecksPanel::startsEmpty()
{
    DisplayChecksPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *summary = panel.findChild<QLabel *>(u"displayChecksSummary"_s);
    auto *list = panel.findChild<QTreeWidget *>(u"displayChecksList"_s);
    QVERIFY(summary);
    QVERIFY(list);
    QVERIFY(summary->text().contains(u"Select a job"_s));
    QCOMPARE(list->topLevelItemCount(), 0);
    QVERIFY(!list->isEnabled());
}

void TestDisplayChecksPanel::showsEveryCheck()
{
    DisplayChecksPanel panel;
    QSignalSpy changed(&panel, &DisplayChecksPanel::checksChanged);
    panel.showJob(sampleJob(), sampleFacility(), sampleCategories());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    auto *list = panel.findChild<QTreeWidget *>(u"displayChecksList"_s);
    QCOMPARE(list->topLevelItemCount(), 8);
    QCOMPARE(panel.checks().size(), 8);
    for (int row = 0; row < list->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = list->topLevelItem(row);
        const DisplayCheck &check = panel.checks().at(row);
        QCOMPARE(item->text(DisplayChecksPanel::ResultColumn), u"Pass"_s);
        QCOMPARE(item->text(DisplayChecksPanel::CheckColumn), check.name);
        QCOMPARE(item->text(DisplayChecksPanel::DetailsColumn), check.message);
        QCOMPARE(item->data(DisplayChecksPanel::ResultColumn, Qt::UserRole).toString(), check.key);
        QVERIFY(!item->icon(DisplayChecksPanel::ResultColumn).isNull());
        QVERIFY(item->data(DisplayChecksPanel::DetailsColumn, Qt::AccessibleTextRole)
                    .toString()
                    .startsWith(u"Pass: "_s));
    }
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toInt(), 0);
    QCOMPARE(changed.at(0).at(1).toInt(), 0);
    QVERIFY(panel.findChild<QLabel *>(u"displayChecksSummary"_s)
                ->text()
                .contains(u"All 8 display checks pass"_s));
}

void TestDisplayChecksPanel::failuresSummarised()
{
    Job job = sampleJob();
    job.content.salary.type.reset();                         // failure: no unit
    job.content.applyUrl = u"http://clientats.com/jobs/1"_s; // warning: http
    Facility elsewhere = sampleFacility();
    elsewhere.state = u"NSW"_s; // failure: another state

    DisplayChecksPanel panel;
    QSignalSpy changed(&panel, &DisplayChecksPanel::checksChanged);
    panel.showJob(job, elsewhere, sampleCategories());
    QCOMPARE(panel.failureCount(), 2);
    QCOMPARE(panel.warningCount(), 1);
    QCOMPARE(changed.constLast().at(0).toInt(), 2);
    QCOMPARE(changed.constLast().at(1).toInt(), 1);

    auto *list = panel.findChild<QTreeWidget *>(u"displayChecksList"_s);
    QStringList results;
    for (int row = 0; row < list->topLevelItemCount(); ++row)
        results.append(list->topLevelItem(row)->text(DisplayChecksPanel::ResultColumn));
    QCOMPARE(results.count(u"Fail"_s), 2);
    QCOMPARE(results.count(u"Warning"_s), 1);
    const QString summary = panel.findChild<QLabel *>(u"displayChecksSummary"_s)->text();
    QVERIFY2(summary.contains(u"2 checks fail"_s), qPrintable(summary));
    QVERIFY(summary.contains(u"before you record the display as validated"_s));
}

void TestDisplayChecksPanel::clearReturnsToEmptyState()
{
    DisplayChecksPanel panel;
    panel.showJob(sampleJob(), sampleFacility(), sampleCategories());
    panel.clear();
    QVERIFY(panel.checks().isEmpty());
    QCOMPARE(panel.failureCount(), 0);
    QCOMPARE(panel.findChild<QTreeWidget *>(u"displayChecksList"_s)->topLevelItemCount(), 0);
    QVERIFY(
        panel.findChild<QLabel *>(u"displayChecksSummary"_s)->text().contains(u"Select a job"_s));
}

QTEST_MAIN(TestDisplayChecksPanel)
#include "tst_displaycheckspanel.moc"
