#include "formdialog.h"

#include "pagesupport.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace hopstep {

FormDialog::FormDialog(QWidget *parent)
    : QDialog(parent)
{}

void FormDialog::attachForm(QDialogButtonBox *buttons, QLabel *problemLabel)
{
    m_buttons = buttons;
    m_problemLabel = problemLabel;
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setWordWrap(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &FormDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FormDialog::reject);
    revalidate();
}

void FormDialog::revalidate()
{
    m_serverProblem.clear();
    const QStringList current = problems();
    showProblem(m_problemLabel, current.join(u'\n'));
    if (QPushButton *save = m_buttons->button(QDialogButtonBox::Ok)
                                ? m_buttons->button(QDialogButtonBox::Ok)
                                : m_buttons->button(QDialogButtonBox::Save)) {
        save->setEnabled(current.isEmpty() && !m_busy);
    }
}

void FormDialog::submit()
{
    if (m_busy || !problems().isEmpty())
        return;
    if (!m_submit) {
        accept();
        return;
    }
    setBusy(true);
    showHint(m_problemLabel, tr("Saving…"));
    m_submit(body());
}

void FormDialog::succeed()
{
    setBusy(false);
    accept();
}

void FormDialog::fail(const QString &message)
{
    setBusy(false);
    m_serverProblem = message;
    showProblem(m_problemLabel, message);
}

void FormDialog::setBusy(bool busy)
{
    m_busy = busy;
    setFieldsEnabled(!busy);
    for (QAbstractButton *button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            button->setEnabled(!busy && problems().isEmpty());
    }
}

} // namespace hopstep
