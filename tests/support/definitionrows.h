#pragma once
// Data rows "one per ASL definition file" for the suites that go over every definition they can find
// (tst_layout, tst_studio): the team's fixtures under tests/data always, the shared corpus when present.
// Without the corpus one row stands for it and is skipped with corpus.h's standard line, so the report
// says once what was left out and how to run it; the fixture rows still run.
// Header-only: each suite is its own executable (tests/CMakeLists.txt puts this folder on the include path).

#include "corpus.h"

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <QTest>

namespace egress::test {

/** The definition files of one folder, in name order (JSON and YAML; anything else there is ignored). */
inline QStringList definitionFiles(const QString &dir)
{
    QStringList paths;
    const QDir d(dir);
    for (const QString &f : d.entryList({"*.json", "*.yaml", "*.yml"}, QDir::Files, QDir::Name))
        paths << d.filePath(f);
    return paths;
}

/** Fixture folders every suite reads (tests/data/<sub>) and the corpus folders read when it is there. */
inline const QStringList kFixtureDefinitionDirs{QStringLiteral("asl"), QStringLiteral("asl-yaml")};
inline const QStringList kCorpusDefinitionDirs{QStringLiteral("asl"), QStringLiteral("asl-yaml"),
                                               QStringLiteral("asl-embedded")};

/** Every fixture definition, then every corpus definition (none without a corpus). */
inline QStringList fixtureDefinitions()
{
    QStringList paths;
    for (const QString &sub : kFixtureDefinitionDirs)
        paths << definitionFiles(fixtureDir(sub));
    return paths;
}
inline QStringList corpusDefinitions()
{
    QStringList paths;
    if (haveCorpus())
        for (const QString &sub : kCorpusDefinitionDirs)
            paths << definitionFiles(corpusDir() + QLatin1Char('/') + sub);
    return paths;
}

/**
 * Adds a QString column "path" and one row per definition: "fixtures/<sub>/<file>" rows, then
 * "corpus/<sub>/<file>" rows, or with no corpus a single "corpus" row whose path is empty (the test
 * function calls EGRESS_SKIP_ABSENT_CORPUS_ROW on it).
 */
inline void addDefinitionRows()
{
    QTest::addColumn<QString>("path");
    for (const QString &sub : kFixtureDefinitionDirs)
        for (const QString &path : definitionFiles(fixtureDir(sub)))
            QTest::newRow(qPrintable(QStringLiteral("fixtures/%1/%2").arg(sub, QFileInfo(path).fileName())))
                << path;
    if (!haveCorpus()) {
        QTest::newRow("corpus") << QString();
        return;
    }
    for (const QString &sub : kCorpusDefinitionDirs)
        for (const QString &path : definitionFiles(corpusDir() + QLatin1Char('/') + sub))
            QTest::newRow(qPrintable(QStringLiteral("corpus/%1/%2").arg(sub, QFileInfo(path).fileName())))
                << path;
}

} // namespace egress::test

/** In a test over addDefinitionRows(): skips the stand-in row of an absent corpus with the standard line. */
#define EGRESS_SKIP_ABSENT_CORPUS_ROW(path, what)                                                            \
    do {                                                                                                     \
        if ((path).isEmpty())                                                                                \
            QSKIP(egress::test::corpusSkipMessage(what).constData());                                        \
    } while (false)
