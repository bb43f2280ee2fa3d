#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace hopstep {

void RateLimiter::configure(int perMinute, int burst)
{
    m_perMinute = std::max(0, perMinute);
    m_burst = std::max(1, burst);
    m_buckets.clear();
}

RateLimiter::Decision RateLimiter::take(const QString &key, qint64 nowMilliseconds)
{
    Decision decision;
    if (!isEnabled())
        return decision;

    const double perMillisecond = double(m_perMinute) / 60'000.0;
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{double(m_burst), nowMilliseconds});
    Bucket &bucket = it.value();
    const qint64 elapsed = std::max<qint64>(0, nowMilliseconds - bucket.updatedMilliseconds);
    bucket.tokens = std::min(double(m_burst), bucket.tokens + double(elapsed) * perMillisecond);
    bucket.updatedMilliseconds = nowMilliseconds;

    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        decision.remaining = int(bucket.tokens);
        return decision;
    }
    decision.allowed = false;
    decision.retryAfterSeconds =
        std::max(1, int(std::ceil((1.0 - bucket.tokens) / perMillisecond / 1000.0)));
    return decision;
}

} // namespace hopstep
