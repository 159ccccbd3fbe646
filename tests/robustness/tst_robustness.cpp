// Failed saves leave the previous file intact: saving into a read-only directory, and running out of
// space in the middle of the write. "Out of space" twice: RLIMIT_FSIZE in a child process, so write()
// fails with EFBIG part-way through the file (works everywhere), and a real ENOSPC on a full 64 KiB tmpfs
// mounted in the child's own mount namespace (skipped where the kernel or container forbids that).
#include "design/project.h"
#include "design/projectio.h"
#include "generator.h"

#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sched.h>
#include <sstream>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace design = egress::design;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> entries(const fs::path &dir)
{
    std::vector<std::string> names;
    for (const auto &entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/** The outcome of a save attempted in a child process. */
struct ChildSave
{
    bool ran = false;       ///< the child got as far as calling saveProject
    bool failed = false;    ///< saveProject returned an error
    std::string message;    ///< that error
    std::string setupError; ///< why the child could not set up the scenario
};

/**
 * Runs `work` in a forked child and returns the string it returned ("" when the child died, or when no
 * pipe could be made; `status` then says which: the child's wait status, or -1).
 */
template <typename Work> std::string inChild(Work work, int *status = nullptr)
{
    int fds[2];
    if (::pipe(fds) != 0) {
        if (status)
            *status = -1;
        return {};
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const std::string out = work();
        [[maybe_unused]] const ssize_t n = ::write(fds[1], out.data(), out.size());
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string reply;
    char buffer[512];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        reply.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int waitStatus = 0;
    ::waitpid(pid, &waitStatus, 0);
    if (status)
        *status = waitStatus;
    return reply;
}

/**
 * Runs `setup` then saveProject(project, path) in a forked child (so limits and a dropped uid do not
 * leak into the test process) and reports what saveProject returned.
 */
template <typename Setup>
ChildSave saveInChild(const design::Project &project, const std::string &path, Setup setup)
{
    int status = 0;
    const std::string reply = inChild(
        [&]() -> std::string {
            if (const std::string problem = setup(); !problem.empty())
                return "S" + problem;
            const auto error = design::saveProject(project, path);
            return error ? "F" + *error : "O";
        },
        &status);
    if (status == -1)
        return {false, false, {}, "pipe failed"};
    if (reply.empty())
        return {false, false, {}, "the child died (status " + std::to_string(status) + ")"};
    if (reply[0] == 'S')
        return {false, false, {}, reply.substr(1)};
    ChildSave result;
    result.ran = true;
    result.failed = reply[0] == 'F';
    result.message = reply.substr(1);
    return result;
}

/**
 * In a child process: mounts a 64 KiB tmpfs on `dir` in a private mount namespace (a user namespace
 * too when not root), runs `prepare` (saving the previous version there), then fills the file system
 * until write() fails with ENOSPC. Returns why it could not, or "".
 */
template <typename Prepare> std::string mountFullTmpfs(const fs::path &dir, Prepare prepare)
{
    if (::unshare(CLONE_NEWNS) != 0) {
        const uid_t uid = ::getuid();
        const gid_t gid = ::getgid();
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return std::string("cannot make a mount namespace: ") + std::strerror(errno);
        std::ofstream("/proc/self/setgroups") << "deny";
        std::ofstream("/proc/self/uid_map") << "0 " << uid << " 1";
        std::ofstream("/proc/self/gid_map") << "0 " << gid << " 1";
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        ::mount("egress-test", dir.c_str(), "tmpfs", 0, "size=64k") != 0)
        return std::string("cannot mount a tmpfs: ") + std::strerror(errno);
    if (const auto error = prepare())
        return "cannot save the previous version on the tmpfs: " + *error;
    const int fd = ::open((dir / "filler").c_str(), O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return std::string("cannot create the filler file: ") + std::strerror(errno);
    const std::string block(4096, 'x');
    while (::write(fd, block.data(), block.size()) > 0) {
    }
    const int fillError = errno;
    ::close(fd);
    if (fillError != ENOSPC)
        return std::string("filling the tmpfs ended with: ") + std::strerror(fillError);
    return {};
}

} // namespace

class TestRobustness : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    design::Project m_before;
    design::Project m_after;

    /** A directory holding a saved project "work.egress.json" (the previous version). */
    fs::path prepare(const char *name)
    {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / name;
        fs::create_directories(dir);
        const auto error = design::saveProject(m_before, (dir / "work.egress.json").string());
        if (error)
            qFatal("%s", error->c_str());
        return dir;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Traversable by the unprivileged user the read-only test runs as (QTemporaryDir makes it 0700).
        QVERIFY(::chmod(m_dir.path().toLocal8Bit().constData(), 0755) == 0);
        m_before = egress::asl::generateProject({.states = 30, .seed = 1});
        // The edited version is larger than the limit used below, so a full disk hits mid-write.
        m_after = egress::asl::generateProject({.states = 400, .seed = 2});
    }

    void saveIntoReadOnlyDirectory()
    {
        const fs::path dir = prepare("readonly");
        const fs::path file = dir / "work.egress.json";
        const std::string previous = readAll(file);
        QVERIFY(::chmod(dir.c_str(), 0555) == 0);
        // Root ignores directory permissions: then the save runs as "nobody" in a child process.
        auto unprivileged = []() -> std::string {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
                return "cannot drop root privileges to test a read-only directory";
            return {};
        };
        const ChildSave save = saveInChild(m_after, file.string(), unprivileged);
        if (!save.setupError.empty())
            QSKIP(save.setupError.c_str());
        QVERIFY2(save.failed, "saving into a read-only directory reported success");
        QVERIFY2(save.message.find(file.string()) == 0, save.message.c_str()); // names the file
        QVERIFY2(save.message.find("Permission denied") != std::string::npos, save.message.c_str());
        QCOMPARE(readAll(file), previous);
        QCOMPARE(entries(dir), std::vector<std::string>{"work.egress.json"});

        // The control: the same user can save once the directory is writable again.
        QVERIFY(::chmod(dir.c_str(), 0777) == 0);
        const ChildSave control = saveInChild(m_after, file.string(), unprivileged);
        QVERIFY2(control.ran && !control.failed, control.message.c_str());
        QCOMPARE(readAll(file), design::serializeProject(m_after));
    }

    void diskFullDuringSave()
    {
        const fs::path dir = prepare("full");
        const fs::path file = dir / "work.egress.json";
        const std::string previous = readAll(file);
        const std::size_t limit = 16 * 1024;
        QVERIFY(design::serializeProject(m_after).size() > 4 * limit);
        const ChildSave save = saveInChild(m_after, file.string(), [limit]() -> std::string {
            std::signal(SIGXFSZ, SIG_IGN); // get EFBIG from write() instead of being killed
            const rlimit fsize{limit, limit};
            if (::setrlimit(RLIMIT_FSIZE, &fsize) != 0)
                return "cannot set RLIMIT_FSIZE";
            return {};
        });
        if (!save.setupError.empty())
            QSKIP(save.setupError.c_str());
        QVERIFY2(save.failed, "a save that ran out of space reported success");
        QVERIFY2(save.message.find(file.string() + ": cannot write") == 0, save.message.c_str());
        QCOMPARE(readAll(file), previous);
        // The half-written temporary file is gone.
        QCOMPARE(entries(dir), std::vector<std::string>{"work.egress.json"});
        // And the previous version still loads.
        const auto loaded = design::loadProject(file.string());
        QVERIFY(loaded.project.has_value());
        QVERIFY(*loaded.project == m_before);
    }

    void diskReallyFullDuringSave()
    {
        // A real ENOSPC. Everything happens in the child, where the tmpfs exists: it reports the save's
        // error and what it found afterwards, one line each.
        const fs::path dir = fs::path(m_dir.path().toStdString()) / "tmpfs";
        fs::create_directories(dir);
        const std::string file = (dir / "work.egress.json").string();
        const std::string previous = design::serializeProject(m_before);
        const std::string reply = inChild([&]() -> std::string {
            if (const std::string problem =
                    mountFullTmpfs(dir, [&] { return design::saveProject(m_before, file); });
                !problem.empty())
                return "SKIP " + problem;
            const auto error = design::saveProject(m_after, file);
            std::string out = (error ? *error : std::string("saved")) + "\n";
            out += readAll(file) == previous ? "previous file intact\n" : "previous file changed\n";
            for (const std::string &name : entries(dir))
                out += name + " ";
            out += "\n";
            out += design::loadProject(file).project ? "loads\n" : "does not load\n";
            return out;
        });
        if (reply.rfind("SKIP ", 0) == 0)
            QSKIP(reply.c_str());
        const QStringList lines = QString::fromStdString(reply).split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY2(lines[0].startsWith(QString::fromStdString(file + ": cannot write")), qPrintable(lines[0]));
        QVERIFY2(lines[0].contains(QString::fromLocal8Bit(std::strerror(ENOSPC))), qPrintable(lines[0]));
        QCOMPARE(lines[1], QStringLiteral("previous file intact"));
        QCOMPARE(lines[2], QStringLiteral("filler work.egress.json ")); // no temporary file left
        QCOMPARE(lines[3], QStringLiteral("loads"));
    }

    void successfulSaveReplacesTheFile()
    {
        // The control: the same save without the fault goes through and keeps the file's mode.
        const fs::path dir = prepare("ok");
        const fs::path file = dir / "work.egress.json";
        QVERIFY(::chmod(file.c_str(), 0600) == 0);
        QVERIFY(!design::saveProject(m_after, file.string()).has_value());
        QCOMPARE(readAll(file), design::serializeProject(m_after));
        struct stat st
        {
        };
        QVERIFY(::stat(file.c_str(), &st) == 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(entries(dir), std::vector<std::string>{"work.egress.json"});
    }
};

QTEST_GUILESS_MAIN(TestRobustness)
#include "tst_robustness.moc"
