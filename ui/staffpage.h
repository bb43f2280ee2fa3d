#pragma once

#include "apiclient.h"

#include <QWidget>

#include <memory>

namespace Ui {
class StaffPage;
}

namespace hopstep {

class ConsoleSession;
class ConsoleSettings;
class RecordFilterProxyModel;
class StaffTableModel;
class StaffTokenTableModel;

// The admins' page of staff accounts: their roles and state, and each account's personal tokens
// with issuing (shown once) and revoking.
class StaffPage : public QWidget
{
    Q_OBJECT

public:
    StaffPage(ConsoleSession *session, ConsoleSettings *settings, QWidget *parent = nullptr);
    ~StaffPage() override;

    void refresh();
    void saveLayout();
    bool selectMember(const QString &staffId);
    QString selectedMemberId() const;
    StaffTableModel *members() const { return m_members; }

signals:
    void statusMessage(const QString &message);

private:
    void refreshTokens();
    void updateActions();
    void createMember();
    void editMember();
    void toggleActive();
    void issueToken();
    void revokeToken();

    std::unique_ptr<Ui::StaffPage> m_ui;
    ConsoleSession *m_session;
    ConsoleSettings *m_settings;
    StaffTableModel *m_members;
    RecordFilterProxyModel *m_proxy;
    StaffTokenTableModel *m_tokens;
};

} // namespace hopstep
