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

namespace {

/** Numbers nlohmann::json would write otherwise, in payloads, Retry, Assign and JSONata fields. Compact, as
 * writeJson(-1) writes. */
const char *const kNumbersDefinition =
    R"({"Comment":"numbers as written","StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":10,)"
    R"("Next":"Work"},"Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":)"
    R"({"Price":1.50,"Hundred":1e2,"Tiny":1.0E-7,"Tenth":0.10,"Huge":123456789012345678901234567890,)"
    R"("Negative":-2.50,"Plain":2.5,"List":[0.10,2.0,3]},"Retry":[{"ErrorEquals":["States.ALL"],)"
    R"("BackoffRate":1.50,"MaxAttempts":3}],"Assign":{"rate":0.050},"Next":"Jsonata"},"Jsonata":{"Type":)"
    R"("Pass","QueryLanguage":"JSONata","Output":{"x":1.10,"e":2E+3},"Assign":{"big":99999999999999999999},)"
    R"("End":true}}})";

} // namespace

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
        // Without the kept forms, nlohmann::json's own text; with them, the text as written.
        QCOMPARE(asl::writeJson(*read.value, -1),
                 std::string("{\"BackoffRate\":2.0,\"MaxAttempts\":3,\"X\":1500.0}\n"));
        const asl::NumberTexts texts = asl::numberTextsIn(*read.value, read.numberForms);
        QCOMPARE(asl::writeJson(*read.value, -1, &texts),
                 std::string("{\"BackoffRate\":2.0,\"MaxAttempts\":3,\"X\":1.5e3}\n"));
    }

    // Every number exactly as written, in every kind of field, through the JSON and YAML writers and back.
    void numbersExactlyAsWritten()
    {
        const std::string source = kNumbersDefinition;
        const auto read = asl::parseJson(source, "numbers.asl.json");
        QVERIFY2(read.value, read.error ? read.error->toString().c_str() : "");
        QCOMPARE(read.numberForms.at("/States/Work/Parameters/Price"), std::string("1.50"));
        QCOMPARE(read.numberForms.at("/States/Work/Parameters/Huge"),
                 std::string("123456789012345678901234567890"));
        QVERIFY(!read.numberForms.count("/States/Work/Retry/0/MaxAttempts")); // integers need nothing
        const asl::NumberTexts texts = asl::numberTextsIn(*read.value, read.numberForms);
        const std::string json = asl::writeJson(*read.value, -1, &texts);
        QCOMPARE(json, source + "\n");
        // The pretty layout is nlohmann's own, byte for byte, apart from the numbers.
        const auto pretty = asl::parseJson(asl::writeJson(*read.value, 2, &texts), "pretty.json");
        QVERIFY(pretty.value);
        QCOMPARE(pretty.numberForms, read.numberForms);
        const std::string yaml = asl::writeYaml(*read.value, &texts);
        for (const char *line : {"Price: 1.50\n", "Hundred: 1e2\n", "Tiny: 1.0E-7\n", "Tenth: 0.10\n",
                                 "Huge: 123456789012345678901234567890\n", "- 0.10\n", "BackoffRate: 1.50\n",
                                 "rate: 0.050\n", "x: 1.10\n", "e: 2E+3\n", "big: 99999999999999999999\n"})
            QVERIFY2(yaml.find(line) != std::string::npos, (std::string(line) + " not in:\n" + yaml).c_str());
        const auto fromYaml = asl::parseYaml(yaml, "numbers.asl.yaml");
        QVERIFY(fromYaml.value);
        const asl::NumberTexts yamlTexts = asl::numberTextsIn(*fromYaml.value, fromYaml.numberForms);
        QCOMPARE(asl::writeJson(*fromYaml.value, -1, &yamlTexts), source + "\n");
        // A number changed since it was read is written as its new value.
        Json edited = *read.value;
        edited["States"]["Work"]["Parameters"]["Price"] = 2.5;
        const asl::NumberTexts editedTexts = asl::numberTextsIn(edited, read.numberForms);
        const std::string editedJson = asl::writeJson(edited, -1, &editedTexts);
        QVERIFY(editedJson.find("\"Price\":2.5,") != std::string::npos);
        QVERIFY(editedJson.find("\"Tenth\":0.10,") != std::string::npos);
    }

    void yamlNumberForms()
    {
        const auto read = asl::parseYaml("A: .5\nB: +1\nC: 1.\nD: 1.50\nE: 7\nF: [1e2, !Ref X]\n", "n.yaml");
        QVERIFY(read.value);
        const asl::NumberTexts texts = asl::numberTextsIn(*read.value, read.numberForms);
        // YAML spellings JSON lacks become their JSON spelling; the rest stays as written.
        QCOMPARE(asl::writeJson(*read.value, -1, &texts),
                 std::string(R"({"A":0.5,"B":1,"C":1.0,"D":1.50,"E":7,"F":[1e2,{"Ref":"X"}]})"
                             "\n"));
    }

    // A definition inline in a YAML template keeps its short tags through the YAML export.
    void shortTagsSurviveTheYamlExport()
    {
        const std::string yaml =
            "StartAt: Hello\n"
            "States:\n"
            "  Hello:\n"
            "    Type: Task\n"
            "    Resource: !GetAtt HelloFunction.Arn\n"
            "    Parameters:\n"
            "      Table: !Ref OrdersTable\n"
            "      Topic: !Sub 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:t'\n"
            "      Joined: !Join ['-', [a, !Ref Stage]]\n"
            "    End: true\n";
        const auto read = asl::parseYaml(yaml, "inline.yaml");
        QVERIFY2(read.value, read.error ? read.error->toString().c_str() : "");
        QCOMPARE((*read.value)["States"]["Hello"]["Parameters"]["Table"].dump(),
                 std::string(R"({"Ref":"OrdersTable"})"));
        const std::string written = asl::writeYaml(*read.value);
        for (const char *tag : {"Resource: !GetAtt HelloFunction.Arn\n", "Table: !Ref OrdersTable\n",
                                "Topic: !Sub ", "Joined: !Join", "!Ref Stage"})
            QVERIFY2(written.find(tag) != std::string::npos,
                     (std::string(tag) + " not in:\n" + written).c_str());
        QVERIFY2(written.find("Fn::") == std::string::npos, written.c_str());
        QVERIFY2(written.find("Ref:") == std::string::npos, written.c_str());
        const auto back = asl::parseYaml(written, "back.yaml");
        QVERIFY2(back.value, back.error ? back.error->toString().c_str() : "");
        QCOMPARE(back.value->dump(), read.value->dump());
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
        QVERIFY(read.error->message.find("through its aliases") !=
                std::string::npos); // 4 values a byte of text
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
        // Named like a Lambda function: a Lambda step everywhere (import, pictures, pricing, export-cfn).
        QTest::newRow("function placeholder") << "${HelloFunctionArn}" << int(asl::TaskKind::Lambda);
        QTest::newRow("lambda placeholder") << "${ProcessLambdaArn}" << int(asl::TaskKind::Lambda);
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
