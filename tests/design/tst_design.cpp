// The project file: the example round-trips byte for byte; every bad value is refused with the file
// and the JSON pointer; newer versions are refused, older ones go through the migration chain; unknown
// keys survive; key order is stable; defaults are the documented ones; a failed save keeps the old file.
// (Saves into a read-only directory and saves that run out of space are in tests/robustness.)
#include "asl/reader.h"
#include "asl/writer.h"
#include "definitionrows.h"
#include "design/migration.h"
#include "design/projectio.h"
#include "layout/layout.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <set>
#include <sys/stat.h>

using egress::asl::Json;
namespace asl = egress::asl;
namespace design = egress::design;

namespace {

const char *const kExample = EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json";

std::string readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

/** A valid version-1 project with `patch` merged over it (RFC 7386 merge: null removes a key). */
std::string projectText(const Json &patch)
{
    Json document = {
        {"format", "egress-studio-project"},
        {"version", 1},
        {"name", "T"},
        {"definition",
         {{"StartAt", "Call"},
          {"States",
           {{"Call", {{"Type", "Task"}, {"Resource", "arn:aws:states:::lambda:invoke"}, {"Next", "Pick"}}},
            {"Pick",
             {{"Type", "Choice"},
              {"Choices", Json::array({{{"Variable", "$.x"}, {"IsPresent", true}, {"Next", "Done"}}})},
              {"Default", "Done"}}},
            {"Done", {{"Type", "Succeed"}}}}}}},
        {"steps", {{"Call", {{"placement", "inside-vpc"}}}}}};
    document.merge_patch(patch);
    return document.dump(2);
}

} // namespace

class TestDesign : public QObject
{
    Q_OBJECT

private slots:
    void exampleRoundTripsByteIdentical()
    {
        const std::string bytes = readBytes(kExample);
        QVERIFY(!bytes.empty());
        const design::ProjectLoad load = design::parseProject(bytes, kExample);
        QVERIFY(load.project.has_value());
        QVERIFY(load.problems.empty());
        QCOMPARE(design::serializeProject(*load.project), bytes);
    }

    /** tests/data/projects: between them every placement, egress kind, trigger, architecture and workflow
     * type; each loads without a problem and round-trips byte for byte. */
    void fixtureProjectsRoundTrip_data()
    {
        QTest::addColumn<QString>("path");
        const QDir d(egress::test::fixtureDir("projects"));
        for (const QString &f : d.entryList({"*.egress.json"}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(f)) << d.filePath(f);
    }
    void fixtureProjectsRoundTrip()
    {
        QFETCH(QString, path);
        const std::string bytes = readBytes(path);
        const design::ProjectLoad load = design::parseProject(bytes, path.toStdString());
        QVERIFY2(load.project.has_value() && load.problems.empty(),
                 load.problems.empty() ? "" : load.problems[0].toString().c_str());
        QCOMPARE(design::serializeProject(*load.project), bytes);
    }

    void fixtureProjectsCoverEveryChoice()
    {
        std::set<design::Egress> egress;
        std::set<design::Placement> placements;
        std::set<design::Trigger> triggers;
        std::set<design::Architecture> architectures;
        std::set<design::WorkflowType> types;
        const QDir d(egress::test::fixtureDir("projects"));
        for (const QString &f : d.entryList({"*.egress.json"}, QDir::Files, QDir::Name)) {
            const design::ProjectLoad load = design::parseProject(readBytes(d.filePath(f)), f.toStdString());
            QVERIFY(load.project.has_value());
            triggers.insert(load.project->usage.trigger);
            types.insert(load.project->workflowType);
            for (const auto &[name, step] : load.project->steps) {
                egress.insert(step.egress);
                placements.insert(step.placement);
                architectures.insert(step.architecture);
            }
        }
        QCOMPARE(egress.size(), std::size_t(5));
        QCOMPARE(placements.size(), std::size_t(2));
        QCOMPARE(triggers.size(), std::size_t(4));
        QCOMPARE(architectures.size(), std::size_t(2));
        QCOMPARE(types.size(), std::size_t(2));
    }

    void importedProjectsRoundTrip_data()
    {
        egress::test::addDefinitionRows({"asl", "asl-yaml", "asl-embedded"});
    }
    void importedProjectsRoundTrip()
    {
        QFETCH(QString, path);
        EGRESS_SKIP_CORPUS_ROW(path, "projects imported from the corpus's definitions");
        const asl::ReadResult read = asl::readFile(path.toStdString());
        QVERIFY(read.value.has_value());
        design::Project project = design::projectFromDefinition(*read.value, "imported", read.numberForms);
        egress::layout::autoLayout(project);
        const std::string text = design::serializeProject(project);
        const design::ProjectLoad load = design::parseProject(text, "imported.egress.json");
        QVERIFY2(load.project.has_value(), load.problems.empty() ? "" : load.problems[0].toString().c_str());
        QVERIFY(*load.project == project);
        QCOMPARE(design::serializeProject(*load.project), text);
        QCOMPARE(load.project->definition.dump(), read.value->dump());   // the definition verbatim
        QCOMPARE(load.project->definitionNumberForms, read.numberForms); // numbers as written
    }

    // Numbers keep their text from the imported definition through the project file and back out.
    void numbersExactlyAsWrittenThroughTheProjectFile()
    {
        const std::string source =
            R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"P"},"P":{"Type":"Pass",)"
            R"("Result":{"price":1.50,"ratio":1e2,"small":1.0E-7,"tenth":0.10,)"
            R"("id":123456789012345678901234567890,"list":[0.10,2.0]},"End":true}}})";
        const auto read = asl::parseJson(source, "numbers.asl.json");
        QVERIFY(read.value);
        design::Project project = design::projectFromDefinition(*read.value, "numbers", read.numberForms);
        const std::string file = design::serializeProject(project);
        for (const char *text : {"\"price\": 1.50", "\"ratio\": 1e2", "\"small\": 1.0E-7", "\"tenth\": 0.10",
                                 "\"id\": 123456789012345678901234567890", "[0.10, 2.0]"})
            QVERIFY2(file.find(text) != std::string::npos, (std::string(text) + " not in:\n" + file).c_str());
        const design::ProjectLoad load = design::parseProject(file, "numbers.egress.json");
        QVERIFY(load.project);
        QCOMPARE(load.project->definitionNumberForms, read.numberForms);
        QCOMPARE(design::serializeProject(*load.project), file); // byte for byte
        const asl::NumberTexts texts = asl::numberTextsIn(*read.value, read.numberForms);
        QCOMPARE(design::writeDefinition(*load.project, asl::TextFormat::JsonText),
                 asl::writeJson(*read.value, 2, &texts));
        QVERIFY(design::writeDefinition(*load.project, asl::TextFormat::JsonText).find("\"price\": 1.50,") !=
                std::string::npos);
        const std::string yaml = design::writeDefinition(*load.project, asl::TextFormat::YamlText);
        QVERIFY2(yaml.find("id: 123456789012345678901234567890\n") != std::string::npos, yaml.c_str());
    }

    void defaults()
    {
        const std::string text = R"({"format": "egress-studio-project", "version": 1,
                                     "definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                                     "steps": {"A": {}}})";
        const design::ProjectLoad load = design::parseProject(text, "minimal.egress.json");
        QVERIFY(load.project.has_value());
        const design::Project &p = *load.project;
        QCOMPARE(p.name, std::string("Untitled"));
        QCOMPARE(p.workflowType, design::WorkflowType::Standard);
        QCOMPARE(p.vpc.name, std::string("VPC"));
        QCOMPARE(p.vpc.availabilityZones, 2);
        QVERIFY((p.vpc.rect == std::array<double, 4>{0, 0, 600, 400}));
        QCOMPARE(p.usage.executionsPerMonth, 1'000'000.0);
        QCOMPARE(p.usage.region, std::string("us-east-1"));
        QCOMPARE(p.usage.trigger, design::Trigger::None);
        QCOMPARE(p.usage.apiSupportsIpv6, false);
        QCOMPARE(p.usage.freeTier, true);
        QVERIFY(p.priceTable.empty());
        QVERIFY(p.priceOverrides.empty());
        // An empty entry and a missing entry both mean the defaults.
        for (const char *name : {"A", "not there"}) {
            const design::StepDesign s = p.step(name);
            QVERIFY(!s.position.has_value());
            QCOMPARE(s.placement, design::Placement::InsideVpc);
            QCOMPARE(s.egress, design::Egress::None);
            QCOMPARE(s.memoryMb, 128);
            QCOMPARE(s.durationMs, 100.0);
            QCOMPARE(s.architecture, design::Architecture::X86_64);
            QCOMPARE(s.requestKb, 0.0);
            QCOMPARE(s.responseKb, 0.0);
            QCOMPARE(s.failureRate, 0.0);
            QVERIFY(!s.choiceWeights.has_value());
            QVERIFY(!s.mapItems.has_value());
            QVERIFY(s == design::StepDesign{});
        }
        QCOMPARE(design::kDefaultMapItems, 10.0);
        // Saving writes the defaults out, so the file says what the model assumed.
        const Json saved = design::projectToJson(p);
        QCOMPARE(saved["steps"]["A"]["memoryMb"].get<int>(), 128);
        QCOMPARE(saved["usage"]["region"].get<std::string>(), std::string("us-east-1"));
        QCOMPARE(saved["vpc"]["availabilityZones"].get<int>(), 2);
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        auto row = [](const char *name, const Json &patch, const char *pointer, const char *message) {
            QTest::newRow(name) << QString::fromStdString(projectText(patch)) << pointer << message;
        };
        QTest::newRow("not JSON") << "{\"format\": "
                                  << ""
                                  << "";
        QTest::newRow("an array") << "[1, 2]"
                                  << ""
                                  << "must be a JSON object";
        QTest::newRow("no format") << R"({"version": 1, "definition": {}})"
                                   << ""
                                   << "no \"format\" key";
        row("unknown format", {{"format", "something-else"}}, "/format", "unknown format \"something-else\"");
        row("format not a string", {{"format", 7}}, "/format", "unknown format 7");
        row("no version", {{"version", nullptr}}, "", "no \"version\" key");
        row("version a string", {{"version", "1"}}, "/version", "must be a whole number");
        row("version a fraction", {{"version", 1.5}}, "/version", "must be a whole number");
        row("version zero", {{"version", 0}}, "/version", "not a version of this format");
        row("version negative", {{"version", -3}}, "/version", "not a version of this format");
        row("newer version", {{"version", 2}}, "/version", "newer Egress Studio (format version 2");
        row("huge version", {{"version", 18446744073709551615ULL}}, "/version", "newer Egress Studio");
        row("no definition", {{"definition", nullptr}}, "", "no \"definition\" key");
        row("definition an array", {{"definition", Json::array()}}, "/definition",
            "must be the ASL state machine");
        row("name a number", {{"name", 3}}, "/name", "\"name\" must be a string, not a number");
        row("workflowType unknown", {{"workflowType", "BATCH"}}, "/workflowType",
            "unknown workflowType \"BATCH\" (expected STANDARD or EXPRESS)");
        row("vpc a string", {{"vpc", "main"}}, "/vpc", "\"vpc\" must be an object");
        row("vpc name", {{"vpc", {{"name", false}}}}, "/vpc/name", "must be a string");
        row("AZ zero", {{"vpc", {{"availabilityZones", 0}}}}, "/vpc/availabilityZones", "between 1 and 6");
        row("AZ seven", {{"vpc", {{"availabilityZones", 7}}}}, "/vpc/availabilityZones", "between 1 and 6");
        row("AZ fraction", {{"vpc", {{"availabilityZones", 2.5}}}}, "/vpc/availabilityZones", "whole number");
        row("rect three numbers", {{"vpc", {{"rect", {0, 0, 10}}}}}, "/vpc/rect", "[x, y, width, height]");
        row("rect negative width", {{"vpc", {{"rect", {0, 0, -1, 10}}}}}, "/vpc/rect",
            "width and height ≥ 0");
        row("rect a string", {{"vpc", {{"rect", {0, "0", 1, 1}}}}}, "/vpc/rect", "four numbers");
        row("steps an array", {{"steps", Json::array()}}, "/steps", "keyed by state name");
        row("step a number", {{"steps", {{"Call", 5}}}}, "/steps/Call", "must be an object, not a number");
        row("position one number", {{"steps", {{"Call", {{"position", {1}}}}}}}, "/steps/Call/position",
            "[x, y]");
        row("placement unknown", {{"steps", {{"Call", {{"placement", "inside"}}}}}}, "/steps/Call/placement",
            "unknown placement \"inside\" (expected inside-vpc or outside-vpc)");
        row("egress unknown", {{"steps", {{"Call", {{"egress", "nat"}}}}}}, "/steps/Call/egress",
            "unknown egress \"nat\"");
        row("egress a number", {{"steps", {{"Call", {{"egress", 1}}}}}}, "/steps/Call/egress",
            "must be a string");
        row("memory too small", {{"steps", {{"Call", {{"memoryMb", 64}}}}}}, "/steps/Call/memoryMb",
            "between 128 and 10240 (is 64)");
        row("memory too large", {{"steps", {{"Call", {{"memoryMb", 20000}}}}}}, "/steps/Call/memoryMb",
            "between 128 and 10240");
        row("memory fraction", {{"steps", {{"Call", {{"memoryMb", 256.5}}}}}}, "/steps/Call/memoryMb",
            "whole number");
        row("memory a string", {{"steps", {{"Call", {{"memoryMb", "256"}}}}}}, "/steps/Call/memoryMb",
            "must be a number, not a string");
        row("duration negative", {{"steps", {{"Call", {{"durationMs", -1}}}}}}, "/steps/Call/durationMs",
            "between 0 and 900000");
        row("duration over 15 minutes", {{"steps", {{"Call", {{"durationMs", 900001}}}}}},
            "/steps/Call/durationMs", "between 0 and 900000");
        row("architecture unknown", {{"steps", {{"Call", {{"architecture", "arm"}}}}}},
            "/steps/Call/architecture", "expected x86_64 or arm64");
        row("request negative", {{"steps", {{"Call", {{"requestKb", -2}}}}}}, "/steps/Call/requestKb",
            "between 0");
        row("response null", {{"steps", {{"Call", {{"responseKb", Json::array()}}}}}},
            "/steps/Call/responseKb", "must be a number, not an array");
        row("failure rate above 1", {{"steps", {{"Call", {{"failureRate", 1.5}}}}}},
            "/steps/Call/failureRate", "between 0 and 1");
        row("choiceWeights a list", {{"steps", {{"Pick", {{"choiceWeights", {0.5, 0.5}}}}}}},
            "/steps/Pick/choiceWeights", "must be an object");
        row("choice rules not an array", {{"steps", {{"Pick", {{"choiceWeights", {{"rules", 1}}}}}}}},
            "/steps/Pick/choiceWeights/rules", "must be an array");
        row("choice weight negative", {{"steps", {{"Pick", {{"choiceWeights", {{"rules", {0.5, -1}}}}}}}}},
            "/steps/Pick/choiceWeights/rules/1", "a weight must be a number ≥ 0");
        row("choice default a string", {{"steps", {{"Pick", {{"choiceWeights", {{"default", "0.2"}}}}}}}},
            "/steps/Pick/choiceWeights/default", "must be a number");
        row("mapItems negative", {{"steps", {{"Call", {{"mapItems", -1}}}}}}, "/steps/Call/mapItems",
            "between 0");
        row("state name with slash", {{"steps", {{"a/b~c", {{"memoryMb", 1}}}}}}, "/steps/a~1b~0c/memoryMb",
            "between 128");
        row("usage an array", {{"usage", Json::array()}}, "/usage", "\"usage\" must be an object");
        row("executions negative", {{"usage", {{"executionsPerMonth", -5}}}}, "/usage/executionsPerMonth",
            "between 0");
        row("region not a region", {{"usage", {{"region", "Frankfurt"}}}}, "/usage/region",
            "not an AWS region name");
        row("region a number", {{"usage", {{"region", 1}}}}, "/usage/region", "must be a string");
        row("trigger unknown", {{"usage", {{"trigger", "sqs"}}}}, "/usage/trigger",
            "unknown trigger \"sqs\"");
        row("ipv6 a string", {{"usage", {{"apiSupportsIpv6", "yes"}}}}, "/usage/apiSupportsIpv6",
            "must be true or false, not a string");
        row("freeTier a number", {{"usage", {{"freeTier", 1}}}}, "/usage/freeTier", "must be true or false");
        row("priceTable a number", {{"priceTable", 2}}, "/priceTable", "must be a string");
        row("priceOverrides an array", {{"priceOverrides", Json::array()}}, "/priceOverrides",
            "price id → number");
        row("price negative", {{"priceOverrides", {{"nat.hour", -0.1}}}}, "/priceOverrides/nat.hour",
            "a price must be a number ≥ 0");
        QTest::newRow("duplicate key") << R"({"format": "egress-studio-project", "version": 1, "version": 1,
                                              "definition": {}})"
                                       << "/version"
                                       << "more than once";
    }
    void badInput()
    {
        QFETCH(QString, text);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const design::ProjectLoad load = design::parseProject(text.toStdString(), "bad.egress.json");
        QVERIFY(!load.project.has_value());
        QVERIFY(asl::hasErrors(load.problems));
        bool found = false;
        QStringList got;
        for (const auto &problem : load.problems) {
            got << QString::fromStdString(problem.toString());
            QCOMPARE(problem.file, std::string("bad.egress.json"));
            if (problem.severity == asl::Severity::Error && problem.pointer == pointer.toStdString() &&
                QString::fromStdString(problem.message).contains(message))
                found = true;
        }
        QVERIFY2(found, qPrintable("expected " + pointer + ": …" + message + "…, got:\n" + got.join('\n')));
        if (!pointer.isEmpty())
            QVERIFY(got.join('\n').startsWith("bad.egress.json: " + pointer));
    }

    void parseErrorHasLineAndColumn()
    {
        const design::ProjectLoad load =
            design::parseProject("{\n  \"format\": \"egress-studio-project\",\n  x\n}", "p.egress.json");
        QVERIFY(!load.project.has_value());
        QCOMPARE(load.problems.size(), std::size_t(1));
        QCOMPARE(load.problems[0].line, 3);
        QVERIFY(load.problems[0].column > 0);
        QVERIFY(QString::fromStdString(load.problems[0].toString()).startsWith("p.egress.json:3:"));
    }

    void missingFileNamesIt()
    {
        const design::ProjectLoad load = design::loadProject("/nonexistent/dir/p.egress.json");
        QVERIFY(!load.project.has_value());
        QCOMPARE(load.problems.size(), std::size_t(1));
        QCOMPARE(load.problems[0].file, std::string("/nonexistent/dir/p.egress.json"));
        QVERIFY(!load.problems[0].message.empty());
    }

    void unknownKeysSurviveInAStableOrder()
    {
        const std::string text =
            projectText({{"zzTopLevel", {{"kept", true}}},
                         {"aaFirst", 1},
                         {"vpc", {{"name", "v"}, {"subnets", {"a", "b"}}}},
                         {"usage", {{"peakFactor", 3}}},
                         {"steps",
                          {{"Call", {{"timeoutMs", 10}}},
                           {"Pick", {{"choiceWeights", {{"rules", {1}}, {"note", "x"}}}}}}}});
        const design::ProjectLoad load = design::parseProject(text, "extra.egress.json");
        QVERIFY(load.project.has_value());
        const Json saved = design::projectToJson(*load.project);
        QCOMPARE(saved["zzTopLevel"]["kept"].get<bool>(), true);
        QCOMPARE(saved["aaFirst"].get<int>(), 1);
        QCOMPARE(saved["vpc"]["subnets"].size(), std::size_t(2));
        QCOMPARE(saved["usage"]["peakFactor"].get<int>(), 3);
        QCOMPARE(saved["steps"]["Call"]["timeoutMs"].get<int>(), 10);
        QCOMPARE(saved["steps"]["Pick"]["choiceWeights"]["note"].get<std::string>(), std::string("x"));
        // Known keys first in a fixed order, then unknown ones as they came.
        QStringList keys;
        for (const auto &[key, value] : saved.items())
            keys << QString::fromStdString(key);
        QCOMPARE(keys, QStringList({"format", "version", "name", "workflowType", "definition", "vpc", "steps",
                                    "usage", "zzTopLevel", "aaFirst"}));
        // Steps are sorted by name whatever order they had.
        design::Project p = *load.project;
        p.steps["0 first"] = {};
        QCOMPARE(design::projectToJson(p)["steps"].begin().key(), std::string("0 first"));
        // And a second round trip changes nothing.
        const std::string once = design::serializeProject(*load.project);
        QCOMPARE(design::serializeProject(*design::parseProject(once, "again").project), once);
    }

    void designDataForAMissingStateIsAWarning()
    {
        const design::ProjectLoad load = design::parseProject(
            projectText({{"steps", {{"Renamed", {{"memoryMb", 256}}}}}}), "w.egress.json");
        QVERIFY(load.project.has_value());
        QCOMPARE(load.problems.size(), std::size_t(1));
        QCOMPARE(load.problems[0].severity, asl::Severity::Warning);
        QCOMPARE(load.problems[0].pointer, std::string("/steps/Renamed"));
        QCOMPARE(load.project->steps.at("Renamed").memoryMb, 256); // kept, not dropped
    }

    void migrationChainRunsInOrder()
    {
        // A synthetic history (the real one starts at version 1): v1 called the steps "nodes",
        // v2 had no "usage.trigger". Each step sees the output of the one before.
        std::vector<design::Migration> history{
            {2, "trigger became explicit",
             [](Json &d) {
                 QCOMPARE(d["version"].get<int>(), 2);
                 d["usage"]["trigger"] = "none";
             }},
            {1, "nodes renamed to steps",
             [](Json &d) {
                 d["steps"] = d["nodes"];
                 d.erase("nodes");
             }},
        };
        Json document = {{"version", 1}, {"nodes", {{"A", {{"memoryMb", 256}}}}}, {"usage", Json::object()}};
        QVERIFY(!design::migrateDocument(document, 1, 3, history).has_value());
        QCOMPARE(document["version"].get<int>(), 3);
        QVERIFY(!document.contains("nodes"));
        QCOMPARE(document["steps"]["A"]["memoryMb"].get<int>(), 256);
        QCOMPARE(document["usage"]["trigger"].get<std::string>(), std::string("none"));

        // A gap in the history is an error that names the missing step.
        Json gap = {{"version", 1}};
        const auto problem = design::migrateDocument(gap, 1, 4, history);
        QVERIFY(problem.has_value());
        QVERIFY(problem->find("from format version 3 to 4") != std::string::npos);
    }

    void realHistoryReachesTheCurrentVersion()
    {
        // Every version this build can read has a way to the current one.
        for (int version = 1; version < design::kProjectVersion; ++version) {
            Json document = {{"version", version}};
            QVERIFY(!design::migrateDocument(document, version, design::kProjectVersion,
                                             design::projectMigrations()));
        }
        QCOMPARE(int(design::projectMigrations().size()), design::kProjectVersion - 1);
    }

    void saveWritesWhatSerializeGives()
    {
        QTemporaryDir dir;
        const design::Project project = *design::loadProject(kExample).project;
        const std::string path = dir.filePath("saved.egress.json").toStdString();
        QVERIFY(!design::saveProject(project, path).has_value());
        QCOMPARE(readBytes(QString::fromStdString(path)), design::serializeProject(project));
        struct stat st
        {
        };
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0644u);
        // Replacing keeps the permissions the file had.
        QCOMPARE(::chmod(path.c_str(), 0600), 0);
        QVERIFY(!design::saveProject(project, path).has_value());
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary left
    }

    void failedSaveTouchesNothing_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("message");
        QTest::newRow("a directory where the file goes") << "occupied"
                                                         << "cannot replace the file";
        QTest::newRow("a directory that does not exist") << "missing/p.egress.json"
                                                         << "cannot write";
    }
    void failedSaveTouchesNothing()
    {
        QFETCH(QString, target);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("occupied"));
        QFile marker(dir.filePath("occupied/keep.txt"));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("old");
        marker.close();
        const std::string path = dir.filePath(target).toStdString();
        const auto error = design::saveProject(*design::loadProject(kExample).project, path);
        QVERIFY(error.has_value());
        QVERIFY2(QString::fromStdString(*error).startsWith(QString::fromStdString(path) + ": "),
                 error->c_str());
        QVERIFY2(QString::fromStdString(*error).contains(message), error->c_str());
        QCOMPARE(readBytes(dir.filePath("occupied/keep.txt")), std::string("old"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"occupied"});
    }
};

QTEST_GUILESS_MAIN(TestDesign)
#include "tst_design.moc"
