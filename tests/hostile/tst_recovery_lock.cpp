// Crash recovery (issue #18, item 12): a recovery copy is an orphan when its session's flock()ed lock is
// free — whatever process has the recorded PID now —, and saving recovered work over a file that changed on
// disk after the crash is never silent.
#include "autosave.h"
#include "design/projectio.h"
#include "design/resourcepaths.h"
#include "document.h"
#include "mainwindow.h"
#include "studiotest.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <unistd.h>

using namespace egress;
using namespace egress::studio;

namespace {

QString examplePath()
{
    return QString::fromStdString(
        (design::resourceDirectory() / "examples" / "partner-api.egress.json").string());
}

/** What a crashed session leaves: the copy and its sidecar; its lock file exists but nobody holds it. */
void leaveOrphan(const QDir &dir, const QString &originalPath, const QString &fingerprint, qint64 pid)
{
    QFile::copy(examplePath(), dir.filePath("crashed.egress.json"));
    QFile lock(dir.filePath("crashed.lock"));
    QVERIFY(lock.open(QIODevice::WriteOnly));
    lock.close();
    const QJsonObject meta{{"originalPath", originalPath},
                           {"originalFingerprint", fingerprint},
                           {"pid", pid},
                           {"lock", "crashed.lock"}};
    QFile sidecar(dir.filePath("crashed.meta.json"));
    QVERIFY(sidecar.open(QIODevice::WriteOnly));
    sidecar.write(QJsonDocument(meta).toJson());
}

} // namespace

class TestRecoveryLock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::isolateSuite(m_settings, QStringLiteral("tst_recovery_lock"));
    }

    void init()
    {
        QVERIFY(m_recovery.isValid() && m_files.isValid());
        for (const QString &name : QDir(m_recovery.path()).entryList(QDir::Files))
            QFile::remove(QDir(m_recovery.path()).filePath(name));
        qputenv("EGRESS_RECOVERY_DIR", m_recovery.path().toUtf8());
    }

    void aReusedPidDoesNotHideACrashedCopy()
    {
        // PID 1 is always alive: a PID check would take the dead session for a running one.
        leaveOrphan(QDir(m_recovery.path()), QString(), "missing", 1);
        QCOMPARE(Autosave::orphans().size(), 1);
        // --recover no deletes it (it used to stay while the PID existed).
        MainWindow window;
        window.setInteractive(false);
        QVERIFY(!window.offerRecovery(MainWindow::Recovery::Discard));
        QVERIFY(Autosave::orphans().isEmpty());
        QVERIFY(!QFile::exists(QDir(m_recovery.path()).filePath("crashed.egress.json")));
        QVERIFY(!QFile::exists(QDir(m_recovery.path()).filePath("crashed.lock")));
    }

    void aLiveSessionsCopyIsNotAnOrphan()
    {
        const QDir dir(m_recovery.path());
        {
            auto other = std::make_unique<MainWindow>();
            // A copy whose sidecar names the live window's lock (and a PID that no longer runs).
            QString lock = QFileInfo(other->autosave()->recoveryFile()).fileName();
            lock.chop(int(qstrlen(".egress.json")));
            QFile::copy(examplePath(), dir.filePath("live.egress.json"));
            QFile sidecar(dir.filePath("live.meta.json"));
            QVERIFY(sidecar.open(QIODevice::WriteOnly));
            sidecar.write(
                QJsonDocument(QJsonObject{{"originalPath", ""}, {"pid", 999999}, {"lock", lock + ".lock"}})
                    .toJson());
            sidecar.close();
            QVERIFY(Autosave::orphans().isEmpty());
        }
        // The window is gone, its lock with it: now the copy is an orphan.
        QCOMPARE(Autosave::orphans().size(), 1);
    }

    void savingOverAFileChangedSinceTheCrashAsks()
    {
        const QString original = m_files.filePath("project.egress.json");
        QFile::remove(original);
        QVERIFY(QFile::copy(examplePath(), original));
        const QString atCrash = Autosave::fileFingerprint(original);
        leaveOrphan(QDir(m_recovery.path()), original, atCrash, 999999);
        {
            QFile changed(original);
            QVERIFY(changed.open(QIODevice::Append));
            changed.write("\n"); // someone else's edit after the crash
        }
        const QByteArray onDisk = [&] {
            QFile f(original);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        MainWindow window;
        window.setInteractive(false);
        QVERIFY(window.offerRecovery(MainWindow::Recovery::Restore));
        QVERIFY(!window.saveTo(original)); // nobody to ask: not replaced
        QVERIFY2(window.lastError().contains("changed on disk"), qPrintable(window.lastError()));
        QFile f(original);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), onDisk);
        // Another path is no problem.
        QVERIFY(window.saveTo(m_files.filePath("elsewhere.egress.json")));
    }

    void savingOverAnUnchangedFileDoesNotAsk()
    {
        const QString original = m_files.filePath("same.egress.json");
        QFile::remove(original);
        QVERIFY(QFile::copy(examplePath(), original));
        leaveOrphan(QDir(m_recovery.path()), original, Autosave::fileFingerprint(original), 999999);
        MainWindow window;
        window.setInteractive(false);
        QVERIFY(window.offerRecovery(MainWindow::Recovery::Restore));
        QVERIFY2(window.saveTo(original), qPrintable(window.lastError()));
    }

private:
    QTemporaryDir m_settings;
    QTemporaryDir m_recovery;
    QTemporaryDir m_files;
};

QTEST_MAIN(TestRecoveryLock)
#include "tst_recovery_lock.moc"
