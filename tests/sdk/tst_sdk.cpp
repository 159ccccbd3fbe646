// The AWS SDK action table (resources/sdk/aws-sdk-actions.json) and its reader: it loads, names services
// and actions as Step Functions does, ranks the palette's searches, builds Parameters skeletons, and gives
// the IAM action a Task needs — the same one the CloudFormation export's policy grants.
#include "sdk/catalog.h"
#include "sdk/integrations.h"

#include <QTest>

namespace sdk = egress::sdk;
using egress::asl::Json;

/** QCOMPARE for JSON values (QCOMPARE's overloads clash with nlohmann's implicit conversions). */
#define JSON_COMPARE(actual, expected)                                                                       \
    QVERIFY2((actual) == (expected),                                                                         \
             qPrintable(QString::fromStdString(Json(actual).dump() + " != " + Json(expected).dump())))

namespace {

const std::filesystem::path kTable = EGRESS_SOURCE_DIR "/resources/sdk/aws-sdk-actions.json";

QString firstHits(const std::vector<sdk::Match> &hits, std::size_t n)
{
    QStringList out;
    for (std::size_t i = 0; i < std::min(n, hits.size()); ++i)
        out << QString::fromStdString(hits[i].service->name + ":" + hits[i].operation->action);
    return out.join(QStringLiteral(", "));
}

} // namespace

class TestSdk : public QObject
{
    Q_OBJECT

    std::optional<sdk::Catalog> m_catalog;

private slots:
    void initTestCase()
    {
        std::string error;
        m_catalog = sdk::Catalog::load(kTable, &error);
        QVERIFY2(m_catalog, error.c_str());
    }

    void tableCoversTheSdk()
    {
        QVERIFY2(m_catalog->services().size() > 300, "the aws-sdk package has about 400 service models");
        QVERIFY(m_catalog->operationCount() > 10000);
        QVERIFY(QString::fromStdString(m_catalog->source()).startsWith("npm aws-sdk 2."));
        QVERIFY(!m_catalog->generated().empty());
        // Names as in arn:aws:states:::aws-sdk:<service>:<action>: lower case, no spaces or dashes.
        for (const auto &s : m_catalog->services())
            for (char c : s.name)
                QVERIFY2((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'), s.name.c_str());
        for (const char *name : {"dynamodb", "sqs", "sns", "s3", "sfn", "cloudwatchlogs", "eventbridge",
                                 "acmpca", "apigatewayv2", "databasemigration", "elasticsearch", "lambda"})
            QVERIFY2(m_catalog->service(name), name);
        QVERIFY(!m_catalog->service("dynamo db"));
    }

    void operationsHaveCamelCaseActionsAndPascalCaseMembers()
    {
        const sdk::Operation *put = m_catalog->operation("dynamodb", "putItem");
        QVERIFY(put);
        QCOMPARE(put->required, (std::vector<std::string>{"TableName", "Item"}));
        QVERIFY(std::find(put->optional.begin(), put->optional.end(), "ConditionExpression") !=
                put->optional.end());
        QVERIFY(m_catalog->operation("s3", "listObjectsV2"));
        QVERIFY(!m_catalog->operation("dynamodb", "PutItem"));
        // API Gateway's own API is camelCase (restApiId); Step Functions wants PascalCase.
        const sdk::Operation *getRest = m_catalog->operation("apigateway", "getRestApi");
        QVERIFY(getRest);
        QCOMPARE(getRest->required, std::vector<std::string>{"RestApiId"});
    }

    void iamPrefixesFollowTheSigningName()
    {
        auto iamOf = [&](const char *service, const char *action) {
            const sdk::Service *s = m_catalog->service(service);
            const sdk::Operation *op = m_catalog->operation(service, action);
            return s && op ? sdk::iamAction(*s, *op) : std::string("(no ") + service + ":" + action + ")";
        };
        QCOMPARE(iamOf("dynamodb", "putItem"), std::string("dynamodb:PutItem"));
        QCOMPARE(iamOf("sfn", "startExecution"), std::string("states:StartExecution"));
        QCOMPARE(iamOf("cloudwatchlogs", "putLogEvents"), std::string("logs:PutLogEvents"));
        QCOMPARE(iamOf("eventbridge", "putEvents"), std::string("events:PutEvents"));
        QCOMPARE(iamOf("cloudwatch", "putMetricData"), std::string("cloudwatch:PutMetricData"));
        QCOMPARE(iamOf("acmpca", "issueCertificate"), std::string("acm-pca:IssueCertificate"));
        QCOMPARE(iamOf("elasticsearch", "describeElasticsearchDomain"),
                 std::string("es:DescribeElasticsearchDomain"));
        // The generated prefix list and the table agree for every service.
        for (const auto &s : m_catalog->services())
            QCOMPARE(sdk::iamPrefix(s.name), s.iamPrefix);
    }

    void searchRanksServiceAndActionWords()
    {
        auto hits = m_catalog->search("dynamodb put");
        QVERIFY(!hits.empty());
        QCOMPARE(firstHits(hits, 1), QStringLiteral("dynamodb:putItem"));
        for (const auto &h : hits)
            QVERIFY2(h.service->name.rfind("dynamodb", 0) == 0, h.service->name.c_str());
        QCOMPARE(firstHits(m_catalog->search("sqs send"), 1), QStringLiteral("sqs:sendMessage"));
        QCOMPARE(firstHits(m_catalog->search("SNS Publish"), 1), QStringLiteral("sns:publish"));
        QCOMPARE(firstHits(m_catalog->search("s3:getObject"), 1), QStringLiteral("s3:getObject"));
        // A word of the action alone finds it in every service, exact names first.
        hits = m_catalog->search("putitem");
        QCOMPARE(firstHits(hits, 1), QStringLiteral("dynamodb:putItem"));
        // "logs" finds CloudWatch Logs by its title; "put" is not matched inside "Compute".
        hits = m_catalog->search("logs put", 200);
        QCOMPARE(firstHits(hits, 1), QStringLiteral("cloudwatchlogs:putLogEvents"));
        for (const auto &h : hits)
            QVERIFY2(h.service->name != "ec2", h.operation->action.c_str());
        // A word inside the action's words: "objects" finds listObjectsV2.
        QVERIFY(firstHits(m_catalog->search("s3 objects", 5), 5).contains("s3:listObjectsV2"));
        // Every word must match.
        QVERIFY(m_catalog->search("dynamodb nosuchaction").empty());
        QVERIFY(m_catalog->search("   ").empty());
        QCOMPARE(m_catalog->search("s3", 7).size(), std::size_t(7));
    }

    void optimizedIntegrationsWhereAwsHasThem()
    {
        QCOMPARE(sdk::optimizedResource("dynamodb", "putItem").value_or(""),
                 std::string("arn:aws:states:::dynamodb:putItem"));
        QCOMPARE(sdk::optimizedResource("sfn", "startExecution").value_or(""),
                 std::string("arn:aws:states:::states:startExecution"));
        QCOMPARE(sdk::optimizedResource("eventbridge", "putEvents").value_or(""),
                 std::string("arn:aws:states:::events:putEvents"));
        QCOMPARE(sdk::optimizedResource("lambda", "invoke").value_or(""),
                 std::string("arn:aws:states:::lambda:invoke"));
        QVERIFY(!sdk::optimizedResource("dynamodb", "query"));
        QCOMPARE(sdk::sdkResource("dynamodb", "query"),
                 std::string("arn:aws:states:::aws-sdk:dynamodb:query"));
    }

    void skeletonHasTheRequiredMembers()
    {
        const Json jsonPath = sdk::parametersSkeleton(*m_catalog->operation("dynamodb", "putItem"), false);
        JSON_COMPARE(jsonPath, Json::parse(R"({"TableName": "${TableName}", "Item.$": "$.Item"})"));
        const Json jsonata = sdk::parametersSkeleton(*m_catalog->operation("sqs", "sendMessage"), true);
        JSON_COMPARE(
            jsonata,
            Json::parse(R"({"QueueUrl": "${QueueUrl}", "MessageBody": "{% $states.input.MessageBody %}"})"));
        JSON_COMPARE(sdk::parametersSkeleton(*m_catalog->operation("sts", "getCallerIdentity"), false),
                     Json::object());
    }

    void taskIamActionsForEveryKindOfResource_data()
    {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("actions");
        QTest::newRow("sdk") << "arn:aws:states:::aws-sdk:dynamodb:query"
                             << "dynamodb:Query";
        QTest::newRow("sdk prefix") << "arn:aws:states:::aws-sdk:sfn:describeExecution"
                                    << "states:DescribeExecution";
        QTest::newRow("sdk token") << "arn:aws:states:::aws-sdk:ecs:runTask.waitForTaskToken"
                                   << "ecs:RunTask";
        QTest::newRow("optimized") << "arn:aws:states:::dynamodb:putItem"
                                   << "dynamodb:PutItem";
        QTest::newRow("sync") << "arn:aws:states:::states:startExecution.sync:2"
                              << "states:StartExecution";
        QTest::newRow("lambda") << "arn:aws:states:::lambda:invoke"
                                << "lambda:InvokeFunction";
        QTest::newRow("bare lambda") << "arn:aws:lambda:us-east-1:123456789012:function:f"
                                     << "lambda:InvokeFunction";
        QTest::newRow("http") << "arn:aws:states:::http:invoke"
                              << "states:InvokeHTTPEndpoint";
        QTest::newRow("api gateway") << "arn:aws:states:::apigateway:invoke"
                                     << "execute-api:Invoke";
        QTest::newRow("partition") << "arn:${AWS::Partition}:states:::sns:publish"
                                   << "sns:Publish";
        QTest::newRow("activity") << "arn:aws:states:us-east-1:123456789012:activity:a"
                                  << "";
        QTest::newRow("placeholder") << "${Function}"
                                     << "";
    }

    void taskIamActionsForEveryKindOfResource()
    {
        QFETCH(QString, resource);
        QFETCH(QString, actions);
        QStringList got;
        for (const auto &a : sdk::taskIamActions(resource.toStdString()))
            got << QString::fromStdString(a);
        QCOMPARE(got.join(' '), actions);
    }

    void malformedTablesAreRefusedWithThePlace_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("place");
        QTest::newRow("not json") << "{\"services\": ["
                                  << "not JSON";
        QTest::newRow("no services") << "{}"
                                     << "/services";
        QTest::newRow("bad service") << R"({"services": [{"name": 3}]})"
                                     << "/services/0";
        QTest::newRow("bad operation") << R"({"services": [{"name": "x", "operations": [["a", "B"]]}]})"
                                       << "/services/0/operations/0";
    }

    void malformedTablesAreRefusedWithThePlace()
    {
        QFETCH(QString, text);
        QFETCH(QString, place);
        std::string error;
        QVERIFY(!sdk::Catalog::parse(text.toStdString(), &error));
        QVERIFY2(QString::fromStdString(error).contains(place), error.c_str());
        QVERIFY(!sdk::Catalog::load("/nonexistent/table.json", &error));
        QVERIFY(QString::fromStdString(error).contains("/nonexistent/table.json"));
    }
};

QTEST_GUILESS_MAIN(TestSdk)
#include "tst_sdk.moc"
