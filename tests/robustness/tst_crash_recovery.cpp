// Crash recovery with the real designer process. egress-studio (offscreen) opens a saved project, makes an
// unsaved edit (--test-rename: one undoable rename command, as the inspector makes it), writes its recovery
// copy (EGRESS_AUTOSAVE_INTERVAL_MS=200) and is killed with SIGKILL. The next start, given no file, finds the
// copy the dead session left and restores it (--recover yes answers the prompt the user would see): its
// document holds the edit, still belongs to the project file, and is "modified" (it writes its own recovery
// copy at once, which is how this test reads the restored document back). The project file on disk is never
// touched. --recover no discards the copies; a copy of a window that is still running is never offered.
#include "asl/workflow.h"
#include "design/project.h"
#include "design/projectio.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <memory>

namespace design = egress::design;

namespace {

constexpr int kTimeoutMs = 90'000; // generous: the sanitizer build starts the window several times slower

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** A recovery copy in the recovery directory, with what its sidecar says. */
struct Copy
{
    QString file;
    QString originalPath;
    qint64 pid = 0;
};

QList<Copy> copiesIn(const QString &dir)
{
    QList<Copy> out;
    for (const QFileInfo &info : QDir(dir).entryInfoList({QStringLiteral("*.meta.json")}, QDir::Files)) {
        const QJsonObject meta = QJsonDocument::fromJson(readFile(info.absoluteFilePath())).object();
        QString file = info.absoluteFilePath();
        file.chop(static_cast<int>(qstrlen(".meta.json")));
        out.push_back({file + QStringLiteral(".egress.json"),
                       meta.value(QStringLiteral("originalPath")).toString(),
                       meta.value(QStringLiteral("pid")).toInteger()});
    }
    return out;
}

/** The state names of a saved project, empty when it does not load. */
QStringList stepsOf(const QString &projectFile)
{
    const auto loaded = design::loadProject(projectFile.toStdString());
    QStringList names;
    if (!loaded.project)
        return names;
    const auto index = egress::asl::WorkflowIndex::build(loaded.project->definition);
    for (const auto &state : index.states())
        names << QString::fromStdString(state.name);
    return names;
}

} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_project;     ///< the saved project the first session edits
    QByteArray m_saved;    ///< its bytes on disk
    QString m_recoveryDir; ///< EGRESS_RECOVERY_DIR of every session
    std::vector<std::unique_ptr<QProcess>> m_sessions;

    QProcess *start(const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("EGRESS_RECOVERY_DIR"), m_recoveryDir);
        env.insert(QStringLiteral("EGRESS_AUTOSAVE_INTERVAL_MS"), QStringLiteral("200"));
        // Settings (recent files, window state) go to the temporary directory, not the user's.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        process->setProcessEnvironment(env);
        process->setProcessChannelMode(QProcess::ForwardedChannels);
        process->start(QStringLiteral(EGRESS_STUDIO_EXE), arguments);
        if (!process->waitForStarted(kTimeoutMs))
            qFatal("cannot start %s: %s", EGRESS_STUDIO_EXE, qPrintable(process->errorString()));
        m_sessions.push_back(std::move(process));
        return m_sessions.back().get();
    }

    /** Waits until `done` holds, failing if the session ended on the way. */
    template <typename Done> bool waitFor(QProcess *session, Done done)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < kTimeoutMs) {
            if (done())
                return true;
            if (session->state() == QProcess::NotRunning) {
                qWarning("egress-studio ended early (exit code %d)", session->exitCode());
                return false;
            }
            QTest::qWait(50);
        }
        return false;
    }

    static void killHard(QProcess *session)
    {
        QVERIFY(::kill(static_cast<pid_t>(session->processId()), SIGKILL) == 0);
        QVERIFY(session->waitForFinished(kTimeoutMs));
        QCOMPARE(session->exitStatus(), QProcess::CrashExit);
    }

    /** The copy written by `session`, once its file holds a project with step `step`. */
    std::optional<Copy> copyOf(QProcess *session, const QString &step)
    {
        for (const Copy &c : copiesIn(m_recoveryDir))
            if (c.pid == session->processId() && stepsOf(c.file).contains(step))
                return c;
        return std::nullopt;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_recoveryDir = m_dir.filePath(QStringLiteral("recovery"));
        m_project = m_dir.filePath(QStringLiteral("partner-api.egress.json"));
        QVERIFY(QFile::copy(QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json"),
                            m_project));
        m_saved = readFile(m_project);
        QVERIFY(stepsOf(m_project).contains(QStringLiteral("Call partner API")));
    }

    void cleanup()
    {
        for (const auto &session : m_sessions)
            if (session->state() != QProcess::NotRunning) {
                session->kill();
                session->waitForFinished(kTimeoutMs);
            }
        m_sessions.clear();
    }

    void killedSessionIsRecoveredOnNextStart()
    {
        const QString edited = QStringLiteral("Call partner API v2");
        QProcess *first =
            start({m_project, QStringLiteral("--test-rename"), QStringLiteral("Call partner API=") + edited});
        std::optional<Copy> copy;
        QVERIFY2(waitFor(first, [&] { return (copy = copyOf(first, edited)).has_value(); }),
                 "the edited session wrote no recovery copy");
        QCOMPARE(copy->originalPath, QFileInfo(m_project).absoluteFilePath());

        killHard(first);
        QCOMPARE(readFile(m_project), m_saved); // the edit was never saved
        QVERIFY(QFile::exists(copy->file));     // the dead session could not clean up

        // The next start restores the newest copy: the document holds the edit and belongs to the file.
        QProcess *second = start({QStringLiteral("--recover"), QStringLiteral("yes")});
        std::optional<Copy> restored;
        QVERIFY2(waitFor(second, [&] { return (restored = copyOf(second, edited)).has_value(); }),
                 "the next session did not restore the recovery copy");
        const QStringList steps = stepsOf(restored->file);
        QVERIFY(!steps.contains(QStringLiteral("Call partner API")));
        QCOMPARE(steps.size(), stepsOf(m_project).size());
        QCOMPARE(restored->originalPath, QFileInfo(m_project).absoluteFilePath());
        // The restored copy was taken over (removed), not left to be offered again.
        QVERIFY(!QFile::exists(copy->file));
        QCOMPARE(copiesIn(m_recoveryDir).size(), 1);
        QCOMPARE(readFile(m_project), m_saved);
        killHard(second);
    }

    void runningSessionsCopyIsNotOffered()
    {
        // Start from no copies (the previous test's second session left one).
        for (const Copy &c : copiesIn(m_recoveryDir)) {
            QFile::remove(c.file);
            QFile::remove(c.file.chopped(qstrlen(".egress.json")) + QStringLiteral(".meta.json"));
        }
        const QString killedEdit = QStringLiteral("Prepare order (killed)");
        QProcess *killed = start(
            {m_project, QStringLiteral("--test-rename"), QStringLiteral("Prepare order=") + killedEdit});
        QVERIFY(waitFor(killed, [&] { return copyOf(killed, killedEdit).has_value(); }));
        killHard(killed);

        const QString runningEdit = QStringLiteral("Record result (running)");
        QProcess *running = start(
            {m_project, QStringLiteral("--test-rename"), QStringLiteral("Record result=") + runningEdit});
        std::optional<Copy> runningCopy;
        QVERIFY(waitFor(running, [&] { return (runningCopy = copyOf(running, runningEdit)).has_value(); }));

        // A new window restores the dead session's copy, although the running window's copy is newer.
        QProcess *next = start({QStringLiteral("--recover"), QStringLiteral("yes")});
        QVERIFY2(waitFor(next, [&] { return copyOf(next, killedEdit).has_value(); }),
                 "the dead session's copy was not restored");
        QVERIFY(!copyOf(next, runningEdit).has_value());
        QVERIFY(copyOf(running, runningEdit).has_value());
        QCOMPARE(copiesIn(m_recoveryDir).size(), 2);
        killHard(next);
        killHard(running);
    }

    void declinedRecoveryDiscardsTheCopies()
    {
        // The previous test's two killed sessions left their copies: orphans now.
        QCOMPARE(copiesIn(m_recoveryDir).size(), 2);
        QProcess *next = start({QStringLiteral("--recover"), QStringLiteral("no")});
        QVERIFY2(
            waitFor(
                next,
                [&] {
                    return QDir(m_recoveryDir).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty();
                }),
            "declining recovery left the copies behind");
        killHard(next);
        QCOMPARE(readFile(m_project), m_saved);
    }
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crash_recovery.moc"
