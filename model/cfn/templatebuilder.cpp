#include "cfn/templatebuilder.h"

#include "asl/workflow.h"
#include "cfn/definitionwiring.h"
#include "cfn/iam.h"
#include "cfn/intrinsics.h"
#include "cfn/network.h"
#include "cfn/permissions.h"
#include "cfn/templatedoc.h"
#include "cfn/triggers.h"

#include <algorithm>
#include <cmath>

namespace egress::cfn {

const char *toString(Variant variant)
{
    return variant == Variant::Designed ? "designed" : "nat-gateway";
}

std::optional<Variant> variantFromString(const std::string &s)
{
    if (s == "designed")
        return Variant::Designed;
    if (s == "nat-gateway")
        return Variant::NatGateway;
    return std::nullopt;
}

int lambdaTimeoutSeconds(double expectedDurationMs)
{
    if (!std::isfinite(expectedDurationMs) || expectedDurationMs < 0)
        return 3;
    const double seconds = std::ceil(expectedDurationMs * 3 / 1000);
    return static_cast<int>(std::clamp(seconds, 3.0, 900.0));
}

namespace {

/** A Lambda step of the project with its design data. */
struct LambdaStep
{
    std::string name;
    design::StepDesign design;
};

std::vector<LambdaStep> lambdaSteps(const design::Project &project)
{
    std::vector<LambdaStep> steps;
    const auto index = asl::WorkflowIndex::build(project.definition);
    for (const auto &state : index.states()) {
        const Json *json = asl::stateJson(project.definition, state);
        if (json && asl::classifyTask(*json) == asl::TaskKind::Lambda)
            steps.push_back({state.name, project.step(state.name)});
    }
    return steps;
}

/** A default state machine name from the project name: letters, digits, '-' and '_', at most 80. */
std::string stateMachineNameFor(const std::string &projectName)
{
    std::string out;
    for (char c : projectName) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '-';
        if (ok)
            out += c;
        else if (!out.empty() && out.back() != '-')
            out += '-';
        if (out.size() >= 64)
            break;
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? "workflow" : out;
}

std::string interfaceServiceOf(const design::StepDesign &step)
{
    const auto it = step.extra.find("endpointService");
    return it != step.extra.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void addInterfaceService(NetworkNeeds &needs, const design::StepDesign &step)
{
    const std::string service = interfaceServiceOf(step);
    const bool valid = std::all_of(service.begin(), service.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
    const std::string entry = valid ? service : std::string();
    if (std::find(needs.interfaceServices.begin(), needs.interfaceServices.end(), entry) ==
        needs.interfaceServices.end())
        needs.interfaceServices.push_back(entry);
}

Json architectures(design::Architecture architecture)
{
    return Json::array({architecture == design::Architecture::Arm64 ? "arm64" : "x86_64"});
}

class Builder
{
public:
    Builder(const design::Project &project, const ExportOptions &options)
        : m_project(project), m_options(options)
    {
    }

    ExportResult build()
    {
        m_steps = lambdaSteps(m_project);
        if (m_options.variant == Variant::Designed)
            buildDesigned();
        else
            buildNatBaseline();

        ExportResult result;
        result.notes = m_doc.notes();
        Json metadata = {{"Project", m_project.name},
                         {"Variant", toString(m_options.variant)},
                         {"CreateVpc", m_options.createVpc}};
        result.templateJson = m_doc.toJson(description(), metadata);
        result.functionOfStep = m_functionOfStep;
        result.stateMachine = m_stateMachine;
        if (!m_stateMachine.empty()) // the definition sits in the template as written, numbers included
            result.numberForms = asl::numberFormsPrefixed(
                m_project.definitionNumberForms,
                "/Resources/" + asl::escapePointerToken(m_stateMachine) + "/Properties/Definition");
        if (m_doc.parameterCount() > kMaxParameters)
            result.problems.push_back("the template has " + std::to_string(m_doc.parameterCount()) +
                                      " parameters; CloudFormation allows " + std::to_string(kMaxParameters));
        if (m_doc.resourceCount() > kMaxResources)
            result.problems.push_back("the template has " + std::to_string(m_doc.resourceCount()) +
                                      " resources; CloudFormation allows " + std::to_string(kMaxResources));
        if (m_doc.outputCount() > kMaxOutputs)
            result.problems.push_back("the template has " + std::to_string(m_doc.outputCount()) +
                                      " outputs; CloudFormation allows " + std::to_string(kMaxOutputs));
        return result;
    }

private:
    std::string description() const
    {
        std::string name = m_project.name.substr(0, 200);
        if (m_options.variant == Variant::Designed)
            return "Egress Studio: " + name + " as designed (" + std::to_string(m_steps.size()) +
                   " Lambda steps, " + std::to_string(m_inside) + " inside the VPC, " +
                   (m_natGateways ? std::to_string(m_natGateways) + " NAT gateways" : "no NAT gateway") + ")";
        return "Egress Studio: " + name + " as the NAT gateway baseline (one function in the VPC, " +
               std::to_string(m_natGateways) + " NAT gateways)";
    }

    void addCodeParameters()
    {
        m_codeBucket = m_doc.addParameter(
            "CodeBucket",
            {{"Type", "String"},
             {"MinLength", 3},
             {"Description",
              "S3 bucket holding the functions' deployment packages (.zip), in the stack's region"}});
        m_runtime = m_doc.addParameter(
            "LambdaRuntime",
            {{"Type", "String"},
             {"Default", "python3.12"},
             {"Description", "Runtime of every function (e.g. python3.12, nodejs20.x, java21)"}});
    }

    /** The basic-execution role, or the one that may also attach to the VPC; created on first use. */
    std::string functionRole(bool inVpc)
    {
        std::string &role = inVpc ? m_vpcRole : m_basicRole;
        if (role.empty()) {
            Json policies = Json::array({managedPolicy("service-role/AWSLambdaBasicExecutionRole")});
            if (inVpc)
                policies.push_back(managedPolicy("service-role/AWSLambdaVPCAccessExecutionRole"));
            role = m_doc.addResource(
                inVpc ? "VpcFunctionRole" : "FunctionRole", "AWS::IAM::Role",
                {{"AssumeRolePolicyDocument", assumeRolePolicy("lambda.amazonaws.com", false)},
                 {"ManagedPolicyArns", policies}});
        }
        return role;
    }

    Json functionProperties(const std::string &logicalId, const std::string &description, int memoryMb,
                            int timeout, design::Architecture architecture, bool inVpc)
    {
        const std::string codeKey = m_doc.addParameter(
            logicalId + "CodeKey", {{"Type", "String"},
                                    {"Default", logicalId + ".zip"},
                                    {"Description", "S3 key of " + logicalId + "'s deployment package"}});
        const std::string handler = m_doc.addParameter(
            logicalId + "Handler",
            {{"Type", "String"}, {"Default", "index.handler"}, {"Description", "Handler of " + logicalId}});
        Json props = {{"Description", description.substr(0, 256)},
                      {"Runtime", refOf(m_runtime)},
                      {"Handler", refOf(handler)},
                      {"Code", {{"S3Bucket", refOf(m_codeBucket)}, {"S3Key", refOf(codeKey)}}},
                      {"Role", getAtt(functionRole(inVpc), "Arn")},
                      {"MemorySize", std::clamp(memoryMb, 128, 10240)},
                      {"Timeout", timeout},
                      {"Architectures", architectures(architecture)}};
        if (inVpc)
            props["VpcConfig"] = {{"SubnetIds", m_network.subnetIds},
                                  {"SecurityGroupIds", m_network.securityGroupIds}};
        return props;
    }

    void addNetwork(NetworkNeeds needs)
    {
        needs.availabilityZones = m_project.vpc.availabilityZones;
        needs.createVpc = m_options.createVpc;
        if (!needs.vpc) {
            if (m_options.createVpc)
                m_doc.addNote("no function runs inside the VPC, so no network is created");
            return;
        }
        m_network = cfn::addNetwork(m_doc, needs);
        m_natGateways = static_cast<int>(m_network.natGateways.size());
    }

    void buildDesigned()
    {
        NetworkNeeds needs;
        for (const auto &step : m_steps) {
            if (step.design.placement != design::Placement::InsideVpc)
                continue;
            ++m_inside;
            needs.vpc = true;
            needs.nat = needs.nat || step.design.egress == design::Egress::Internet;
            needs.gatewayEndpoints =
                needs.gatewayEndpoints || step.design.egress == design::Egress::AwsGatewayEndpoint;
            if (step.design.egress == design::Egress::AwsInterfaceEndpoint)
                addInterfaceService(needs, step.design);
        }
        WiredDefinition wired = wireDefinition(m_project, m_doc);
        for (auto &note : wired.notes)
            m_doc.addNote(note);
        addNetwork(needs);
        if (!wired.functions.empty())
            addCodeParameters();
        for (const auto &fn : wired.functions) {
            const design::StepDesign step = m_project.step(fn.stateName);
            const bool inside = step.placement == design::Placement::InsideVpc;
            m_functionOfStep.emplace(fn.stateName, fn.logicalId);
            const std::string what =
                "Step \"" + fn.stateName + "\" (" + (inside ? "inside" : "outside") + " the VPC)";
            m_doc.putResource(fn.logicalId, "AWS::Lambda::Function",
                              functionProperties(fn.logicalId, what, step.memoryMb,
                                                 lambdaTimeoutSeconds(step.durationMs), step.architecture,
                                                 inside));
        }
        addConnections(wired);
        const std::string machine = addStateMachine(wired);
        m_stateMachine = machine;
        addTrigger(m_doc, m_project.usage.trigger,
                   {machine, true, m_project.workflowType == design::WorkflowType::Express});
        m_doc.addOutput("StateMachineArn", "The state machine", refOf(machine));
        addFunctionOutputs(wired);
    }

    void addConnections(const WiredDefinition &wired)
    {
        if (wired.connections.empty())
            return;
        const std::string keyName = m_doc.addParameter(
            "HttpApiKeyName",
            {{"Type", "String"},
             {"Default", "x-api-key"},
             {"Description", "Header that carries the third-party API key in the HTTP Tasks' requests"}});
        for (const auto &connection : wired.connections) {
            const std::string value = m_doc.addParameter(
                connection.logicalId + "ApiKey",
                {{"Type", "String"},
                 {"NoEcho", true},
                 {"MinLength", 1},
                 {"Description", "API key sent by the HTTP Task(s) " + connection.stateNames.front() +
                                     (connection.stateNames.size() > 1 ? " ..." : "")}});
            m_doc.putResource(
                connection.logicalId, "AWS::Events::Connection",
                {{"Description", "Credentials for the HTTP Task \"" + connection.stateNames.front() + "\""},
                 {"AuthorizationType", "API_KEY"},
                 {"AuthParameters",
                  {{"ApiKeyAuthParameters",
                    {{"ApiKeyName", refOf(keyName)}, {"ApiKeyValue", refOf(value)}}}}}});
        }
    }

    std::string addStateMachine(const WiredDefinition &wired)
    {
        const std::string name = m_doc.addParameter(
            "StateMachineName",
            {{"Type", "String"},
             {"Default", stateMachineNameFor(m_project.name)},
             {"AllowedPattern", "^[A-Za-z0-9_-]{1,80}$"},
             {"Description", "Name of the state machine (its role's policy refers to it)"}});
        const std::string level =
            m_doc.addParameter("LogLevel", {{"Type", "String"},
                                            {"Default", "ERROR"},
                                            {"AllowedValues", Json::array({"ALL", "ERROR", "FATAL", "OFF"})},
                                            {"Description", "Which execution events go to the log group"}});
        const std::string includeData = m_doc.addParameter(
            "LogExecutionData", {{"Type", "String"},
                                 {"Default", "false"},
                                 {"AllowedValues", Json::array({"true", "false"})},
                                 {"Description", "Whether logs include each state's input and output"}});
        const std::string retention = m_doc.addParameter(
            "LogRetentionDays",
            {{"Type", "Number"},
             {"Default", 30},
             {"AllowedValues", Json::array({1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                            365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653})},
             {"Description", "How long the execution logs are kept"}});
        const std::string tracing = m_doc.addParameter(
            "TracingEnabled", {{"Type", "String"},
                               {"Default", "false"},
                               {"AllowedValues", Json::array({"true", "false"})},
                               {"Description", "Whether executions are traced with AWS X-Ray"}});
        const std::string includeDataOn =
            m_doc.addCondition("LogExecutionDataOn", equals(refOf(includeData), "true"));
        const std::string tracingOn = m_doc.addCondition("TracingOn", equals(refOf(tracing), "true"));
        const std::string logGroup =
            m_doc.addResource("StateMachineLogGroup", "AWS::Logs::LogGroup",
                              {{"LogGroupName", sub("/aws/vendedlogs/states/${" + name + "}")},
                               {"RetentionInDays", refOf(retention)}});

        const Json ownArn =
            sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${" + name + "}");
        StateMachinePolicy policy = stateMachinePolicy(wired, ownArn, name);
        Json statements = policy.statements;
        // Log delivery and X-Ray actions take no resource: AWS documents them with Resource "*".
        statements.push_back(
            allow(Json::array({"logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
                               "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
                               "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"}),
                  "*"));
        statements.push_back(ifThen(tracingOn,
                                    allow(Json::array({"xray:PutTraceSegments", "xray:PutTelemetryRecords",
                                                       "xray:GetSamplingRules", "xray:GetSamplingTargets"}),
                                          "*"),
                                    refOf("AWS::NoValue")));
        const std::string role =
            m_doc.addResource("StateMachineRole", "AWS::IAM::Role",
                              {{"AssumeRolePolicyDocument", assumeRolePolicy("states.amazonaws.com")},
                               {"Policies", Json::array({inlinePolicy("least-privilege", statements)})}});
        std::vector<std::string> roleNotes = {"logs:* log-delivery and xray:* actions do not support "
                                              "resource-level permissions, hence Resource \"*\""};
        roleNotes.insert(roleNotes.end(), policy.notes.begin(), policy.notes.end());
        m_doc.resource(role)["Metadata"] = {{"EgressStudio", {{"Notes", roleNotes}}}};
        for (const auto &note : policy.notes)
            m_doc.addNote(note);

        Json props = {{"StateMachineName", refOf(name)},
                      {"StateMachineType",
                       m_project.workflowType == design::WorkflowType::Express ? "EXPRESS" : "STANDARD"},
                      {"RoleArn", getAtt(role, "Arn")},
                      {"Definition", wired.definition}};
        if (!wired.substitutions.empty())
            props["DefinitionSubstitutions"] = wired.substitutions;
        props["LoggingConfiguration"] = {
            {"Level", refOf(level)},
            {"IncludeExecutionData", ifThen(includeDataOn, true, false)},
            {"Destinations",
             Json::array({{{"CloudWatchLogsLogGroup", {{"LogGroupArn", getAtt(logGroup, "Arn")}}}}})}};
        props["TracingConfiguration"] = {{"Enabled", ifThen(tracingOn, true, false)}};
        return m_doc.addResource("StateMachine", "AWS::StepFunctions::StateMachine", props);
    }

    void addFunctionOutputs(const WiredDefinition &wired)
    {
        // Leave room for the other outputs within CloudFormation's quota.
        constexpr std::size_t kMaxFunctionOutputs = kMaxOutputs - 10;
        if (wired.functions.size() > kMaxFunctionOutputs) {
            m_doc.addNote("more functions than outputs allowed: function ARNs are not exported as outputs");
            return;
        }
        for (const auto &fn : wired.functions)
            m_doc.addOutput(fn.logicalId + "Arn", "Function of step \"" + fn.stateName + "\"",
                            getAtt(fn.logicalId, "Arn"));
    }

    void buildNatBaseline()
    {
        NetworkNeeds needs;
        needs.vpc = true;
        needs.nat = true;
        int memory = 128;
        double duration = 0;
        bool allArm = !m_steps.empty();
        for (const auto &step : m_steps) {
            memory = std::max(memory, step.design.memoryMb);
            duration += step.design.durationMs;
            allArm = allArm && step.design.architecture == design::Architecture::Arm64;
            needs.gatewayEndpoints =
                needs.gatewayEndpoints || step.design.egress == design::Egress::AwsGatewayEndpoint;
            if (step.design.egress == design::Egress::AwsInterfaceEndpoint)
                addInterfaceService(needs, step.design);
        }
        m_inside = 1;
        addNetwork(needs);
        addCodeParameters();
        const std::string monolith = m_doc.names().claim("MonolithFunction");
        m_doc.putResource(
            monolith, "AWS::Lambda::Function",
            functionProperties(monolith,
                               "All " + std::to_string(m_steps.size()) +
                                   " steps of the workflow in one function, in the VPC",
                               memory, lambdaTimeoutSeconds(duration),
                               allArm ? design::Architecture::Arm64 : design::Architecture::X86_64, true));
        // The function reaches the internet only once its AZ's default route exists.
        Json dependsOn = Json::array();
        for (std::size_t i = 0; i < m_network.natGateways.size(); ++i)
            dependsOn.push_back(m_network.natGateways[i]);
        if (!dependsOn.empty())
            m_doc.resource(monolith)["DependsOn"] = dependsOn;
        addTrigger(m_doc, m_project.usage.trigger, {monolith, false, false});
        m_doc.addOutput("MonolithFunctionArn", "The function doing all the work", getAtt(monolith, "Arn"));
    }

    const design::Project &m_project;
    ExportOptions m_options;
    TemplateDoc m_doc;
    std::vector<LambdaStep> m_steps;
    NetworkRefs m_network;
    std::string m_codeBucket;
    std::string m_runtime;
    std::string m_basicRole;
    std::string m_vpcRole;
    int m_inside = 0;
    int m_natGateways = 0;
    std::map<std::string, std::string> m_functionOfStep;
    std::string m_stateMachine;
};

} // namespace

ExportResult buildTemplate(const design::Project &project, const ExportOptions &options)
{
    return Builder(project, options).build();
}

} // namespace egress::cfn
