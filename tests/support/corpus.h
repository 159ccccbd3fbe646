#pragma once
// Where the suites find their test definitions. Two layers:
//  - the team's own fixtures under tests/data/ (always in the repository; every suite runs on them), and
//  - the shared corpus of real-world definitions (../shared/corpus beside the clone, or EGRESS_CORPUS_DIR),
//    an optional extra conformance layer. A user's clone has no corpus: its rows are skipped, each with one
//    line that says what was skipped and how to run it, and nothing fails.
// Header-only: each suite is its own executable (tests/CMakeLists.txt puts this folder on the include path).

#include <QDir>
#include <QString>
#include <QStringList>
#include <QTest>

namespace egress::test {

/** The team's own fixtures: tests/data/<sub> (e.g. "asl", "asl-yaml", "asl-invalid"). */
inline QString fixtureDir(const QString &sub = {})
{
    const QString root = QStringLiteral(EGRESS_TEST_DATA);
    return sub.isEmpty() ? root : root + QLatin1Char('/') + sub;
}

/**
 * The shared corpus folder, or an empty string when there is none. EGRESS_CORPUS_DIR in the environment
 * wins (set it empty to leave the corpus out); otherwise the folder configured at build time (CMake's
 * EGRESS_CORPUS_DIR, default ../shared/corpus beside the source tree) when it exists.
 */
inline QString corpusDir()
{
    const QByteArray env = qgetenv("EGRESS_CORPUS_DIR");
    const QString dir = qEnvironmentVariableIsSet("EGRESS_CORPUS_DIR") ? QString::fromLocal8Bit(env)
                                                                       : QStringLiteral(EGRESS_CORPUS_DIR);
    if (dir.isEmpty() || !QDir(dir).exists())
        return {};
    return QDir(dir).absolutePath();
}

inline bool haveCorpus()
{
    return !corpusDir().isEmpty();
}

/** The one line printed when a corpus row or check is skipped. */
inline QByteArray corpusSkipMessage(const QString &what)
{
    return QStringLiteral("skipped (no corpus): %1; to run it, set EGRESS_CORPUS_DIR to the shared corpus "
                          "folder (default ../shared/corpus beside the clone)")
        .arg(what)
        .toUtf8();
}

} // namespace egress::test

/** Skips the current test function with the standard message when there is no corpus. */
#define EGRESS_REQUIRE_CORPUS(what)                                                                          \
    do {                                                                                                     \
        if (!egress::test::haveCorpus())                                                                     \
            QSKIP(egress::test::corpusSkipMessage(what).constData());                                        \
    } while (false)
