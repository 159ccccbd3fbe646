// Failed saves leave the previous file intact: saving into a read-only directory, and running out of
// space in the middle of the write. How "out of space" is produced: RLIMIT_FSIZE in a child process, so
// write() fails with EFBIG part-way through the file — the same code path as ENOSPC on a full disk (a short
// or failed write()), without needing a tiny tmpfs, which this machine cannot mount.
#include "asl/generator.h"
#include "design/project.h"
#include "design/projectio.h"

#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
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
 * Runs `setup` then saveProject(project, path) in a forked child (so limits and a dropped uid do not
 * leak into the test process) and reports what saveProject returned.
 */
template <typename Setup>
ChildSave saveInChild(const design::Project &project, const std::string &path, Setup setup)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return {false, false, {}, "pipe failed"};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        std::string out;
        if (const std::string problem = setup(); !problem.empty()) {
            out = "S" + problem;
        } else {
            const auto error = design::saveProject(project, path);
            out = error ? "F" + *error : "O";
        }
        [[maybe_unused]] const ssize_t n = ::write(fds[1], out.data(), out.size());
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string reply;
    char buffer[512];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        reply.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ChildSave result;
    if (reply.empty())
        return {false, false, {}, "the child died (status " + std::to_string(status) + ")"};
    if (reply[0] == 'S')
        return {false, false, {}, reply.substr(1)};
    result.ran = true;
    result.failed = reply[0] == 'F';
    result.message = reply.substr(1);
    return result;
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
