// The ASL validator: every invalid file gets the error it is invalid for, every valid-intent file gets none
// (apart from the documented corpus differences below), and one targeted row per rule checks the exact JSON
// pointer, state and message. Hostile input (deep nesting, huge strings) must not crash.
// Files: tests/data/asl-invalid (one per class of problem the validator reports; REASONS.json gives each
// file's reason and the text its error must contain) and tests/data/asl*, always; the corpus when present.
#include "asl/reader.h"
#include "asl/validator.h"
#include "definitionrows.h"
#include "validator_rows.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <utility>

using egress::asl::Json;
namespace asl = egress::asl;

namespace {

namespace test = egress::test;

/** Valid-intent corpus files we report errors for, on purpose (docs/validation.md, "Deliberate differences").
 */
const std::map<std::string, std::string> kValidButRejected = {
    // JSONata must be written exactly "{% expr %}" (asl-validator's rule); these miss a space before "%}".
    {"sfn-workflows__distributed-data-stream-aggregator--statemachine--statemachine.asl.json", "/Items"},
    {"sfn-workflows__distributed-data-stream-aggregator--statemachine--data-extraction-child.asl.json",
     "/Assign/dataType"},
    {"sfn-examples__sam--app-meeting-summarization--statemachines--summarize_transcription.asl.yaml",
     "/Arguments/ModelId"},
    // "QueryLanguage": "JSONata" written inside "States" (a state that is a string); the states then use
    // JSONPath.
    {"sfn-workflows__shared-fallback-state-jsonata--statemachine--statemachine.asl.json",
     "/States/QueryLanguage"},
};

/** Invalid corpus fixtures we do not report an error for, on purpose (docs/validation.md). */
const std::map<std::string, asl::Severity> kInvalidButAccepted = {
    // statelint expects a problem for Comment in nested Choice rules; ASL, AWS and asl-validator allow it.
    {"statelint__test--choice-nested-comment.json", asl::Severity::Info},
};

/** For invalid fixtures: text that must occur in one error (pointer + message), so the error is the reason it
 * is invalid. */
const std::map<std::string, std::string> kInvalidReason = {
    {"asl-validator__src--__tests__--definitions--invalid-assign.asl.json", "child-1"},
    {"asl-validator__src--__tests__--definitions--invalid-cfn-definition-substitutions.json",
     "unterminated placeholder"},
    {"asl-validator__src--__tests__--definitions--invalid-choice-state-variable.json", "/Variable"},
    {"asl-validator__src--__tests__--definitions--invalid-choice-state.json", "cannot end the execution"},
    {"asl-validator__src--__tests__--definitions--invalid-unreachable-state.json", "can never run"},
    {"asl-validator__src--__tests__--definitions--invalid-dupe-fields.asl.json", "once \".$\" is stripped"},
    {"asl-validator__src--__tests__--definitions--invalid-duplicate-fields-nested.json", "/type.$"},
    {"asl-validator__src--__tests__--definitions--invalid-duplicate-fields.json", "/channel"},
    {"asl-validator__src--__tests__--definitions--invalid-error-equals-type.json", "/ErrorEquals/0"},
    {"asl-validator__src--__tests__--definitions--invalid-error-equals.json", "needs \"ErrorEquals\""},
    {"asl-validator__src--__tests__--definitions--invalid-exercise-ajv-additional-properties.asl.json",
     "bugInputPath"},
    {"asl-validator__src--__tests__--definitions--invalid-exercise-ajv.asl.json", "/InputPath"},
    {"asl-validator__src--__tests__--definitions--invalid-fail-dupe-cause.json", "/CausePath"},
    {"asl-validator__src--__tests__--definitions--invalid-fail-dupe-error.json", "/ErrorPath"},
    {"asl-validator__src--__tests__--definitions--invalid-inexistant-state.json", "no state of that name"},
    {"asl-validator__src--__tests__--definitions--invalid-json-path.json", "..guid"},
    {"asl-validator__src--__tests__--definitions--invalid-json-surround-syntax-extra-spaces.json",
     "line break"},
    {"asl-validator__src--__tests__--definitions--invalid-jsonata-fields.json", "is a JSONPath field"},
    {"asl-validator__src--__tests__--definitions--invalid-jsonata-path-fields.asl.json",
     "is a JSONPath field"},
    {"asl-validator__src--__tests__--definitions--invalid-jsonata-surround-syntax-no-close.json",
     "not a JSONata expression"},
    {"asl-validator__src--__tests__--definitions--invalid-jsonata-surround-syntax-no-open.json",
     "not a JSONata expression"},
    {"asl-validator__src--__tests__--definitions--invalid-jsonata-surround-syntax-no-spaces.json",
     "not a JSONata expression"},
    {"asl-validator__src--__tests__--definitions--invalid-jsonata-syntax-arithmetic.json",
     "JSONata syntax error"},
    {"asl-validator__src--__tests__--definitions--invalid-jsonata-syntax-jsonpath-in-jsonata-surround.json",
     "JSONata syntax error"},
    {"asl-validator__src--__tests__--definitions--invalid-jsonata-syntax-mismatched-parens.json",
     "expected \")\""},
    {"asl-validator__src--__tests__--definitions--invalid-map-distributed.asl.json",
     "/ReaderConfig/MaxItemsPath"},
    {"asl-validator__src--__tests__--definitions--invalid-map-dupe-state.json", "already used"},
    {"asl-validator__src--__tests__--definitions--invalid-map-item-batcher-dupe-subfields.json",
     "/ItemBatcher/"},
    {"asl-validator__src--__tests__--definitions--invalid-map-items.asl.json", "/ItemsPath"},
    {"asl-validator__src--__tests__--definitions--invalid-map-missing-iterator.json",
     "needs \"ItemProcessor\""},
    {"asl-validator__src--__tests__--definitions--invalid-map-ob-link.json", "which is in the top level"},
    {"asl-validator__src--__tests__--definitions--invalid-map-tolerated-value.json", "from 0 to 100"},
    {"asl-validator__src--__tests__--definitions--invalid-map-tolerated.json", "/ToleratedFailureCountPath"},
    {"asl-validator__src--__tests__--definitions--invalid-math-add.json", "States.MathAdd(1,'-1')"},
    {"asl-validator__src--__tests__--definitions--invalid-missing-terminal-map.json", "/Iterator/StartAt"},
    {"asl-validator__src--__tests__--definitions--invalid-missing-terminal-parallel.json",
     "/Branches/0/StartAt"},
    {"asl-validator__src--__tests__--definitions--invalid-missing-terminal.json", "could never finish"},
    {"asl-validator__src--__tests__--definitions--invalid-next-with-end.json", "both \"Next\" and \"End\""},
    {"asl-validator__src--__tests__--definitions--invalid-parallel-branch-type.json", "/Branches/0"},
    {"asl-validator__src--__tests__--definitions--invalid-parallel-missing-branches.json",
     "needs \"Branches\""},
    {"asl-validator__src--__tests__--definitions--invalid-parallel-ob-link.json",
     "which is in the top level"},
    {"asl-validator__src--__tests__--definitions--invalid-payload-template.asl.json", "lorem.$"},
    {"asl-validator__src--__tests__--definitions--invalid-state-name-too-long.json", "at most 80 characters"},
    {"asl-validator__src--__tests__--definitions--invalid-task-alias-function.json", "is not an ARN"},
    {"asl-validator__src--__tests__--definitions--invalid-task-credentials-null.json", "/Credentials"},
    {"asl-validator__src--__tests__--definitions--invalid-task-credentials-object.json", "expectPath.$"},
    {"asl-validator__src--__tests__--definitions--invalid-task-heartbeat.json", "/HeartbeatSecondsPath"},
    {"asl-validator__src--__tests__--definitions--invalid-task-timout.json", "/TimeoutSecondsPath"},
    {"asl-validator__src--__tests__--definitions--invalid-variable-result-path.json",
     "cannot name a variable"},
    {"asl-validator__src--__tests__--definitions--invalid-wait-duration.json", "/TimestampPath"},
    {"statelint__test--backoff-with-backoffrate-between-0-and-1.json", "/BackoffRate"},
    {"statelint__test--backoff-with-backoffrate-negative.json", "/BackoffRate"},
    {"statelint__test--backoff-with-invalid-jitter-on-retry.json", "/JitterStrategy"},
    {"statelint__test--choice-with-parameters.json", "\"Parameters\""},
    {"statelint__test--choice-with-resultpath.json", "\"ResultPath\""},
    {"statelint__test--choice-with-resultselector.json", "\"ResultSelector\""},
    {"statelint__test--empty-error-equals-on-catch.json", "non-empty list required"},
    {"statelint__test--empty-error-equals-on-retry.json", "non-empty list required"},
    {"statelint__test--fail-with-parameters.json", "\"Parameters\""},
    {"statelint__test--fail-with-resultpath.json", "\"ResultPath\""},
    {"statelint__test--fail-with-resultselector.json", "\"ResultSelector\""},
    {"statelint__test--fail-with-static-and-dynamic-cause.json", "/CausePath"},
    {"statelint__test--fail-with-static-and-dynamic-error.json", "/ErrorPath"},
    {"statelint__test--has-dupes.json", "already used"},
    {"statelint__test--invalid-backoff-with-jitter-on-retry.json", "/MaxDelaySeconds"},
    {"statelint__test--invalid-function-invocation.json", "States.Xyz"},
    {"statelint__test--linked-parallel.json", "can only go to states of its own scope"},
    {"statelint__test--map-with-itemprocessor-and-iterator.json", "/Iterator"},
    {"statelint__test--map-with-null-itemspath.json", "\"ItemsPath\" cannot be null"},
    {"statelint__test--map-with-parameters-and-itemselector.json", "/Parameters"},
    {"statelint__test--no-terminal.json", "could never finish"},
    {"statelint__test--parameter-path-problems.json", "bad5.$"},
    {"statelint__test--pass-with-intrinsic-function-inputpath.json", "/InputPath"},
    {"statelint__test--pass-with-resultselector.json", "\"ResultSelector\""},
    {"statelint__test--states-array-invocation-leftpad.json", " States.Array"},
    {"statelint__test--succeed-with-parameters.json", "\"Parameters\""},
    {"statelint__test--succeed-with-resultpath.json", "\"ResultPath\""},
    {"statelint__test--succeed-with-resultselector.json", "\"ResultSelector\""},
    {"statelint__test--task-with-invalid-credentials.json", "/Credentials"},
    {"statelint__test--task-with-static-and-dynamic-heartbeat.json", "/HeartbeatSecondsPath"},
    {"statelint__test--task-with-static-and-dynamic-timeout.json", "/TimeoutSecondsPath"},
    {"statelint__test--wait-with-parameters.json", "\"Parameters\""},
    {"statelint__test--wait-with-resultpath.json", "\"ResultPath\""},
    {"statelint__test--wait-with-resultselector.json", "\"ResultSelector\""},
};

bool isStatelint(const std::string &name)
{
    return name.rfind("statelint__", 0) == 0;
}

/** statelint fixtures use made-up Resources ("foo:bar"): they are checked as statelint checks them, without
 * the ARN rule. */
asl::ValidationOptions optionsFor(const std::string &name)
{
    asl::ValidationOptions options;
    options.checkArn = !isStatelint(name);
    return options;
}

std::vector<asl::Diagnostic> errorsOf(const std::vector<asl::Diagnostic> &all)
{
    std::vector<asl::Diagnostic> out;
    for (const auto &d : all)
        if (d.severity == asl::Severity::Error)
            out.push_back(d);
    return out;
}

std::string joined(const std::vector<asl::Diagnostic> &all)
{
    std::string s;
    for (const auto &d : all)
        s += d.toString() + "\n";
    return s;
}

/** A folder's REASONS.json (file name -> {"expectation", "reason"[, "expect", "severity"]}); null if none. */
Json reasonsOf(const QString &dir)
{
    std::ifstream in((dir + "/REASONS.json").toStdString());
    return in.good() ? Json::parse(in, nullptr, false) : Json();
}

std::vector<asl::Diagnostic> validateText(const std::string &json, const asl::ValidationOptions &options = {})
{
    const asl::ReadResult read = asl::parseJson(json, "t.json");
    return asl::validateRead(read, "t.json", options);
}

} // namespace

class TestValidator : public QObject
{
    Q_OBJECT

private:
    /** A fixture of tests/data/asl-invalid: the problem REASONS.json names ("expect", in the pointer and
     * message of an error, or of a warning when "severity" is "warning"). */
    static void checkInvalidFixture(const QString &path, const asl::ReadResult &read,
                                    const std::vector<asl::Diagnostic> &all)
    {
        const std::string name = QFileInfo(path).fileName().toStdString();
        const Json reasons = reasonsOf(QFileInfo(path).absolutePath());
        QVERIFY2(reasons.is_object() && reasons.contains(name),
                 ("add " + name + " to tests/data/asl-invalid/REASONS.json").c_str());
        const Json &entry = reasons[name];
        const std::string expect = entry.value("expect", std::string());
        QVERIFY2(!expect.empty(), (name + ": its REASONS.json entry needs \"expect\"").c_str());
        const asl::Severity severity = entry.value("severity", std::string()) == "warning"
                                           ? asl::Severity::Warning
                                           : asl::Severity::Error;
        if (severity == asl::Severity::Warning)
            QVERIFY2(errorsOf(all).empty(),
                     joined(all).c_str()); // warnings only: the file is valid otherwise
        if (!read)
            QVERIFY2(all.size() == 1 && all[0].line > 0 && all[0].column > 0, joined(all).c_str());
        const bool found = std::any_of(all.begin(), all.end(), [&](const asl::Diagnostic &d) {
            return d.severity == severity && (d.pointer + " " + d.message).find(expect) != std::string::npos;
        });
        QVERIFY2(found, ("expected \"" + expect + "\" in:\n" + joined(all)).c_str());
        for (const auto &d : all)
            QVERIFY2(!d.message.empty() && d.file == path.toStdString(), d.toString().c_str());
    }

private slots:
    void invalidFileHasItsError_data() { test::addDefinitionRows({"asl-invalid"}, {"*.json"}); }
    void invalidFileHasItsError()
    {
        QFETCH(QString, path);
        EGRESS_SKIP_CORPUS_ROW(path, "the corpus's asl-invalid files");
        const std::string name = QFileInfo(path).fileName().toStdString();
        const asl::ReadResult read = asl::readFile(path.toStdString());
        if (test::isFixture(path))
            return checkInvalidFixture(path, read, asl::validateRead(read, path.toStdString()));
        const auto all = asl::validateRead(read, path.toStdString(), optionsFor(name));
        const auto errors = errorsOf(all);
        if (!read) {
            QCOMPARE(errors.size(), std::size_t(1));
            QVERIFY2(errors[0].line > 0 && errors[0].column > 0, errors[0].toString().c_str());
            return;
        }
        if (auto accepted = kInvalidButAccepted.find(name); accepted != kInvalidButAccepted.end()) {
            QVERIFY2(errors.empty(), joined(all).c_str());
            if (accepted->second == asl::Severity::Warning)
                QVERIFY2(!all.empty() && all[0].severity == asl::Severity::Warning, joined(all).c_str());
            return;
        }
        QVERIFY2(!errors.empty(), ("no error for " + name).c_str());
        const auto reason = kInvalidReason.find(name);
        QVERIFY2(reason != kInvalidReason.end(),
                 ("add the expected reason of " + name + " to kInvalidReason").c_str());
        const bool found = std::any_of(errors.begin(), errors.end(), [&](const asl::Diagnostic &d) {
            return (d.pointer + " " + d.message).find(reason->second) != std::string::npos;
        });
        QVERIFY2(found, ("expected \"" + reason->second + "\" in:\n" + joined(errors)).c_str());
        for (const auto &d : errors)
            QVERIFY2(!d.message.empty() && d.file == path.toStdString(), d.toString().c_str());
    }

    /** Our REASONS.json and our invalid fixtures cover the same files, each entry in the corpus's format plus
     * the "expect" text; the problem classes are all distinct. */
    void fixtureReasonsCoverEveryFile()
    {
        const QString dir = test::fixtureDir("asl-invalid");
        const Json reasons = reasonsOf(dir);
        QVERIFY2(reasons.is_object(), "tests/data/asl-invalid/REASONS.json is missing or malformed");
        QStringList files;
        for (const QString &path : test::definitionFiles(dir, {"*.json"}))
            files << QFileInfo(path).fileName();
        std::set<std::string> expects;
        for (const auto &[name, entry] : reasons.items()) {
            QVERIFY2(files.contains(QString::fromStdString(name)),
                     ("no file for REASONS entry " + name).c_str());
            for (const char *key : {"expectation", "reason", "expect"})
                QVERIFY2(entry.contains(key) && entry[key].is_string(), (name + ": needs " + key).c_str());
            QVERIFY2(expects.insert(entry["expect"].get<std::string>()).second,
                     (name + ": the same \"expect\" as another file; one file per class").c_str());
        }
        QCOMPARE(std::size_t(files.size()), reasons.size());
    }

    /** The corpus's REASONS.json (why each fixture is invalid) and our expectations cover the same files; its
     * quoted field names appear in our errors. */
    void corpusReasonsJsonAgrees()
    {
        EGRESS_REQUIRE_CORPUS("the corpus's asl-invalid/REASONS.json check");
        const std::string dir = test::corpusDir().toStdString() + "/asl-invalid/";
        std::ifstream in(dir + "REASONS.json");
        QVERIFY(in.good());
        const Json reasons = Json::parse(in);
        QVERIFY(reasons.size() >= 80);
        const std::regex quotedField(R"(message includes: \"([A-Za-z]+)\")");
        int fieldsChecked = 0;
        for (const auto &[name, entry] : reasons.items()) {
            const bool parseError = name.rfind("sfn-workflows__", 0) == 0;
            QVERIFY2(parseError || kInvalidReason.count(name) || kInvalidButAccepted.count(name),
                     name.c_str());
            const std::string reason = entry.value("reason", std::string());
            std::smatch m;
            if (!std::regex_search(reason, m, quotedField))
                continue;
            const std::string path = dir + name;
            const auto errors = errorsOf(asl::validateRead(asl::readFile(path), path, optionsFor(name)));
            const std::string field = "\"" + m[1].str() + "\"";
            ++fieldsChecked;
            QVERIFY2(std::any_of(errors.begin(), errors.end(),
                                 [&](const asl::Diagnostic &d) {
                                     return d.message.find(field) != std::string::npos;
                                 }),
                     (name + ": no error mentions " + field + "\n" + joined(errors)).c_str());
        }
        QVERIFY(fieldsChecked >= 15);
    }

    void validFileHasNoError_data() { test::addDefinitionRows({"asl", "asl-yaml", "asl-embedded"}); }
    void validFileHasNoError()
    {
        QFETCH(QString, path);
        EGRESS_SKIP_CORPUS_ROW(path, "the corpus's asl, asl-yaml and asl-embedded definitions");
        const std::string name = QFileInfo(path).fileName().toStdString();
        const asl::ReadResult read = asl::readFile(path.toStdString());
        QVERIFY2(read.value.has_value(), read.error ? read.error->toString().c_str() : "");
        if (test::isFixture(path)) { // ours are clean: no warning either
            const auto all = asl::validateRead(read, path.toStdString());
            QVERIFY2(all.empty(), joined(all).c_str());
            return;
        }
        const auto errors = errorsOf(asl::validateRead(read, path.toStdString(), optionsFor(name)));
        if (auto rejected = kValidButRejected.find(name); rejected != kValidButRejected.end()) {
            QVERIFY2(!errors.empty(), "documented difference no longer reported");
            QVERIFY2(errors[0].pointer.find(rejected->second) != std::string::npos, joined(errors).c_str());
            return;
        }
        QVERIFY2(errors.empty(), joined(errors).c_str());
    }

    /** statelint's "foo:bar" Resources: errors with the ARN check, fine without it. */
    void statelintResourcesNeedNoArnCheck_data()
    {
        QTest::addColumn<QString>("path");
        if (!test::haveCorpus()) {
            QTest::newRow("corpus") << QString();
            return;
        }
        const QDir d(test::corpusDir() + "/asl");
        for (const QString &f : d.entryList({"statelint__*.json"}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(f)) << d.filePath(f);
    }
    void statelintResourcesNeedNoArnCheck()
    {
        QFETCH(QString, path);
        EGRESS_SKIP_CORPUS_ROW(path, "the corpus's statelint fixtures without the ARN check");
        const std::string name = QFileInfo(path).fileName().toStdString();
        const asl::ReadResult read = asl::readFile(path.toStdString());
        if (!isStatelint(name) || !read || read.value->dump().find("\"foo:bar\"") == std::string::npos)
            QSKIP("not a statelint fixture with a made-up Resource");
        const auto errors = errorsOf(asl::validateRead(read, name, asl::ValidationOptions{}));
        QVERIFY(!errors.empty());
        QVERIFY2(errors[0].message.find("is not an ARN") != std::string::npos, joined(errors).c_str());
    }

    void rule_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<bool>("checkArn");
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("message");
        addRuleRows();
    }
    void rule()
    {
        QFETCH(QString, json);
        QFETCH(bool, checkArn);
        QFETCH(int, severity);
        QFETCH(QString, pointer);
        QFETCH(QString, state);
        QFETCH(QString, message);
        asl::ValidationOptions options;
        options.checkArn = checkArn;
        const auto all = validateText(json.toStdString(), options);
        const bool found = std::any_of(all.begin(), all.end(), [&](const asl::Diagnostic &d) {
            return static_cast<int>(d.severity) == severity &&
                   (pointer.isEmpty() || d.pointer == pointer.toStdString()) &&
                   d.state == state.toStdString() &&
                   d.message.find(message.toStdString()) != std::string::npos;
        });
        QVERIFY2(found, ("expected " + pointer.toStdString() + " (state " + state.toStdString() +
                         "): " + message.toStdString() + "\ngot:\n" + joined(all))
                            .c_str());
    }

    void acceptsWhatStepFunctionsAccepts_data()
    {
        QTest::addColumn<QString>("json");
        addAcceptedRows();
    }
    void acceptsWhatStepFunctionsAccepts()
    {
        QFETCH(QString, json);
        const auto all = validateText(json.toStdString());
        QVERIFY2(errorsOf(all).empty(), joined(all).c_str());
    }

    void duplicateJsonKeysAreErrorsNamingTheState()
    {
        const auto all = validateText(
            "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\",\"End\":true,\"End\":true}}}");
        QVERIFY(!all.empty());
        QCOMPARE(all[0].pointer, std::string("/States/S/End"));
        QCOMPARE(all[0].state, std::string("S"));
        QVERIFY(all[0].message.find("occurs more than once") != std::string::npos);
    }

    void parseErrorHasLineAndColumn()
    {
        const auto all = validateText("{\n  \"StartAt\": \"S\",\n  \"States\": {,}\n}");
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].line, 3);
        QVERIFY(all[0].column > 0);
    }

    void hostileNestingDoesNotCrash()
    {
        // Built in memory so that only the validator's own depth limits are exercised.
        // Each level is wrapped by moving (an initializer list copies: building 5,000 levels that way copied
        // 12.5 million nodes, most of this test's time under the sanitizers).
        Json scope = {{"StartAt", "X"}, {"States", {{"X", {{"Type", "Succeed"}}}}}};
        for (int i = 0; i < 300; ++i) {
            const std::string name = "P" + std::to_string(i);
            Json state = {{"Type", "Parallel"}, {"Branches", Json::array()}, {"End", true}};
            state["Branches"].push_back(std::move(scope));
            scope = {{"StartAt", name}, {"States", Json::object()}};
            scope["States"][name] = std::move(state);
        }
        const auto deep = asl::validateDefinition(scope, "deep.json");
        QVERIFY(std::any_of(deep.begin(), deep.end(), [](const asl::Diagnostic &d) {
            return d.message.find("nested more than") != std::string::npos;
        }));

        Json rule = {{"Variable", "$.a"}, {"IsNull", true}};
        for (int i = 0; i < 5000; ++i) {
            Json outer = Json::object();
            outer["Not"] = std::move(rule);
            rule = std::move(outer);
        }
        rule["Next"] = "S";
        Json choice = {
            {"StartAt", "S"},
            {"States", {{"S", {{"Type", "Choice"}, {"Choices", Json::array({rule})}, {"Default", "S"}}}}}};
        QVERIFY(asl::hasErrors(asl::validateDefinition(choice, "rules.json")));

        Json payload = "x";
        for (int i = 0; i < 5000; ++i) {
            Json object = Json::object();
            object["k"] = std::move(payload);
            payload = Json::array();
            payload.push_back(std::move(object));
        }
        Json pass = {
            {"StartAt", "S"},
            {"States", {{"S", {{"Type", "Pass"}, {"Parameters", {{"p", payload}}}, {"End", true}}}}}};
        QVERIFY(asl::hasErrors(asl::validateDefinition(pass, "payload.json")));

        std::string path = "$";
        for (int i = 0; i < 200000; ++i)
            path += ".a";
        std::string brackets = "$";
        for (int i = 0; i < 20000; ++i)
            brackets += "[$";
        std::string jsonata = "{% ";
        for (int i = 0; i < 20000; ++i)
            jsonata += "(";
        jsonata += " %}";
        Json paths = {
            {"StartAt", "S"},
            {"States",
             {{"S",
               {{"Type", "Pass"},
                {"InputPath", path},
                {"Parameters", {{"a.$", brackets}}},
                {"Assign", {{"b.$", std::string(100000, '(')}}},
                {"Next", "J"}}},
              {"J", {{"Type", "Pass"}, {"QueryLanguage", "JSONata"}, {"Output", jsonata}, {"End", true}}}}}};
        const auto problems = asl::validateDefinition(paths, "paths.json");
        const auto count = std::count_if(problems.begin(), problems.end(), [](const asl::Diagnostic &d) {
            return d.severity == asl::Severity::Error;
        });
        QCOMPARE(count,
                 3); // the long InputPath is valid; the brackets, the parentheses and the JSONata are not
    }
};

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
