#pragma once

#include <QHash>
#include <QString>

namespace hopstep {

// Token buckets per API key: each key may send `burst` requests at once and then
// `perMinute` requests a minute.
// NOTE: the buckets live in one process, so several hopstep-api processes behind one
// proxy each allow the full rate.
class RateLimiter
{
public:
    struct Decision
    {
        bool allowed = true;
        int retryAfterSeconds = 0; // when not allowed
        int remaining = 0;         // whole requests left in the bucket
    };

    // perMinute 0 turns limiting off.
    void configure(int perMinute, int burst);
    bool isEnabled() const { return m_perMinute > 0; }
    int perMinute() const { return m_perMinute; }
    int burst() const { return m_burst; }

    // Takes one request from key's bucket at time now (milliseconds since any fixed origin).
    Decision take(const QString &key, qint64 nowMilliseconds);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMilliseconds = 0;
    };

    int m_perMinute = 0;
    int m_burst = 0;
    QHash<QString, Bucket> m_buckets;
};

} // namespace hopstep
