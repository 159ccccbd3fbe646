#include "cfn/triggers.h"

#include "cfn/iam.h"
#include "cfn/intrinsics.h"

namespace egress::cfn {

namespace {

std::string startAction(const TriggerTarget &target, bool synchronous)
{
    return synchronous && target.express ? "StartSyncExecution" : "StartExecution";
}

/** The role a trigger's service assumes to start the target, allowed exactly that. */
std::string addInvokeRole(TemplateDoc &doc, const std::string &base, const std::string &principal,
                          const TriggerTarget &target, bool synchronous)
{
    const Json statement =
        target.isStateMachine
            ? allow(Json::array({"states:" + startAction(target, synchronous)}),
                    Json::array({refOf(target.logicalId)}))
            : allow(Json::array({"lambda:InvokeFunction"}), Json::array({getAtt(target.logicalId, "Arn")}));
    return doc.addResource(
        base, "AWS::IAM::Role",
        {{"AssumeRolePolicyDocument", assumeRolePolicy(principal, false)},
         {"Policies", Json::array({inlinePolicy("start-target", Json::array({statement}))})}});
}

std::string authorizationParameter(TemplateDoc &doc)
{
    return doc.addParameter(
        "ApiAuthorizationType",
        {{"Type", "String"},
         {"Default", "AWS_IAM"},
         {"AllowedValues", Json::array({"AWS_IAM", "NONE"})},
         {"Description",
          "Who may call the API: AWS_IAM (signed requests) or NONE (anyone on the internet)"}});
}

void addRestApi(TemplateDoc &doc, const TriggerTarget &target)
{
    const std::string auth = authorizationParameter(doc);
    const std::string api =
        doc.addResource("RestApi", "AWS::ApiGateway::RestApi",
                        {{"Name", sub("${AWS::StackName}-api")},
                         {"Description", "Starts the workflow"},
                         {"EndpointConfiguration", {{"Types", Json::array({"REGIONAL"})}}}});
    const std::string role = addInvokeRole(doc, "RestApiRole", "apigateway.amazonaws.com", target, true);
    Json integration;
    if (target.isStateMachine) {
        const std::string action = startAction(target, true);
        integration = {
            {"Type", "AWS"},
            {"IntegrationHttpMethod", "POST"},
            {"Uri", sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/" + action)},
            {"Credentials", getAtt(role, "Arn")},
            {"PassthroughBehavior", "NEVER"},
            {"RequestTemplates",
             {{"application/json",
               sub(R"vtl({"input": "$util.escapeJavaScript($input.body)", "stateMachineArn": "${StateMachineArn}"})vtl",
                   {{"StateMachineArn", refOf(target.logicalId)}})}}}};
        Json response = {{"StatusCode", "200"}};
        if (target.express) // the workflow's output is the response body, not Step Functions' envelope
            response["ResponseTemplates"] = {{"application/json", "$input.path('$.output')"}};
        integration["IntegrationResponses"] = Json::array({response});
    } else {
        integration = {
            {"Type", "AWS_PROXY"},
            {"IntegrationHttpMethod", "POST"},
            {"Uri",
             sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${" +
                 target.logicalId + ".Arn}/invocations")},
            {"Credentials", getAtt(role, "Arn")}};
    }
    Json methodProperties = {{"RestApiId", refOf(api)},
                             {"ResourceId", getAtt(api, "RootResourceId")},
                             {"HttpMethod", "POST"},
                             {"AuthorizationType", refOf(auth)},
                             {"Integration", integration}};
    if (target.isStateMachine)
        methodProperties["MethodResponses"] = Json::array({{{"StatusCode", "200"}}});
    const std::string method =
        doc.addResource("RestApiPostMethod", "AWS::ApiGateway::Method", methodProperties);
    const std::string deployment =
        doc.addResource("RestApiDeployment", "AWS::ApiGateway::Deployment", {{"RestApiId", refOf(api)}});
    doc.resource(deployment)["DependsOn"] = Json::array({method});
    const std::string stage = doc.addResource(
        "RestApiStage", "AWS::ApiGateway::Stage",
        {{"RestApiId", refOf(api)}, {"DeploymentId", refOf(deployment)}, {"StageName", "prod"}});
    doc.addOutput(
        "ApiUrl", "POST here to start the workflow",
        sub("https://${" + api + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${" + stage + "}/"));
}

void addHttpApi(TemplateDoc &doc, const TriggerTarget &target)
{
    const std::string auth = authorizationParameter(doc);
    const std::string api = doc.addResource("HttpApi", "AWS::ApiGatewayV2::Api",
                                            {{"Name", sub("${AWS::StackName}-api")},
                                             {"ProtocolType", "HTTP"},
                                             {"Description", "Starts the workflow"}});
    const std::string role = addInvokeRole(doc, "HttpApiRole", "apigateway.amazonaws.com", target, true);
    Json integration = {
        {"ApiId", refOf(api)}, {"IntegrationType", "AWS_PROXY"}, {"CredentialsArn", getAtt(role, "Arn")}};
    if (target.isStateMachine) {
        integration["IntegrationSubtype"] = "StepFunctions-" + startAction(target, true);
        integration["PayloadFormatVersion"] = "1.0";
        integration["RequestParameters"] = {{"StateMachineArn", refOf(target.logicalId)},
                                            {"Input", "$request.body"}};
    } else {
        integration["IntegrationUri"] = getAtt(target.logicalId, "Arn");
        integration["PayloadFormatVersion"] = "2.0";
    }
    const std::string integrationId =
        doc.addResource("HttpApiIntegration", "AWS::ApiGatewayV2::Integration", integration);
    doc.addResource("HttpApiRoute", "AWS::ApiGatewayV2::Route",
                    {{"ApiId", refOf(api)},
                     {"RouteKey", "POST /"},
                     {"AuthorizationType", refOf(auth)},
                     {"Target", sub("integrations/${" + integrationId + "}")}});
    doc.addResource("HttpApiStage", "AWS::ApiGatewayV2::Stage",
                    {{"ApiId", refOf(api)}, {"StageName", "$default"}, {"AutoDeploy", true}});
    doc.addOutput("ApiUrl", "POST here to start the workflow", sub("${" + api + ".ApiEndpoint}/"));
}

void addEventRule(TemplateDoc &doc, const TriggerTarget &target)
{
    const std::string bus = doc.addParameter(
        "EventBusName",
        {{"Type", "String"}, {"Default", "default"}, {"Description", "The event bus the rule listens on"}});
    const std::string source = doc.addParameter(
        "EventSource", {{"Type", "String"},
                        {"Default", "egress.studio"},
                        {"Description", "The source of the events that start the workflow"}});
    const std::string detailType = doc.addParameter(
        "EventDetailType", {{"Type", "String"},
                            {"Default", "StartWorkflow"},
                            {"Description", "The detail-type of the events that start the workflow"}});
    Json eventTarget = {{"Id", "Target"}};
    std::string role;
    if (target.isStateMachine) {
        role = addInvokeRole(doc, "EventRuleRole", "events.amazonaws.com", target, false);
        eventTarget["Arn"] = refOf(target.logicalId);
        eventTarget["RoleArn"] = getAtt(role, "Arn");
    } else {
        eventTarget["Arn"] = getAtt(target.logicalId, "Arn");
    }
    const std::string rule = doc.addResource(
        "EventRule", "AWS::Events::Rule",
        {{"Description", "Starts the workflow"},
         {"EventBusName", refOf(bus)},
         {"EventPattern",
          {{"source", Json::array({refOf(source)})}, {"detail-type", Json::array({refOf(detailType)})}}},
         {"State", "ENABLED"},
         {"Targets", Json::array({eventTarget})}});
    if (!target.isStateMachine) {
        // EventBridge invokes Lambda through the function's resource policy, not a role.
        doc.addResource("EventRuleInvokePermission", "AWS::Lambda::Permission",
                        {{"Action", "lambda:InvokeFunction"},
                         {"FunctionName", refOf(target.logicalId)},
                         {"Principal", "events.amazonaws.com"},
                         {"SourceArn", getAtt(rule, "Arn")}});
    }
}

} // namespace

void addTrigger(TemplateDoc &doc, design::Trigger trigger, const TriggerTarget &target)
{
    switch (trigger) {
    case design::Trigger::ApiGatewayRest:
        addRestApi(doc, target);
        break;
    case design::Trigger::ApiGatewayHttp:
        addHttpApi(doc, target);
        break;
    case design::Trigger::EventBridge:
        addEventRule(doc, target);
        break;
    case design::Trigger::None:
        break;
    }
}

} // namespace egress::cfn
