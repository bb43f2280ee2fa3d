#pragma once

#include "job.h"

#include <QTextBrowser>

namespace hopstep {

// Shows a job as candidates will see it, rendered by JobPageRenderer. Job descriptions come from
// ATSes, so the browser loads no resource at all (no local file, no remote image) and opens a
// link only after the user confirms it, and only an http or https one.
class JobPreview : public QTextBrowser
{
    Q_OBJECT

public:
    explicit JobPreview(QWidget *parent = nullptr);

    void showJob(const Job &job);
    // Shows a short centred hint in place of a job.
    void showPlaceholder(const QString &text);

    // Returns empty data for every URL, so no file, network or embedded resource is read.
    QVariant loadResource(int type, const QUrl &name) override;

signals:
    // The user confirmed the link and the desktop was asked to open it.
    void linkOpened(const QUrl &url);

private:
    void handleLink(const QUrl &url);
    void setDocumentHtml(const QString &html);

    QString m_html;
};

} // namespace hopstep
