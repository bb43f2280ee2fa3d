#include "idfield.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace hopstep {

IdField::IdField(QWidget *parent)
    : QWidget(parent)
    , m_description(tr("ID"))
    , m_label(new QLabel(this))
    , m_copyButton(new QToolButton(this))
{
    m_label->setObjectName(u"idLabel"_s);
    m_label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_label->setFocusPolicy(Qt::StrongFocus);
    m_copyButton->setObjectName(u"copyButton"_s);
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setAutoRaise(false);
    m_copyButton->setEnabled(false);

    connect(m_copyButton, &QToolButton::clicked, this, &IdField::copy);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_label);
    layout->addWidget(m_copyButton);
    layout->addStretch();
    setDescription(m_description);
}

void IdField::setId(const QString &id)
{
    m_id = id;
    m_label->setText(id.isEmpty() ? u"—"_s : id);
    m_copyButton->setEnabled(!id.isEmpty());
}

void IdField::setDescription(const QString &description)
{
    m_description = description;
    m_copyButton->setToolTip(tr("Copy the %1 to the clipboard").arg(description));
    m_copyButton->setAccessibleName(tr("Copy %1").arg(description));
}

void IdField::copy()
{
    if (m_id.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_id);
    emit copied(tr("Copied the %1 %2.").arg(m_description, m_id));
}

} // namespace hopstep
