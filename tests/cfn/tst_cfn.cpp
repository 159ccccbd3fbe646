// CloudFormation export: placement and egress drive the network, least privilege, every trigger,
// definition wiring, the YAML short form, and golden files for the example project.
// Regenerate the golden files with: EGRESS_REGENERATE_GOLDEN=1 ./build/tests/cfn/tst_cfn
#include "asl/reader.h"
#include "asl/workflow.h"
#include "cfn/definitionwiring.h"
#include "cfn/templatebuilder.h"
#include "cfn/templatewriter.h"
#include "design/projectio.h"
#include "sdk/catalog.h"
#include "sdk/integrations.h"

#include <QFile>
#include <QTest>
#include <algorithm>
#include <fstream>
#include <sstream>

using egress::asl::Json;
namespace cfn = egress::cfn;
namespace design = egress::design;
namespace asl = egress::asl;

namespace {

design::Project example()
{
    auto load = design::loadProject(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
    if (!load)
        qFatal("the example project does not load");
    return *load.project;
}

/** A project around a definition of tests/cfn/data (Lambda steps inside the VPC, as an import makes them). */
design::Project fromDefinition(const std::string &file)
{
    auto read = asl::readFile(EGRESS_SOURCE_DIR "/tests/cfn/data/" + file);
    if (!read)
        qFatal("bad test definition: %s", read.error->toString().c_str());
    return design::projectFromDefinition(*read.value, "test");
}

Json build(const design::Project &project, cfn::Variant variant = cfn::Variant::Designed,
           bool createVpc = false)
{
    return cfn::buildTemplate(project, {variant, createVpc}).templateJson;
}

std::vector<std::string> ofType(const Json &t, const std::string &type)
{
    std::vector<std::string> ids;
    for (const auto &[id, r] : t["Resources"].items())
        if (r["Type"] == type)
            ids.push_back(id);
    return ids;
}

int count(const Json &t, const std::string &type)
{
    return static_cast<int>(ofType(t, type).size());
}

/** Every statement of the state machine role's policy. */
Json statements(const Json &t)
{
    return t["Resources"]["StateMachineRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
}

/** The resources granted an action, or null when no statement grants it. */
Json grantOf(const Json &t, const std::string &action)
{
    Json out = Json::array();
    bool found = false;
    for (const auto &s : statements(t)) {
        if (!s.contains("Action"))
            continue;
        for (const auto &a : s["Action"])
            if (a == action) {
                found = true;
                for (const auto &r : s["Resource"])
                    out.push_back(r);
            }
    }
    return found ? out : Json();
}

Json refTo(const std::string &name)
{
    return Json{{"Ref", name}};
}

Json getAtt(const std::string &r, const std::string &a)
{
    return Json{{"Fn::GetAtt", Json::array({r, a})}};
}

} // namespace

/** Compares JSON values by their text, so a failure shows both. */
#define JCOMPARE(actual, expected) QCOMPARE(Json(actual).dump(), Json(expected).dump())

class TestCfn : public QObject
{
    Q_OBJECT

private slots:
    void designedExampleHasNoNatGateway()
    {
        const Json t = build(example());
        QCOMPARE(count(t, "AWS::EC2::NatGateway"), 0);
        QCOMPARE(count(t, "AWS::EC2::EIP"), 0);
        QCOMPARE(count(t, "AWS::Lambda::Function"), 4);
        QCOMPARE(count(t, "AWS::StepFunctions::StateMachine"), 1);
        QVERIFY(t["Parameters"].contains("VpcId"));
        QVERIFY(t["Parameters"].contains("PrivateSubnetIds"));
        QVERIFY(!t["Parameters"].contains("PublicSubnetIds"));
    }

    void natVariantHasOneNatPerAz_data()
    {
        QTest::addColumn<int>("azs");
        QTest::addColumn<bool>("createVpc");
        for (int azs : {1, 2, 3})
            for (bool create : {false, true})
                QTest::addRow("%d AZ%s", azs, create ? ", created VPC" : "") << azs << create;
    }
    void natVariantHasOneNatPerAz()
    {
        QFETCH(int, azs);
        QFETCH(bool, createVpc);
        design::Project p = example();
        p.vpc.availabilityZones = azs;
        const Json t = build(p, cfn::Variant::NatGateway, createVpc);
        QCOMPARE(count(t, "AWS::EC2::NatGateway"), azs);
        QCOMPARE(count(t, "AWS::EC2::EIP"), azs);
        QCOMPARE(count(t, "AWS::EC2::Route"), azs + (createVpc ? 1 : 0)); // + the public default route
        QCOMPARE(count(t, "AWS::StepFunctions::StateMachine"), 0);
        const auto functions = ofType(t, "AWS::Lambda::Function");
        QCOMPARE(functions.size(), std::size_t(1));
        const Json &fn = t["Resources"][functions[0]]["Properties"];
        QCOMPARE(fn["MemorySize"].get<int>(), 512);                         // the largest step's
        QCOMPARE(fn["Timeout"].get<int>(), cfn::lambdaTimeoutSeconds(610)); // the summed durations
        QCOMPARE(fn["Architectures"][0].get<std::string>(), std::string("arm64"));
        QVERIFY(fn.contains("VpcConfig"));
        QCOMPARE(count(t, "AWS::EC2::VPC"), createVpc ? 1 : 0);
        QCOMPARE(count(t, "AWS::EC2::Subnet"), createVpc ? 2 * azs : 0);
        QCOMPARE(t["Parameters"].contains("PublicSubnetIds"), !createVpc);
        QCOMPARE(count(t, "AWS::ApiGateway::RestApi"), 1); // fronted by the same trigger
    }

    void placementDrivesTheTemplate_data()
    {
        QTest::addColumn<QString>("placement");
        QTest::addColumn<QString>("egress");
        QTest::addColumn<bool>("vpcConfig");
        QTest::addColumn<int>("natGateways");
        QTest::addColumn<int>("endpoints");
        QTest::newRow("outside, internet") << "outside-vpc"
                                           << "internet" << false << 0 << 0;
        QTest::newRow("inside, internet") << "inside-vpc"
                                          << "internet" << true << 2 << 0;
        QTest::newRow("inside, no egress") << "inside-vpc"
                                           << "none" << true << 0 << 0;
        QTest::newRow("inside, gateway endpoint") << "inside-vpc"
                                                  << "aws-gateway-endpoint" << true << 0 << 2;
        QTest::newRow("outside, gateway endpoint") << "outside-vpc"
                                                   << "aws-gateway-endpoint" << false << 0 << 0;
        QTest::newRow("inside, interface endpoint") << "inside-vpc"
                                                    << "aws-interface-endpoint" << true << 0 << 1;
    }
    void placementDrivesTheTemplate()
    {
        QFETCH(QString, placement);
        QFETCH(QString, egress);
        QFETCH(bool, vpcConfig);
        QFETCH(int, natGateways);
        QFETCH(int, endpoints);
        for (bool createVpc : {false, true}) {
            design::Project p = example();
            auto &step = p.steps["Call partner API"];
            step.placement = *design::placementFromString(placement.toStdString());
            step.egress = *design::egressFromString(egress.toStdString());
            const Json t = build(p, cfn::Variant::Designed, createVpc);
            const Json &fn = t["Resources"]["CallPartnerAPIFunction"];
            QCOMPARE(fn["Properties"].contains("VpcConfig"), vpcConfig);
            JCOMPARE(fn["Properties"]["Role"], getAtt(vpcConfig ? "VpcFunctionRole" : "FunctionRole", "Arn"));
            QCOMPARE(count(t, "AWS::EC2::NatGateway"), natGateways);
            QCOMPARE(count(t, "AWS::EC2::VPCEndpoint"), endpoints);
            QCOMPARE(count(t, "AWS::EC2::InternetGateway"), createVpc && natGateways ? 1 : 0);
            // The other steps stay as drawn.
            QVERIFY(t["Resources"]["PrepareOrderFunction"]["Properties"].contains("VpcConfig"));
        }
    }

    void functionNamesDoNotRepeatFunction()
    {
        // The palette names a new Lambda step "Invoke function": its resource is InvokeFunction.
        const Json definition = Json::parse(R"({"StartAt": "Invoke function", "States": {
            "Invoke function": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                "Parameters": {"FunctionName": "${FunctionArn}", "Payload.$": "$"},
                                "Next": "Charge"},
            "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Parameters": {"FunctionName": "${ChargeArn}", "Payload.$": "$"}, "End": true}}})");
        const Json t = build(design::projectFromDefinition(definition, "names"));
        QVERIFY2(t["Resources"].contains("InvokeFunction"), t["Resources"].dump().c_str());
        QVERIFY(!t["Resources"].contains("InvokeFunctionFunction"));
        QVERIFY(t["Resources"].contains("ChargeFunction"));
    }

    void vpcAccessOnlyWhereNeeded()
    {
        design::Project p = example();
        for (auto &[name, step] : p.steps)
            step.placement = design::Placement::OutsideVpc;
        const Json t = build(p, cfn::Variant::Designed, true);
        QVERIFY(!t["Resources"].contains("VpcFunctionRole"));
        QCOMPARE(count(t, "AWS::EC2::VPC"), 0); // nothing runs inside, so no network is created
        QVERIFY(!t["Parameters"].contains("VpcId"));
        const Json policies = t["Resources"]["FunctionRole"]["Properties"]["ManagedPolicyArns"];
        QCOMPARE(policies.size(), std::size_t(1));
        QVERIFY(policies.dump().find("AWSLambdaBasicExecutionRole") != std::string::npos);
    }

    void interfaceEndpointService()
    {
        design::Project p = example();
        p.steps["Prepare order"].egress = design::Egress::AwsInterfaceEndpoint;
        p.steps["Prepare order"].extra["endpointService"] = "secretsmanager";
        p.steps["Record result"].egress = design::Egress::AwsInterfaceEndpoint; // no service: a parameter
        const Json t = build(p, cfn::Variant::Designed, true);
        QCOMPARE(count(t, "AWS::EC2::VPCEndpoint"), 2);
        JCOMPARE(t["Resources"]["SecretsmanagerInterfaceEndpoint"]["Properties"]["ServiceName"]["Fn::Sub"],
                 Json("com.amazonaws.${AWS::Region}.secretsmanager"));
        QVERIFY(t["Parameters"].contains("InterfaceEndpointService"));
        QVERIFY(t["Resources"].contains("EndpointSecurityGroup"));
    }

    void lambdaInvokeOnExactlyTheFunctions()
    {
        const Json t = build(example());
        Json expected = Json::array();
        for (const char *fn : {"PrepareOrderFunction", "CallPartnerAPIFunction", "RecordResultFunction",
                               "RecordFailureFunction"}) {
            expected.push_back(getAtt(fn, "Arn"));
            expected.push_back(Json{{"Fn::Sub", std::string("${") + fn + ".Arn}:*"}});
        }
        JCOMPARE(grantOf(t, "lambda:InvokeFunction"), expected);
        // "*" only for the actions that take no resource.
        for (const auto &s : statements(t)) {
            if (s.contains("Fn::If"))
                continue;
            if (s["Resource"] == "*")
                QVERIFY2(s["Action"][0].get<std::string>().rfind("logs:", 0) == 0, s.dump().c_str());
        }
        const Json subs = t["Resources"]["StateMachine"]["Properties"]["DefinitionSubstitutions"];
        JCOMPARE(subs["PrepareOrderFunctionArn"], getAtt("PrepareOrderFunction", "Arn"));
        QCOMPARE(subs.size(), std::size_t(4));
    }

    void serviceIntegrationsGetLeastPrivilege()
    {
        const auto result = cfn::buildTemplate(fromDefinition("services.asl.json"), {});
        const Json &t = result.templateJson;
        JCOMPARE(grantOf(t, "lambda:InvokeFunction"), Json());
        const Json sns = grantOf(t, "sns:Publish");
        JCOMPARE(sns[0], Json("arn:aws:sns:us-east-1:123456789012:orders"));
        QCOMPARE(sns.size(), std::size_t(2)); // the dynamic TopicArn.$ gets the account's topics ...
        QVERIFY(sns[1].dump().find("${AWS::AccountId}") != std::string::npos);
        QVERIFY(std::any_of(result.notes.begin(), result.notes.end(), // ... and says so
                            [](const std::string &n) { return n.find("\"Dynamic\"") != std::string::npos; }));
        const Json ddb = grantOf(t, "dynamodb:PutItem");
        QCOMPARE(ddb.size(), std::size_t(1));
        JCOMPARE(ddb[0]["Fn::Sub"][1]["Table"], refTo("OrdersTable"));
        JCOMPARE(t["Parameters"]["OrdersTable"]["Type"], Json("String"));
        JCOMPARE(grantOf(t, "sqs:SendMessage"),
                 Json::array({Json{{"Fn::Sub", "arn:${AWS::Partition}:sqs:us-east-1:123456789012:jobs"}}}));
        JCOMPARE(grantOf(t, "states:StartExecution")[0],
                 Json("arn:aws:states:us-east-1:123456789012:stateMachine:child"));
        QVERIFY(!grantOf(t, "states:DescribeExecution").is_null()); // .sync polls
        QVERIFY(!grantOf(t, "events:PutRule").is_null());
        // HTTP Task: a connection with a NoEcho key, and the endpoint/connection permissions.
        const auto connections = ofType(t, "AWS::Events::Connection");
        QCOMPARE(connections.size(), std::size_t(1));
        const Json auth =
            t["Resources"][connections[0]]["Properties"]["AuthParameters"]["ApiKeyAuthParameters"];
        const std::string keyParam = auth["ApiKeyValue"]["Ref"].get<std::string>();
        JCOMPARE(t["Parameters"][keyParam]["NoEcho"], Json(true));
        JCOMPARE(grantOf(t, "events:RetrieveConnectionCredentials")[0], getAtt(connections[0], "Arn"));
        JCOMPARE(grantOf(t, "secretsmanager:GetSecretValue")[0], getAtt(connections[0], "SecretArn"));
        QVERIFY(!grantOf(t, "states:InvokeHTTPEndpoint").is_null());
        for (const auto &s : statements(t))
            if (!s.contains("Fn::If") && s["Action"][0] == "states:InvokeHTTPEndpoint")
                // The URL and the paths under it, not every URL that starts alike (issue #18).
                JCOMPARE(s["Condition"]["StringLike"]["states:HTTPEndpoint"],
                         Json::array({"https://api.example.com/orders", "https://api.example.com/orders/*"}));
        const Json def = t["Resources"]["StateMachine"]["Properties"]["Definition"];
        const std::string connectionArn =
            def["States"]["Partner"]["Parameters"]["Authentication"]["ConnectionArn"].get<std::string>();
        QVERIFY(asl::isWholePlaceholder(connectionArn));
    }

    // aws-sdk Tasks get the IAM action of the table generated from AWS's service models (the one the
    // Inspector shows): "acm-pca:IssueCertificate", not the integration's service name "acmpca:…".
    void sdkTasksGetTheTablesIamAction()
    {
        std::string error;
        const auto catalog =
            egress::sdk::Catalog::load(EGRESS_SOURCE_DIR "/resources/sdk/aws-sdk-actions.json", &error);
        QVERIFY2(catalog, error.c_str());
        const std::vector<std::pair<std::string, std::string>> calls = {
            {"acmpca", "issueCertificate"},
            {"cognitoidentityprovider", "adminGetUser"},
            {"databasemigration", "startReplicationTask"},
            {"elasticsearch", "describeElasticsearchDomain"},
            {"cloudwatch", "putMetricData"},
            {"sfn", "describeExecution"},
            {"cloudwatchlogs", "putLogEvents"},
            {"dynamodb", "query"},
            {"location", "searchPlaceIndexForText"},
            {"mwaa", "createCliToken"}};
        Json states = Json::object();
        for (std::size_t i = 0; i < calls.size(); ++i) {
            const std::string name = "Call " + std::to_string(i);
            states[name] = {{"Type", "Task"},
                            {"Resource", egress::sdk::sdkResource(calls[i].first, calls[i].second)},
                            {"Parameters", Json::object()}};
            if (i + 1 < calls.size())
                states[name]["Next"] = "Call " + std::to_string(i + 1);
            else
                states[name]["End"] = true;
        }
        const Json t =
            build(design::projectFromDefinition({{"StartAt", "Call 0"}, {"States", states}}, "sdk"));
        for (const auto &[service, action] : calls) {
            const auto *s = catalog->service(service);
            const auto *op = catalog->operation(service, action);
            QVERIFY2(s && op, (service + ":" + action).c_str());
            const std::string expected = egress::sdk::iamAction(*s, *op);
            QVERIFY2(!grantOf(t, expected).is_null(), expected.c_str());
            QCOMPARE(egress::sdk::taskIamActions(egress::sdk::sdkResource(service, action)),
                     std::vector<std::string>{expected});
        }
        QVERIFY(grantOf(t, "acmpca:IssueCertificate").is_null());
    }

    // An HTTP Task that names its EventBridge connection keeps it: no second connection, no API-key
    // parameter, Authentication unchanged; the role may read that connection. One that names none gets one.
    void httpTaskReusesTheConnectionItNames()
    {
        const auto result = cfn::buildTemplate(fromDefinition("http-connections.asl.json"), {});
        const Json &t = result.templateJson;
        const auto connections = ofType(t, "AWS::Events::Connection");
        QCOMPARE(connections.size(), std::size_t(1)); // for "Unnamed" only
        const Json def = t["Resources"]["StateMachine"]["Properties"]["Definition"];
        JCOMPARE(def["States"]["Named"]["Parameters"]["Authentication"],
                 Json({{"ConnectionArn", "arn:aws:events:us-east-1:123456789012:connection/partner/abc"}}));
        const Json &privateArgs = def["States"]["Private"]["Parameters"];
        JCOMPARE(privateArgs["InvocationConfig"]["ConnectionArn"], Json("${PrivateApiConnectionArn}"));
        QVERIFY(!privateArgs.contains("Authentication"));
        JCOMPARE(t["Parameters"]["PrivateApiConnectionArn"]["Type"], Json("String"));
        int noEcho = 0;
        for (const auto &[name, parameter] : t["Parameters"].items())
            noEcho += parameter.value("NoEcho", false) ? 1 : 0;
        QCOMPARE(noEcho, 1); // one API key, for the connection made for "Unnamed"
        const Json credentials = grantOf(t, "events:RetrieveConnectionCredentials");
        const auto granted = [&](const Json &resource) {
            return std::find(credentials.begin(), credentials.end(), resource) != credentials.end();
        };
        QVERIFY2(granted(Json("arn:aws:events:us-east-1:123456789012:connection/partner/abc")),
                 credentials.dump().c_str());
        QVERIFY2(granted(refTo("PrivateApiConnectionArn")), credentials.dump().c_str());
        QVERIFY2(granted(getAtt(connections[0], "Arn")), credentials.dump().c_str());
        QVERIFY(grantOf(t, "secretsmanager:GetSecretValue").dump().find("events!connection/*") !=
                std::string::npos);
        const auto noted = [&](const std::string &text) {
            return std::any_of(result.notes.begin(), result.notes.end(),
                               [&](const std::string &n) { return n.find(text) != std::string::npos; });
        };
        QVERIFY(
            noted("step \"Named\": uses the connection its definition names (Authentication.ConnectionArn "
                  "arn:aws:events:us-east-1:123456789012:connection/partner/abc)"));
        QVERIFY(noted("step \"Private\": uses the connection its definition names "
                      "(InvocationConfig.ConnectionArn ${PrivateApiConnectionArn})"));
    }

    // A Resource known only once deployed whose name says Lambda function (${HelloFunctionArn},
    // !GetAtt GoodbyeLambda.Arn) is a Lambda step for import and export alike.
    void placeholderNamedLikeALambdaIsALambda()
    {
        const design::Project project = fromDefinition("placeholder-lambda.asl.json");
        QCOMPARE(project.step("Hello").placement, design::Placement::InsideVpc);
        QCOMPARE(project.step("Goodbye").placement, design::Placement::InsideVpc);
        QCOMPARE(project.step("Record").placement, design::Placement::OutsideVpc);
        const auto result = cfn::buildTemplate(project, {});
        const Json &t = result.templateJson;
        QCOMPARE(count(t, "AWS::Lambda::Function"), 2);
        const Json def = t["Resources"]["StateMachine"]["Properties"]["Definition"];
        JCOMPARE(def["States"]["Hello"]["Resource"], Json("${HelloFunctionArn}")); // the user's name is kept
        JCOMPARE(def["States"]["Goodbye"]["Resource"], Json("${GoodbyeFunctionArn}"));
        const Json subs = t["Resources"]["StateMachine"]["Properties"]["DefinitionSubstitutions"];
        JCOMPARE(subs["HelloFunctionArn"], getAtt("HelloFunction", "Arn"));
        JCOMPARE(subs["GoodbyeFunctionArn"], getAtt("GoodbyeFunction", "Arn"));
        QVERIFY(!t.contains("Parameters") || !t["Parameters"].contains("HelloFunctionArn"));
        const Json invoke = grantOf(t, "lambda:InvokeFunction");
        QVERIFY2(invoke.dump().find("HelloFunction") != std::string::npos, invoke.dump().c_str());
        QVERIFY2(invoke.dump().find("GoodbyeFunction") != std::string::npos, invoke.dump().c_str());
        const auto noted = [&](const std::string &text) {
            return std::any_of(result.notes.begin(), result.notes.end(),
                               [&](const std::string &n) { return n.find(text) != std::string::npos; });
        };
        QVERIFY(
            noted("step \"Hello\": Resource ${HelloFunctionArn} is taken for a Lambda function ARN (by its "
                  "name)"));
        QVERIFY(noted("step \"Record\": its Resource ${DDBPutItem} is known only when deployed"));
    }

    // The definition inside the template keeps its numbers as written, in JSON and YAML.
    void definitionNumbersExactlyAsWritten()
    {
        const std::string source =
            R"({"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",)"
            R"("Parameters":{"FunctionName":"${Fn}","Payload":{"price":1.50,"ratio":1e2,)"
            R"("id":123456789012345678901234567890}},"Retry":[{"ErrorEquals":["States.ALL"],"BackoffRate":1.50}],)"
            R"("End":true}}})";
        const auto read = asl::parseJson(source, "numbers.asl.json");
        QVERIFY(read.value);
        const design::Project project =
            design::projectFromDefinition(*read.value, "numbers", read.numberForms);
        const cfn::ExportResult result = cfn::buildTemplate(project, {});
        const std::string json = cfn::writeTemplate(result, asl::TextFormat::JsonText);
        for (const char *text : {"\"price\": 1.50", "\"ratio\": 1e2",
                                 "\"id\": 123456789012345678901234567890", "\"BackoffRate\": 1.50"})
            QVERIFY2(json.find(text) != std::string::npos, text);
        const std::string yaml = cfn::writeTemplate(result, asl::TextFormat::YamlText);
        for (const char *text :
             {"price: 1.50\n", "ratio: 1e2\n", "id: 123456789012345678901234567890\n", "BackoffRate: 1.50\n"})
            QVERIFY2(yaml.find(text) != std::string::npos, text);
        // Both read back as the template built.
        const auto back = asl::parseJson(json, "template.json");
        QVERIFY(back.value);
        QCOMPARE(back.value->dump(), result.templateJson.dump());
    }

    void definitionWiring()
    {
        egress::cfn::TemplateDoc doc;
        const auto wired = cfn::wireDefinition(fromDefinition("wiring.asl.json"), doc);
        const Json &s = wired.definition["States"];
        QCOMPARE(wired.functions.size(), std::size_t(4));
        JCOMPARE(s["A"]["Parameters"]["FunctionName"], Json("${SharedFn}")); // kept
        JCOMPARE(s["B"]["Parameters"]["FunctionName"],
                 Json("${BFunctionArn}"));                     // a shared placeholder is split
        JCOMPARE(s["C"]["Resource"], Json("${CFunctionArn}")); // a direct ARN is replaced
        JCOMPARE(s["D"]["Parameters"]["FunctionName"], Json("${DFunctionArn}")); // an intrinsic is replaced
        JCOMPARE(s["E"]["Resource"], Json("arn:${AWSPartition}:states:::dynamodb:getItem"));
        JCOMPARE(s["E"]["Parameters"]["TableName"], Json("${Table}"));
        JCOMPARE(s["E"]["Parameters"]["Key"]["id"]["S"], Json("${MyKey}")); // renamed to an alphanumeric name
        JCOMPARE(wired.substitutions["SharedFn"], getAtt("AFunction", "Arn"));
        JCOMPARE(wired.substitutions["BFunctionArn"], getAtt("BFunction", "Arn"));
        JCOMPARE(wired.substitutions["AWSPartition"], refTo("AWS::Partition"));
        JCOMPARE(wired.substitutions["Table"], refTo("Table"));
        JCOMPARE(wired.substitutions["MyKey"], refTo("MyKey"));
        JCOMPARE(wired.expressionFor("plain"), Json("plain"));
        JCOMPARE(wired.expressionFor("${Table}"), refTo("Table"));
        JCOMPARE(wired.expressionFor("t/${Table}")["Fn::Sub"][1]["Table"], refTo("Table"));
    }

    void triggers_data()
    {
        QTest::addColumn<QString>("trigger");
        QTest::addColumn<int>("variant");
        QTest::addColumn<QString>("workflowType");
        QTest::addColumn<QString>("mainType");
        QTest::addColumn<QString>("expected"); // a text the trigger's wiring must contain
        const char *rest = "AWS::ApiGateway::Method", *http = "AWS::ApiGatewayV2::Integration",
                   *rule = "AWS::Events::Rule";
        QTest::newRow("REST, standard")
            << "api-gateway-rest" << 0 << "STANDARD" << rest << "states:action/StartExecution";
        QTest::newRow("REST, express")
            << "api-gateway-rest" << 0 << "EXPRESS" << rest << "states:action/StartSyncExecution";
        QTest::newRow("REST, NAT") << "api-gateway-rest" << 1 << "STANDARD" << rest
                                   << "lambda:path/2015-03-31/functions/";
        QTest::newRow("HTTP, standard")
            << "api-gateway-http" << 0 << "STANDARD" << http << "StepFunctions-StartExecution";
        QTest::newRow("HTTP, express")
            << "api-gateway-http" << 0 << "EXPRESS" << http << "StepFunctions-StartSyncExecution";
        QTest::newRow("HTTP, NAT") << "api-gateway-http" << 1 << "STANDARD" << http << "MonolithFunction";
        QTest::newRow("EventBridge") << "eventbridge" << 0 << "STANDARD" << rule << "EventRuleRole";
        QTest::newRow("EventBridge, NAT") << "eventbridge" << 1 << "STANDARD" << rule << "MonolithFunction";
    }
    void triggers()
    {
        QFETCH(QString, trigger);
        QFETCH(int, variant);
        QFETCH(QString, workflowType);
        QFETCH(QString, mainType);
        QFETCH(QString, expected);
        design::Project p = example();
        p.usage.trigger = *design::triggerFromString(trigger.toStdString());
        p.workflowType = *design::workflowTypeFromString(workflowType.toStdString());
        const Json t = build(p, static_cast<cfn::Variant>(variant));
        const auto main = ofType(t, mainType.toStdString());
        QCOMPARE(main.size(), std::size_t(1));
        QVERIFY2(t["Resources"][main[0]].dump().find(expected.toStdString()) != std::string::npos,
                 t["Resources"][main[0]].dump().c_str());
        const bool api = trigger != "eventbridge";
        QCOMPARE(t["Outputs"].contains("ApiUrl"), api);
        // Each trigger may start exactly its target.
        const bool viaPermission =
            !api && variant == 1; // EventBridge → Lambda uses the function's resource policy
        QCOMPARE(count(t, "AWS::IAM::Role") - (variant == 1 ? 1 : 3), viaPermission ? 0 : 1);
        QCOMPARE(count(t, "AWS::Lambda::Permission"), viaPermission ? 1 : 0);
        if (!viaPermission) {
            for (const auto &roleId : ofType(t, "AWS::IAM::Role")) {
                const Json &role = t["Resources"][roleId]["Properties"];
                if (role["AssumeRolePolicyDocument"].dump().find("lambda.amazonaws.com") !=
                        std::string::npos ||
                    roleId == "StateMachineRole")
                    continue;
                const Json statement = role["Policies"][0]["PolicyDocument"]["Statement"][0];
                const Json target = variant == 0 ? refTo("StateMachine") : getAtt("MonolithFunction", "Arn");
                JCOMPARE(statement["Resource"], Json::array({target}));
            }
        }
    }

    void noTriggerMeansNoApi()
    {
        design::Project p = example();
        p.usage.trigger = design::Trigger::None;
        const Json t = build(p);
        QVERIFY(!t["Outputs"].contains("ApiUrl"));
        QCOMPARE(count(t, "AWS::IAM::Role"), 3);
    }

    void yamlIsShortFormAndReadsBackAsTheJson()
    {
        for (auto variant : {cfn::Variant::Designed, cfn::Variant::NatGateway}) {
            const Json t = build(example(), variant, true);
            const std::string yaml = cfn::writeTemplateYaml(t);
            QVERIFY(yaml.find("!Ref ") != std::string::npos);
            QVERIFY(yaml.find("!GetAtt ") != std::string::npos);
            QVERIFY(yaml.find("!Sub ") != std::string::npos);
            QVERIFY(yaml.find("Fn::") == std::string::npos);
            QVERIFY(yaml.find("Ref:") == std::string::npos);
            const auto back = asl::parseYaml(yaml, "template.yaml"); // reads short tags as long form
            QVERIFY2(back.value.has_value(), back.error ? back.error->toString().c_str() : "");
            QCOMPARE(back.value->dump(), t.dump());
        }
    }

    void timeouts()
    {
        QCOMPARE(cfn::lambdaTimeoutSeconds(100), 3);
        QCOMPARE(cfn::lambdaTimeoutSeconds(2000), 6);
        QCOMPARE(cfn::lambdaTimeoutSeconds(1e9), 900);
        QCOMPARE(cfn::lambdaTimeoutSeconds(-5), 3);
    }

    void goldenFiles_data()
    {
        QTest::addColumn<int>("variant");
        QTest::addColumn<bool>("createVpc");
        QTest::addColumn<QString>("ext");
        for (int v : {0, 1})
            for (bool c : {false, true})
                for (const char *ext : {"yaml", "json"})
                    QTest::addRow("%s%s.%s", v ? "nat-gateway" : "designed", c ? "-create-vpc" : "", ext)
                        << v << c << ext;
    }
    void goldenFiles()
    {
        QFETCH(int, variant);
        QFETCH(bool, createVpc);
        QFETCH(QString, ext);
        const auto v = static_cast<cfn::Variant>(variant);
        const Json t = build(example(), v, createVpc);
        const std::string text =
            cfn::writeTemplate(t, ext == "yaml" ? asl::TextFormat::YamlText : asl::TextFormat::JsonText);
        const std::string path = std::string(EGRESS_SOURCE_DIR "/tests/cfn/golden/partner-api.") +
                                 cfn::toString(v) + (createVpc ? ".create-vpc." : ".") + ext.toStdString();
        if (qEnvironmentVariableIsSet("EGRESS_REGENERATE_GOLDEN")) {
            std::ofstream(path, std::ios::binary) << text;
            QSKIP("golden file regenerated");
        }
        std::ifstream in(path, std::ios::binary);
        QVERIFY2(in, ("missing golden file " + path + " (EGRESS_REGENERATE_GOLDEN=1 writes it)").c_str());
        std::stringstream golden;
        golden << in.rdbuf();
        QCOMPARE(text, golden.str());
    }
};

QTEST_GUILESS_MAIN(TestCfn)
#include "tst_cfn.moc"
