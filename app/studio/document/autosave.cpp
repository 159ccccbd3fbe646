#include "autosave.h"

#include "design/projectio.h"
#include "document.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/types.h>
#include <unistd.h>
#endif

namespace egress::studio {

namespace {

constexpr int kIntervalMs = 30'000;

QString sidecarOf(const QString &recoveryFile)
{
    QString s = recoveryFile;
    s.chop(static_cast<int>(qstrlen(".egress.json")));
    return s + QStringLiteral(".meta.json");
}

QString lockOf(const QString &recoveryFile)
{
    QString s = recoveryFile;
    s.chop(static_cast<int>(qstrlen(".egress.json")));
    return s + QStringLiteral(".lock");
}

/** Whether a live session holds the lock file (a missing file is held by nobody). */
bool lockHeld(const QString &lockFile)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(lockFile).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
    ::close(fd);
    return held;
#else
    Q_UNUSED(lockFile);
    return false;
#endif
}

bool processAlive(qint64 pid)
{
#ifdef Q_OS_UNIX
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0;
#else
    Q_UNUSED(pid);
    return false;
#endif
}

} // namespace

Autosave::Autosave(Document *doc, QObject *parent) : QObject(parent), m_doc(doc)
{
    m_file =
        QDir(recoveryDirectory())
            .filePath(QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral(".egress.json"));
    // A shorter interval for tests (tests/robustness/tst_crash_recovery) or a nervous user.
    bool fromEnv = false;
    const int ms = qEnvironmentVariableIntValue("EGRESS_AUTOSAVE_INTERVAL_MS", &fromEnv);
    m_timer.setInterval(fromEnv && ms > 0 ? ms : kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::writeNow);
#ifdef Q_OS_UNIX
    QDir().mkpath(QFileInfo(m_file).path());
    m_lockFd = ::open(QFile::encodeName(lockOf(m_file)).constData(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    if (m_lockFd >= 0 && ::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0) {
        ::close(m_lockFd);
        m_lockFd = -1;
    }
#endif
    connect(doc, &Document::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            discard();
    });
    connect(doc, &Document::projectReset, this, [this] {
        if (!m_doc->isModified())
            discard();
    });
    m_timer.start();
}

Autosave::~Autosave()
{
    discard();
#ifdef Q_OS_UNIX
    if (m_lockFd >= 0) {
        QFile::remove(lockOf(m_file));
        ::close(m_lockFd);
    }
#endif
}

QString Autosave::fileFingerprint(const QString &path)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return QStringLiteral("missing");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

QString Autosave::recoveryDirectory()
{
    const QString env = qEnvironmentVariable("EGRESS_RECOVERY_DIR");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

QString Autosave::writeNow()
{
    if (!m_doc->isModified())
        return {};
    QDir().mkpath(QFileInfo(m_file).path());
    if (design::saveProject(m_doc->project(), m_file.toStdString()))
        return {}; // a full disk must not disturb the user's work; the next tick tries again
    QJsonObject meta{{"originalPath", m_doc->filePath()},
                     {"originalFingerprint", fileFingerprint(m_doc->filePath())},
                     {"pid", QCoreApplication::applicationPid()}};
    if (m_lockFd >= 0)
        meta.insert(QStringLiteral("lock"), QFileInfo(lockOf(m_file)).fileName());
    if (design::writeFileAtomically(sidecarOf(m_file).toStdString(),
                                    QJsonDocument(meta).toJson().toStdString()))
        return {};
    return m_file;
}

void Autosave::discard()
{
    QFile::remove(m_file);
    QFile::remove(sidecarOf(m_file));
}

QList<Autosave::Orphan> Autosave::orphans()
{
    QList<Orphan> out;
    const QDir dir(recoveryDirectory());
    for (const QFileInfo &info :
         dir.entryInfoList({QStringLiteral("*.egress.json")}, QDir::Files, QDir::Time)) {
        Orphan orphan{info.absoluteFilePath(), {}, {}};
        QFile meta(sidecarOf(orphan.recoveryFile));
        if (meta.open(QIODevice::ReadOnly)) {
            const QJsonObject o = QJsonDocument::fromJson(meta.readAll()).object();
            const qint64 pid = o.value(QStringLiteral("pid")).toInteger();
            if (o.contains(QStringLiteral("lock"))) {
                // The lock decides: held means a running window (this one's included).
                if (lockHeld(dir.filePath(o.value(QStringLiteral("lock")).toString())))
                    continue;
            } else {
                // A copy of an older version without a lock: the PID is all there is.
                if (pid != QCoreApplication::applicationPid() && processAlive(pid))
                    continue; // another running window's copy
                if (pid == QCoreApplication::applicationPid())
                    continue;
            }
            orphan.originalPath = o.value(QStringLiteral("originalPath")).toString();
            orphan.originalFingerprint = o.value(QStringLiteral("originalFingerprint")).toString();
        }
        out << orphan;
    }
    return out;
}

void Autosave::removeOrphan(const Orphan &orphan)
{
    QFile::remove(orphan.recoveryFile);
    QFile::remove(sidecarOf(orphan.recoveryFile));
    if (!lockHeld(lockOf(orphan.recoveryFile)))
        QFile::remove(lockOf(orphan.recoveryFile));
}

} // namespace egress::studio
