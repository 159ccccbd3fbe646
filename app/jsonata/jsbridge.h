#pragma once

#include "sim/errors.h"

#include <QObject>
#include <QString>

namespace egress::jsonata {

/** What the JavaScript side asks of C++: the hashes of $hash and the seeded UUIDs of $uuid. */
class JsBridge : public QObject
{
    Q_OBJECT
public:
    explicit JsBridge(std::uint64_t seed) : m_random(seed) {}

    /** Empty when the algorithm is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512. */
    Q_INVOKABLE QString hash(const QString &data, const QString &algorithm) const;
    Q_INVOKABLE QString uuid();
    Q_INVOKABLE double random() { return m_random.unit(); }

private:
    sim::Random m_random;
};

} // namespace egress::jsonata
