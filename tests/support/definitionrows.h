#pragma once
// Data-driven rows over definition files, from both layers of test data (corpus.h): tests/data/<sub> always,
// and the corpus's <sub> when there is a corpus. Without one, a single row "corpus" with an empty path stands
// for all the corpus rows; EGRESS_SKIP_CORPUS_ROW turns it into one QSKIP line that says how to run them.
// Row names are "data/<sub>/<file>" and "corpus/<sub>/<file>".

#include "corpus.h"

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <QTest>
#include <initializer_list>

namespace egress::test {

/** The file names a definition may have (ASL JSON, YAML, templates' extracted definitions). */
inline QStringList definitionPatterns()
{
    return {QStringLiteral("*.json"), QStringLiteral("*.yaml"), QStringLiteral("*.yml")};
}

/** Definition files of `dir`, sorted; REASONS*.json (why each invalid file is invalid) is no definition. */
inline QStringList definitionFiles(const QString &dir, const QStringList &patterns = definitionPatterns())
{
    QStringList out;
    const QDir d(dir);
    for (const QString &f : d.entryList(patterns, QDir::Files, QDir::Name))
        if (!f.startsWith(QLatin1String("REASONS")))
            out << d.filePath(f);
    return out;
}

/** True for a row that came from tests/data (the fixtures), false for a corpus row. */
inline bool isFixture(const QString &path)
{
    return QFileInfo(path).absoluteFilePath().startsWith(QDir(fixtureDir()).absolutePath() +
                                                         QLatin1Char('/'));
}

/** Every definition file of `subs` in the fixtures (for checks over a whole layer, e.g. aggregates). */
inline QStringList fixtureDefinitions(std::initializer_list<const char *> subs = {"asl", "asl-yaml",
                                                                                  "asl-embedded"})
{
    QStringList paths;
    for (const char *sub : subs)
        paths << definitionFiles(fixtureDir(QLatin1String(sub)));
    return paths;
}

/** Every definition file of `subs` in the corpus; none without a corpus. */
inline QStringList corpusDefinitions(std::initializer_list<const char *> subs = {"asl", "asl-yaml",
                                                                                 "asl-embedded"})
{
    QStringList paths;
    if (haveCorpus())
        for (const char *sub : subs)
            paths << definitionFiles(corpusDir() + QLatin1Char('/') + QLatin1String(sub));
    return paths;
}

/**
 * Adds the column "path" and one row per definition file of every `subs` folder: the fixtures first, then the
 * corpus's files, or the single placeholder row "corpus" (empty path) when there is no corpus.
 */
inline void addDefinitionRows(std::initializer_list<const char *> subs = {"asl", "asl-yaml", "asl-embedded"},
                              const QStringList &patterns = definitionPatterns())
{
    QTest::addColumn<QString>("path");
    for (const char *sub : subs)
        for (const QString &path : definitionFiles(fixtureDir(QLatin1String(sub)), patterns))
            QTest::newRow(qPrintable(QStringLiteral("data/%1/%2").arg(sub, QFileInfo(path).fileName())))
                << path;
    if (!haveCorpus()) {
        QTest::newRow("corpus") << QString();
        return;
    }
    for (const char *sub : subs)
        for (const QString &path :
             definitionFiles(corpusDir() + QLatin1Char('/') + QLatin1String(sub), patterns))
            QTest::newRow(qPrintable(QStringLiteral("corpus/%1/%2").arg(sub, QFileInfo(path).fileName())))
                << path;
}

} // namespace egress::test

/** In a test function fed by addDefinitionRows: the placeholder row of a missing corpus is one skip line. */
#define EGRESS_SKIP_CORPUS_ROW(path, what)                                                                   \
    do {                                                                                                     \
        if ((path).isEmpty())                                                                                \
            QSKIP(egress::test::corpusSkipMessage(what).constData());                                        \
    } while (false)
