// Reading and writing ASL: every definition of tests/data (and of the corpus, when there is one) round-trips
// through our JSON and YAML writers to the same JSON; parse errors carry file, line and column.
#include "asl/reader.h"
#include "asl/workflow.h"
#include "asl/writer.h"
#include "definitionrows.h"

#include <QDir>
#include <QTest>

using egress::asl::Json;
namespace asl = egress::asl;

class TestAsl : public QObject
{
    Q_OBJECT

private slots:
    void fixturesAreThere()
    {
        for (const char *sub : {"asl", "asl-yaml", "asl-embedded", "asl-invalid"})
            QVERIFY2(egress::test::definitionFiles(egress::test::fixtureDir(sub)).size() >= 3, sub);
    }

    void corpusIsThere()
    {
        EGRESS_REQUIRE_CORPUS("the corpus size check");
        QVERIFY(QDir(egress::test::corpusDir() + "/asl").entryList(QDir::Files).size() > 200);
    }

    void roundTrip_data() { egress::test::addDefinitionRows({"asl", "asl-yaml", "asl-embedded"}); }
    void roundTrip()
    {
        QFETCH(QString, path);
        EGRESS_SKIP_CORPUS_ROW(path,
                               "round trips of the corpus's asl, asl-yaml and asl-embedded definitions");
        const asl::ReadResult read = asl::readFile(path.toStdString());
        QVERIFY2(read.value.has_value(), read.error ? read.error->toString().c_str() : "no value");
        const Json &original = *read.value;

        const std::string json = asl::writeJson(original);
        const asl::ReadResult fromJson = asl::parseJson(json, "roundtrip.json");
        QVERIFY(fromJson.value.has_value());
        QCOMPARE(fromJson.value->dump(), original.dump()); // same keys, same order, same number forms

        const std::string yaml = asl::writeYaml(original);
        const asl::ReadResult fromYaml = asl::parseYaml(yaml, "roundtrip.yaml");
        QVERIFY2(fromYaml.value.has_value(), fromYaml.error ? fromYaml.error->toString().c_str() : "");
        QCOMPARE(fromYaml.value->dump(), original.dump());
    }

    void numbersKeepTheirForm()
    {
        const auto read = asl::parseJson(R"({"BackoffRate": 2.0, "MaxAttempts": 3, "X": 1.5e3})", "n.json");
        QVERIFY(read.value);
        QCOMPARE(asl::writeJson(*read.value, -1),
                 std::string("{\"BackoffRate\":2.0,\"MaxAttempts\":3,\"X\":1500.0}\n"));
    }

    void barePlaceholderAsValue()
    {
        const auto read = asl::parseJson("{\"Seconds\": ${WaitTime}, \"Resource\": \"${Fn}\"}", "p.json");
        QVERIFY2(read.value, read.error ? read.error->toString().c_str() : "");
        QCOMPARE((*read.value)["Seconds"].get<std::string>(), std::string("${WaitTime}"));
        QCOMPARE((*read.value)["Resource"].get<std::string>(), std::string("${Fn}"));
    }

    void yamlPlaceholderWhereANumberBelongs()
    {
        const auto read =
            asl::parseYaml("Seconds: ${ReminderTimeout}\nCount: 3\nRate: 2.0\nFlag: 'true'\n", "p.yaml");
        QVERIFY(read.value);
        QVERIFY((*read.value)["Seconds"].is_string());
        QCOMPARE((*read.value)["Count"].get<int>(), 3);
        QCOMPARE((*read.value)["Rate"].dump(), std::string("2.0"));
        QVERIFY((*read.value)["Flag"].is_string());
    }

    void yamlAnchorsAndShortFormIntrinsics()
    {
        const auto read = asl::parseYaml(
            "a: &x {k: 1}\nb: *x\nr: !GetAtt Fn.Arn\nq: !Ref Topic\ns: !Sub 'arn:${AWS::Partition}'\n",
            "t.yaml");
        QVERIFY(read.value);
        QCOMPARE((*read.value)["b"]["k"].get<int>(), 1);
        QCOMPARE((*read.value)["r"].dump(), std::string(R"({"Fn::GetAtt":["Fn","Arn"]})"));
        QCOMPARE((*read.value)["q"].dump(), std::string(R"({"Ref":"Topic"})"));
        QCOMPARE((*read.value)["s"].dump(), std::string(R"({"Fn::Sub":"arn:${AWS::Partition}"})"));
    }

    void yamlAliasBombIsRefused()
    {
        std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; ++c, ++prev)
            bomb += std::string(1, c) + ": &" + c + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev +
                    ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n";
        const auto read = asl::parseYaml(bomb, "bomb.yaml");
        QVERIFY(!read.value);
        QVERIFY(read.error->message.find("10 million") != std::string::npos);
    }

    void malformedFileHasLineAndColumn_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("data") << egress::test::fixtureDir("asl-invalid/malformed-missing-comma.asl.json");
        QTest::newRow("corpus")
            << (egress::test::haveCorpus()
                    ? egress::test::corpusDir() +
                          "/asl-invalid/"
                          "sfn-workflows__sfn-iot-data-analytics-dataset--statemachine--statemachine.asl.json"
                    : QString());
    }
    void malformedFileHasLineAndColumn()
    {
        QFETCH(QString, path);
        EGRESS_SKIP_CORPUS_ROW(path, "the corpus's malformed definition");
        const std::string file = path.toStdString();
        const auto read = asl::readFile(file);
        QVERIFY(!read.value);
        QVERIFY(read.error->line > 1);
        QVERIFY(read.error->column > 0);
        QVERIFY(read.error->toString().rfind(file + ":" + std::to_string(read.error->line) + ":", 0) == 0);
    }

    void parseErrorPositionIgnoresInsertedQuotes()
    {
        const auto read = asl::parseJson("{\"a\": ${X},\n \"b\": }", "e.json");
        QVERIFY(!read.value);
        QCOMPARE(read.error->line, 2);
        QCOMPARE(read.error->column, 7);
    }

    void duplicateKeysAreReported()
    {
        const auto read = asl::parseJson(
            R"({"States": {"A": {"Type": "Pass", "Type": "Task"}}, "X": [1, {"y": 1, "y": 2}]})", "d.json");
        QVERIFY(read.value);
        QCOMPARE(read.duplicateKeys.size(), std::size_t(2));
        QCOMPARE(read.duplicateKeys[0], std::string("/States/A/Type"));
        QCOMPARE(read.duplicateKeys[1], std::string("/X/1/y"));
    }

    void missingAndHugeFiles()
    {
        const auto missing = asl::readFile("/nonexistent/definition.asl.json");
        QVERIFY(!missing.value);
        QCOMPARE(missing.error->file, std::string("/nonexistent/definition.asl.json"));
        QVERIFY(missing.error->message.find("cannot open") != std::string::npos);
    }

    void indexFindsNestedStatesAndEdges()
    {
        const auto read = asl::parseJson(R"({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Next": "C", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                    "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}]},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "F"}], "Default": "S"},
            "F": {"Type": "Fail"}, "S": {"Type": "Succeed"}}})",
                                         "i.json");
        QVERIFY(read.value);
        const auto index = asl::WorkflowIndex::build(*read.value);
        QCOMPARE(index.states().size(), std::size_t(7));
        QCOMPARE(index.scopes().size(), std::size_t(4));
        QCOMPARE(index.find("I")->pointer,
                 std::string("/States/P/Branches/1/States/M/ItemProcessor/States/I"));
        QCOMPARE(index.edges().size(), std::size_t(3));
        QCOMPARE(asl::classifyTask(*asl::stateJson(*read.value, *index.find("A"))), asl::TaskKind::Lambda);
    }

    void taskKinds_data()
    {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<int>("kind");
        QTest::newRow("lambda invoke") << "arn:aws:states:::lambda:invoke" << int(asl::TaskKind::Lambda);
        QTest::newRow("lambda arn") << "arn:aws:lambda:us-east-1:123456789012:function:f"
                                    << int(asl::TaskKind::Lambda);
        QTest::newRow("partition placeholder")
            << "arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken" << int(asl::TaskKind::Lambda);
        QTest::newRow("http") << "arn:aws:states:::http:invoke" << int(asl::TaskKind::Http);
        QTest::newRow("sns") << "arn:aws:states:::sns:publish" << int(asl::TaskKind::AwsService);
        QTest::newRow("activity") << "arn:aws:states:us-east-1:123456789012:activity:a"
                                  << int(asl::TaskKind::Activity);
        QTest::newRow("placeholder") << "${DDBUpdateItem}" << int(asl::TaskKind::Placeholder);
        QTest::newRow("statelint") << "foo:bar" << int(asl::TaskKind::Unknown);
    }
    void taskKinds()
    {
        QFETCH(QString, resource);
        QFETCH(int, kind);
        const Json state = {{"Type", "Task"}, {"Resource", resource.toStdString()}};
        QCOMPARE(int(asl::classifyTask(state)), kind);
    }
};

QTEST_GUILESS_MAIN(TestAsl)
#include "tst_asl.moc"
