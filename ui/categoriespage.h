#pragma once

#include "apiclient.h"
#include "catalog.h"

#include <QWidget>

#include <memory>

namespace Ui {
class CategoriesPage;
}

namespace hopstep {

class AliasJobTableModel;
class CategoryTableModel;
class ConsoleSession;
class ConsoleSettings;
class RecordFilterProxyModel;

// The official category list with ids, names, order, former names and the live jobs of each
// category, and the integrations team's actions on it. Below it are the jobs that arrived with
// a former name, so staff can ask their ATS to update its mapping.
class CategoriesPage : public QWidget
{
    Q_OBJECT

public:
    CategoriesPage(ConsoleSession *session, ConsoleSettings *settings, QWidget *parent = nullptr);
    ~CategoriesPage() override;

    void refresh();
    void saveLayout();
    bool selectCategory(int id);
    int selectedCategoryId() const;
    CategoryTableModel *categories() const { return m_categories; }

    enum class ExportFormat { Csv, Json };
    // Writes the list as GET /api/categories serves it. Returns false and sets *error when the
    // file cannot be written.
    bool exportCategories(ExportFormat format, const QString &path, QString *error);

signals:
    void statusMessage(const QString &message);

private:
    void updateActions();
    void refreshAliasJobs();
    void sendChange(const QByteArray &method, const QString &path, const QJsonObject &body,
                    const QString &failureTitle, const QString &doneMessage, int selectId);
    void addCategory();
    void renameCategory();
    void retireCategory();
    void restoreCategory();
    void move(int offset);
    void chooseExport(ExportFormat format);
    const Category *selectedCategory() const;

    std::unique_ptr<Ui::CategoriesPage> m_ui;
    ConsoleSession *m_session;
    ConsoleSettings *m_settings;
    CategoryTableModel *m_categories;
    RecordFilterProxyModel *m_proxy;
    AliasJobTableModel *m_aliasJobs;
    RecordFilterProxyModel *m_aliasProxy;
    bool m_busy = false;
};

} // namespace hopstep
